// Editor basics for lvm-conf (lvm.conf, lvmlocal.conf, profiles) and lockmgr-conf (sanlock.conf,
// dlm.conf): the TextMate grammars, the snippets and the language configurations.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vsctm from 'vscode-textmate';
import { DLM_KEYS, SANLOCK_KEYS } from '../../server/src/lockmgr/schema';
import { requireTool } from '../tools';
import { expectNoScope, expectScope, loadGrammar, type Tok, tokenize } from './textmate';

const ROOT = path.resolve(__dirname, '../../..');

function readJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as T;
}

/** Every scope of every token of a document. */
function allScopes(lines: Tok[][]): string[] {
  return lines.flatMap((line) => line.flatMap((t) => t.scopes));
}

// ---------------------------------------------------------------------------
// lvm-conf

describe('lvm-conf grammar', () => {
  let grammar: vsctm.IGrammar;
  const lines = (text: string) => tokenize(grammar, text);
  const one = (text: string) => tokenize(grammar, text)[0];

  before(async () => {
    grammar = await loadGrammar('source.lvm-conf', 'syntaxes/lvm-conf.tmLanguage.json');
  });

  it('scopes comments, including one after a value', () => {
    const whole = one('# lvm.conf for xen01');
    expectScope(whole, '# lvm.conf for xen01', 'comment.line.number-sign.lvm-conf');
    expectScope(whole, '#', 'punctuation.definition.comment.lvm-conf');
    const after = one('umask = 077 # rw for owner only');
    expectScope(after, '077', 'constant.numeric.integer.octal.lvm-conf');
    expectScope(after, '# rw for owner only', 'comment.line.number-sign.lvm-conf');
  });

  it('scopes section names, braces and nested sections', () => {
    const doc = lines(['tags {', '\thosttags = 1', '\t@xen01 {', '\t\thost_list = [ "xen01" ]', '\t}', '}', 'global {', '}'].join('\n'));
    expectScope(doc[0], 'tags', 'entity.name.section.lvm-conf');
    expectScope(doc[0], '{', 'punctuation.definition.block.begin.lvm-conf');
    expectScope(doc[1], 'hosttags', 'meta.block.lvm-conf');
    expectScope(doc[2], '@xen01', 'entity.name.section.lvm-conf');
    expectScope(doc[3], 'host_list', 'variable.other.key.lvm-conf');
    // two levels deep: both blocks are on the scope stack
    const depth = doc[3].find((t) => t.text === 'host_list')?.scopes.filter((s) => s === 'meta.block.lvm-conf').length;
    assert.strictEqual(depth, 2);
    expectScope(doc[4], '}', 'punctuation.definition.block.end.lvm-conf');
    expectScope(doc[5], '}', 'punctuation.definition.block.end.lvm-conf');
    expectScope(doc[6], 'global', 'entity.name.section.lvm-conf');
    expectNoScope(doc[6], 'global', 'meta.block');
  });

  it('takes a word alone on its line as a section whose brace follows', () => {
    const doc = lines('devices # the brace comes next\n{\n\tscan_lvs = 0\n}');
    expectScope(doc[0], 'devices', 'entity.name.section.lvm-conf');
    expectScope(doc[0], '# the brace comes next', 'comment.line.number-sign.lvm-conf');
    expectScope(doc[1], '{', 'punctuation.definition.block.begin.lvm-conf');
    expectScope(doc[2], 'scan_lvs', 'variable.other.key.lvm-conf');
  });

  it('scopes keys, slash paths, well-known settings and the operator', () => {
    const line = one('devices/global_filter = [ "a|.*|" ] activation/my_setting=1');
    expectScope(line, 'devices/global_filter', 'variable.other.key.lvm-conf');
    expectScope(line, '/', 'punctuation.separator.path.lvm-conf');
    expectScope(line, 'global_filter', 'support.type.property-name.lvm-conf');
    expectNoScope(line, 'devices', 'support.type.property-name');
    expectScope(line, '=', 'keyword.operator.assignment.lvm-conf');
    expectScope(line, 'activation/my_setting', 'variable.other.key.lvm-conf');
    expectNoScope(line, 'my_setting', 'support.type.property-name');
    expectScope(line, '1', 'constant.numeric.integer.lvm-conf');
    expectScope(one('\tuse_lvmlockd = 1'), 'use_lvmlockd', 'support.type.property-name.lvm-conf');
  });

  it('double-quoted strings know only \\" and \\\\ as escapes', () => {
    const line = one('units = "a\\"b\\\\c\\d"');
    expectScope(line, '"a', 'string.quoted.double.lvm-conf');
    expectScope(line, '\\"', 'constant.character.escape.lvm-conf');
    expectScope(line, '\\\\', 'constant.character.escape.lvm-conf');
    expectNoScope(line, '\\d', 'constant.character.escape');
    expectScope(line, '\\d', 'string.quoted.double.lvm-conf');
    expectNoScope(line, '\\d', 'invalid');
  });

  it('single-quoted strings have no escapes: a backslash is literal and the next quote ends them', () => {
    const line = one("locking_dir = 'C:\\dir\\' scan_lvs = 0");
    expectScope(line, "'C:\\dir\\'", 'string.quoted.single.lvm-conf');
    expectNoScope(line, '\\d', 'constant.character.escape');
    expectScope(line, 'scan_lvs', 'variable.other.key.lvm-conf');
    expectNoScope(line, 'scan_lvs', 'string');
  });

  it('strings may span lines, as in LVM', () => {
    const doc = lines('units = "a\nb"\nscan_lvs = 0');
    expectScope(doc[1], 'b', 'string.quoted.double.lvm-conf');
    expectScope(doc[2], 'scan_lvs', 'variable.other.key.lvm-conf');
  });

  it('scopes integers, signs, octal and floats, and marks what LVM cannot read', () => {
    const line = one('a = 42 b = -5 c = +7 d = 077 e = 0 f = 1.5 g = -0.25 h = .5');
    expectScope(line, '42', 'constant.numeric.integer.lvm-conf');
    expectScope(line, '-5', 'constant.numeric.integer.lvm-conf');
    expectScope(line, '+7', 'constant.numeric.integer.lvm-conf');
    expectScope(line, '077', 'constant.numeric.integer.octal.lvm-conf');
    expectScope(line, '0', 'constant.numeric.integer.lvm-conf', 1);
    expectScope(line, '1.5', 'constant.numeric.float.lvm-conf');
    expectScope(line, '-0.25', 'constant.numeric.float.lvm-conf');
    expectScope(line, '.5', 'constant.numeric.float.lvm-conf', 1);
    for (const bad of ['0x3f', '512M', '08', '1.2.3']) {
      expectScope(one(`umask = ${bad}`), bad, 'invalid.illegal.lvm-conf');
    }
  });

  it('reads bare words as strings', () => {
    const line = one('issue_discards = yes system_id_source = uname');
    expectScope(line, 'yes', 'string.unquoted.lvm-conf');
    expectScope(line, 'uname', 'string.unquoted.lvm-conf');
    expectScope(line, 'system_id_source', 'variable.other.key.lvm-conf');
    // the value may follow on the next line
    const doc = lines('units =\n\th\nscan_lvs = 0');
    expectScope(doc[1], 'h', 'string.unquoted.lvm-conf');
    expectNoScope(doc[1], 'h', 'entity.name.section');
    expectScope(doc[2], 'scan_lvs', 'variable.other.key.lvm-conf');
  });

  it('scopes arrays with a trailing comma, mixed values and filter patterns', () => {
    const line = one('filter = [ "a|^/dev/sd[a-z]+$|", \'r|/dev/loop.*|\', 16, ]');
    expectScope(line, '[', 'punctuation.definition.array.begin.lvm-conf');
    expectScope(line, ',', 'punctuation.separator.array.comma.lvm-conf', 0);
    expectScope(line, ',', 'punctuation.separator.array.comma.lvm-conf', 2);
    expectScope(line, ']', 'punctuation.definition.array.end.lvm-conf', 1);
    expectScope(line, '16', 'constant.numeric.integer.lvm-conf');
    expectScope(line, '16', 'meta.structure.array.lvm-conf');
    const filterKeyword = (letter: string) => line.find((t) => t.text === letter && t.scopes.some((s) => s.startsWith('keyword.other.filter.')));
    assert.ok(filterKeyword('a')?.scopes.includes('keyword.other.filter.accept.lvm-conf'));
    assert.ok(filterKeyword('r')?.scopes.includes('keyword.other.filter.reject.lvm-conf'));
    expectScope(line, '|', 'punctuation.definition.regexp.begin.lvm-conf');
    expectScope(line, '^/dev/sd[a-z]+$', 'string.regexp.lvm-conf');
    expectScope(line, '^/dev/sd[a-z]+$', 'string.quoted.double.lvm-conf');
    expectScope(line, '/dev/loop.*', 'string.quoted.single.lvm-conf');
    expectNoScope(line, ']', 'invalid');
    // a string that only starts with "a" is not a filter
    expectNoScope(one('units = "abc"'), 'abc', 'keyword.other.filter');
  });

  it('follows a multi-line array and ends an unclosed one at the next setting', () => {
    const doc = lines(['volume_list = [', '\t"vg0", # dom0', '\t"@xen01"', ']', 'scan_lvs = 0'].join('\n'));
    expectScope(doc[1], '"vg0"', 'meta.structure.array.lvm-conf');
    expectScope(doc[1], '# dom0', 'comment.line.number-sign.lvm-conf');
    expectScope(doc[3], ']', 'punctuation.definition.array.end.lvm-conf');
    expectNoScope(doc[4], 'scan_lvs', 'meta.structure.array');
    const open = lines('volume_list = [ "vg0",\nscan_lvs = 0');
    expectScope(open[1], 'scan_lvs', 'variable.other.key.lvm-conf');
    expectNoScope(open[1], 'scan_lvs', 'meta.structure.array');
    const missing = lines('units =\nscan_lvs = 0');
    expectScope(missing[1], 'scan_lvs', 'variable.other.key.lvm-conf');
    expectNoScope(missing[1], 'scan_lvs', 'string');
    const brace = lines('global { volume_list = [ "vg0"\n}\nscan_lvs = 0');
    expectScope(brace[1], '}', 'punctuation.definition.block.end.lvm-conf');
    expectNoScope(brace[2], 'scan_lvs', 'meta.block');
  });

  it('marks a bare word glued to `,` or `]` in an array, which LVM cannot parse', () => {
    const line = one('volume_list = [ vg0 , vg1, vg2 ]');
    expectScope(line, 'vg0', 'string.unquoted.lvm-conf');
    expectScope(line, ',', 'punctuation.separator.array.comma.lvm-conf', 0);
    expectScope(line, 'vg1', 'string.unquoted.lvm-conf');
    expectScope(line, ',', 'invalid.illegal.lvm-conf', 1);
  });

  it('marks a statement without `=` and a stray closing brace', () => {
    const line = one('umask 077');
    expectScope(line, 'umask', 'invalid.illegal.lvm-conf');
    expectScope(line, '077', 'invalid.illegal.lvm-conf');
    expectScope(one('}'), '}', 'invalid.illegal.lvm-conf');
  });

  it('tokenizes a realistic lvm.conf without any invalid scope', () => {
    const doc = lines(
      [
        '# Xen host',
        'config {',
        '\tchecks = 1',
        '}',
        'devices {',
        '\tglobal_filter = [ "a|^/dev/sd[a-z]+[0-9]*$|", "a|^/dev/md[0-9]+$|", "r|.*|" ]',
        '\tscan_lvs = 0',
        '\ttypes = [ "fd", 16 ]',
        '}',
        'global {',
        '\tuse_lvmlockd = 1',
        '\tsystem_id_source = "none"',
        '}',
        'activation {',
        '\tthin_pool_autoextend_threshold = 80',
        '\tthin_pool_autoextend_percent = 20',
        '\tvolume_list = [ "vg_dom0", "@xen01" ]',
        '}',
        'log/verbose = 0',
        "backup/backup_dir = '/etc/lvm/backup'",
      ].join('\n'),
    );
    assert.deepStrictEqual(
      allScopes(doc).filter((s) => s.startsWith('invalid')),
      [],
    );
    assert.ok(!doc.at(-1)?.some((t) => t.scopes.includes('meta.block.lvm-conf')), 'all blocks closed');
  });
});

// ---------------------------------------------------------------------------
// lockmgr-conf

describe('lockmgr-conf grammar', () => {
  let grammar: vsctm.IGrammar;
  const lines = (text: string) => tokenize(grammar, text);
  const one = (text: string) => tokenize(grammar, text)[0];

  before(async () => {
    grammar = await loadGrammar('source.lockmgr-conf', 'syntaxes/lockmgr-conf.tmLanguage.json');
  });

  it('marks exactly the keys of the sanlock and dlm tables as known', () => {
    const json = fs.readFileSync(path.join(ROOT, 'syntaxes/lockmgr-conf.tmLanguage.json'), 'utf8');
    const known = /"match": "\^\(\?:([\w|]+)\)\$",\s*"name": "support\.type\.property-name\.lockmgr-conf"/.exec(json)![1].split('|');
    assert.deepStrictEqual([...known].sort(), [...new Set([...SANLOCK_KEYS, ...DLM_KEYS].map((k) => k.key))].sort());
  });

  it('a comment only when # is in column 1', () => {
    const doc = lines('# sanlock.conf\n  # not a comment\n\t# nor this');
    expectScope(doc[0], '# sanlock.conf', 'comment.line.number-sign.lockmgr-conf');
    expectScope(doc[0], '#', 'punctuation.definition.comment.lockmgr-conf');
    for (const line of [doc[1], doc[2]]) {
      expectNoScope(line, '#', 'comment');
      expectScope(line, '#', 'invalid.illegal.indented.lockmgr-conf');
    }
  });

  it('an indented setting is not read either', () => {
    const line = one('  io_timeout = 5');
    expectScope(line, 'io_timeout = 5', 'invalid.illegal.indented.lockmgr-conf');
    expectNoScope(line, 'io_timeout', 'variable.other.key');
  });

  it('scopes key = value lines, with and without spaces', () => {
    const line = one('use_watchdog = 1');
    expectScope(line, 'use_watchdog', 'variable.other.key.lockmgr-conf');
    expectScope(line, 'use_watchdog', 'support.type.property-name.lockmgr-conf');
    expectScope(line, '=', 'keyword.operator.assignment.lockmgr-conf');
    expectScope(line, '1', 'constant.numeric.integer.lockmgr-conf');
    const tight = one('enable_fencing=0');
    expectScope(tight, 'enable_fencing', 'support.type.property-name.lockmgr-conf');
    expectScope(tight, '0', 'constant.numeric.integer.lockmgr-conf');
    const word = one('max_sectors_kb = ignore');
    expectScope(word, 'ignore', 'string.unquoted.lockmgr-conf');
    const unknown = one('my_key = 3');
    expectScope(unknown, 'my_key', 'variable.other.key.lockmgr-conf');
    expectNoScope(unknown, 'my_key', 'support.type.property-name');
  });

  it('does not treat a # after a value as a comment', () => {
    const line = one('io_timeout = 10 # seconds');
    expectScope(line, '10', 'constant.numeric.integer.lockmgr-conf');
    expectNoScope(line, '# seconds', 'comment');
  });

  it('scopes a dlm fencing block', () => {
    const doc = lines(
      ['device  ipmi:1 fence_ipmilan login=admin passwd=secret lanplus=1', 'connect ipmi:1 node=1 ipaddr=10.0.0.11', 'unfence ipmi:1'].join('\n'),
    );
    expectScope(doc[0], 'device', 'keyword.other.lockmgr-conf');
    expectScope(doc[0], 'ipmi', 'entity.name.type.device.lockmgr-conf');
    expectScope(doc[0], ':', 'punctuation.separator.parallel.lockmgr-conf');
    expectScope(doc[0], '1', 'constant.numeric.integer.lockmgr-conf');
    expectScope(doc[0], 'fence_ipmilan', 'entity.name.function.agent.lockmgr-conf');
    expectScope(doc[0], 'login', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[0], '=', 'punctuation.separator.key-value.lockmgr-conf');
    expectScope(doc[0], 'admin', 'string.unquoted.lockmgr-conf');
    expectScope(doc[0], 'lanplus', 'entity.other.attribute-name.lockmgr-conf');
    expectNoScope(doc[0], 'device', 'variable.other.key');
    expectScope(doc[1], 'connect', 'keyword.other.lockmgr-conf');
    expectScope(doc[1], 'ipmi', 'entity.name.type.device.lockmgr-conf');
    expectScope(doc[1], 'node', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[1], '1', 'constant.numeric.integer.lockmgr-conf', 1);
    expectScope(doc[1], '10.0.0.11', 'string.unquoted.lockmgr-conf');
    expectScope(doc[2], 'unfence', 'keyword.other.lockmgr-conf');
    expectScope(doc[2], 'ipmi', 'entity.name.type.device.lockmgr-conf');
  });

  it('scopes fence_all, lockspace, master and node lines', () => {
    const doc = lines(['fence_all fence_scsi key=1', 'unfence_all', 'lockspace lvm_vg0 nodir=1', 'master lvm_vg0 node=1 weight=2', 'node id=2 mark=42'].join('\n'));
    expectScope(doc[0], 'fence_all', 'keyword.other.lockmgr-conf');
    expectScope(doc[0], 'fence_scsi', 'entity.name.function.agent.lockmgr-conf');
    expectScope(doc[0], 'key', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[1], 'unfence_all', 'keyword.other.lockmgr-conf');
    expectScope(doc[2], 'lockspace', 'keyword.other.lockmgr-conf');
    expectScope(doc[2], 'lvm_vg0', 'entity.name.namespace.lockspace.lockmgr-conf');
    expectScope(doc[2], 'nodir', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[3], 'master', 'keyword.other.lockmgr-conf');
    expectScope(doc[3], 'lvm_vg0', 'entity.name.namespace.lockspace.lockmgr-conf');
    expectScope(doc[3], 'weight', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[3], '2', 'constant.numeric.integer.lockmgr-conf', 0);
    expectScope(doc[4], 'node', 'keyword.other.lockmgr-conf');
    expectScope(doc[4], 'mark', 'entity.other.attribute-name.lockmgr-conf');
    expectScope(doc[4], '42', 'constant.numeric.integer.lockmgr-conf');
  });
});

// ---------------------------------------------------------------------------
// Snippets

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

/** The text VS Code inserts when every placeholder keeps its default and every choice its first option. */
function expandSnippet(body: string): string {
  type Node = string | { index: number; children?: Node[]; options?: string[] };
  let pos = 0;
  const parse = (inner: boolean): Node[] => {
    const out: Node[] = [];
    while (pos < body.length) {
      const c = body[pos];
      if (c === '\\' && '$}\\'.includes(body[pos + 1] ?? '')) {
        out.push(body[pos + 1]);
        pos += 2;
      } else if (inner && c === '}') {
        return out;
      } else if (c === '$') {
        const m = /^\$(?:(\d+)|\{(\d+)\}|\{(\d+):|\{(\d+)\|((?:[^|\\]|\\.)*)\|\})/.exec(body.slice(pos));
        assert.ok(m, `unsupported snippet syntax at ${body.slice(pos, pos + 20)}`);
        pos += m[0].length;
        if (m[1] ?? m[2]) out.push({ index: Number(m[1] ?? m[2]) });
        else if (m[3]) {
          const children = parse(true);
          assert.strictEqual(body[pos], '}', `unclosed placeholder in ${body}`);
          pos++;
          out.push({ index: Number(m[3]), children });
        } else {
          out.push({ index: Number(m[4]), options: m[5].split(/(?<!\\),/).map((o) => o.replace(/\\([,|\\])/g, '$1')) });
        }
      } else {
        out.push(c);
        pos++;
      }
    }
    return out;
  };
  const tree = parse(false);
  assert.strictEqual(pos, body.length, `stray '}' in ${body}`);
  const defaults = new Map<number, Node[]>();
  const collect = (nodes: Node[]) => {
    for (const n of nodes) {
      if (typeof n === 'string') continue;
      if (n.children && !defaults.has(n.index)) defaults.set(n.index, n.children);
      if (n.options && !defaults.has(n.index)) defaults.set(n.index, [n.options[0]]);
      if (n.children) collect(n.children);
    }
  };
  collect(tree);
  const render = (nodes: Node[]): string =>
    nodes.map((n) => (typeof n === 'string' ? n : render(n.children ?? (n.options ? [n.options[0]] : (defaults.get(n.index) ?? []))))).join('');
  return render(tree);
}

function snippetTexts(rel: string): [string, string][] {
  const snippets = readJson<Record<string, Snippet>>(rel);
  return Object.entries(snippets).map(([name, s]) => [name, expandSnippet(Array.isArray(s.body) ? s.body.join('\n') : s.body) + '\n']);
}

describe('lvm-conf and lockmgr-conf snippets', () => {
  for (const rel of ['snippets/lvm-conf.json', 'snippets/lockmgr-conf.json']) {
    it(`${rel} is valid JSON with a prefix, a non-empty body and a description for each snippet`, () => {
      const snippets = readJson<Record<string, Snippet>>(rel);
      assert.ok(Object.keys(snippets).length >= 4);
      const prefixes = new Set<string>();
      for (const [name, s] of Object.entries(snippets)) {
        const list = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
        assert.ok(list.length > 0 && list.every((p) => typeof p === 'string' && p.length > 0), `${name}: prefix`);
        for (const p of list) {
          assert.ok(!prefixes.has(p), `${name}: prefix ${p} is used twice`);
          prefixes.add(p);
        }
        assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        assert.ok(typeof body === 'string' && body.trim().length > 0, `${name}: empty body`);
        assert.ok(/\$\{?\d/.test(body), `${name}: no tabstop`);
      }
    });
  }

  it('expand to lvm.conf text the grammar finds nothing wrong with', async () => {
    const grammar = await loadGrammar('source.lvm-conf', 'syntaxes/lvm-conf.tmLanguage.json');
    for (const [name, text] of snippetTexts('snippets/lvm-conf.json')) {
      assert.ok(!/\$\{?\w/.test(text), `${name}: placeholder left in\n${text}`);
      const doc = tokenize(grammar, text);
      assert.deepStrictEqual(allScopes(doc).filter((s) => s.startsWith('invalid')), [], `${name}:\n${text}`);
      assert.ok(!doc.at(-1)?.some((t) => t.scopes.includes('meta.block.lvm-conf')), `${name}: unclosed section`);
    }
  });

  it('the Xen global_filter accepts the real disks and ends with a reject-all', () => {
    const [, text] = snippetTexts('snippets/lvm-conf.json').find(([, t]) => t.includes('global_filter')) ?? [];
    assert.ok(text, 'no global_filter snippet');
    const patterns = [...text.matchAll(/"([ar])\|([^"]*)\|"/g)].map((m) => ({ kind: m[1], re: new RegExp(m[2]) }));
    assert.strictEqual(patterns.at(-1)?.kind, 'r');
    assert.ok(!patterns.some((p) => p.kind === 'a' && p.re.test('/dev/dm-3')), 'a guest LV would be accepted through /dev/dm-N');
    const verdict = (dev: string) => patterns.find((p) => p.re.test(dev))?.kind;
    assert.strictEqual(verdict('/dev/sda2'), 'a');
    for (const dev of ['/dev/vg_guests/web01-disk', '/dev/mapper/vg_guests-web01--disk', '/dev/dm-3', '/dev/loop0', '/dev/nbd0']) {
      assert.strictEqual(verdict(dev), 'r', dev);
    }
  });

  it('expand to configs that lvmconfig --validate accepts (when lvm2 is installed)', function () {
    const lvmconfig = requireTool(this, 'lvmconfig');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lvm-'));
    try {
      for (const [name, text] of snippetTexts('snippets/lvm-conf.json')) {
        fs.writeFileSync(path.join(dir, 'lvm.conf'), text);
        let out: string;
        try {
          out = execFileSync(lvmconfig, ['--validate'], {
            env: { ...process.env, LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1' },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          assert.fail(`${name}: lvmconfig --validate failed\n${err.stdout ?? ''}${err.stderr ?? ''}\n${text}`);
        }
        assert.match(out, /LVM configuration valid/, `${name}:\n${text}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('expand to sanlock/dlm lines that all start in column 1', async () => {
    const grammar = await loadGrammar('source.lockmgr-conf', 'syntaxes/lockmgr-conf.tmLanguage.json');
    for (const [name, text] of snippetTexts('snippets/lockmgr-conf.json')) {
      assert.ok(!/\$\{?\w/.test(text), `${name}: placeholder left in\n${text}`);
      assert.ok(!/^[ \t]/m.test(text), `${name}: indented line\n${text}`);
      const doc = tokenize(grammar, text);
      assert.deepStrictEqual(allScopes(doc).filter((s) => s.startsWith('invalid')), [], `${name}:\n${text}`);
      for (const m of text.matchAll(/^(\w+)\s*=\s*(\S+)/gm)) {
        assert.match(m[2], /^\d+$|^(detect|tcp|sctp|ignore|align)$/, `${name}: ${m[1]} should be a number (atoi reads words as 0)`);
      }
    }
  });

  it('keep a dlm device block followed by a blank line and master lines naming their lockspace', () => {
    const texts = Object.fromEntries(snippetTexts('snippets/lockmgr-conf.json'));
    const device = Object.values(texts).find((t) => /^device /m.test(t));
    assert.ok(device, 'no device snippet');
    const name = /^device\s+(\S+)/m.exec(device)?.[1];
    const connects = [...device.matchAll(/^connect (\S+) node=\d+/gm)];
    assert.ok(connects.length >= 2 && connects.every((m) => m[1] === name));
    assert.match(device, /^connect .*\n\n/m, 'the block must end with an empty line');
    const lockspace = Object.values(texts).find((t) => /^lockspace /m.test(t));
    assert.ok(lockspace, 'no lockspace snippet');
    const ls = /^lockspace\s+(\S+)/m.exec(lockspace)?.[1];
    const masters = [...lockspace.matchAll(/^master (\S+) node=\d+/gm)];
    assert.ok(masters.length >= 1 && masters.every((m) => m[1] === ls));
  });

  it('expander handles nested placeholders, mirrors, choices and escapes', () => {
    assert.strictEqual(expandSnippet('a ${1:x ${2:y}} $2 $1 ${3|p,q|} \\$ ${4}'), 'a x y y x y p $ ');
  });
});

// ---------------------------------------------------------------------------
// Language configurations

describe('lvm-conf and lockmgr-conf language configurations', () => {
  interface Config {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    wordPattern: string;
    indentationRules?: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules?: { beforeText: string; afterText?: string; action: { indent: string } }[];
  }

  it('lvm-conf: # comments, braces and brackets, quotes auto-close', () => {
    const config = readJson<Config>('syntaxes/lvm-conf.language-configuration.json');
    assert.strictEqual(config.comments.lineComment, '#');
    assert.deepStrictEqual(config.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    for (const open of ['{', '[', '"', "'"]) {
      const pair = config.autoClosingPairs.find((p) => p.open === open);
      assert.ok(pair, `no auto-closing pair for ${open}`);
      assert.deepStrictEqual(pair.notIn?.slice().sort(), ['comment', 'string']);
    }
  });

  it('lvm-conf: word pattern keeps slash paths and underscores whole', () => {
    const config = readJson<Config>('syntaxes/lvm-conf.language-configuration.json');
    const first = (s: string) => s.match(new RegExp(config.wordPattern))?.[0];
    assert.strictEqual(first('devices/global_filter = [ ]'), 'devices/global_filter');
    assert.strictEqual(first('thin_pool_autoextend_threshold=80'), 'thin_pool_autoextend_threshold');
    assert.strictEqual(first('-12 '), '-12');
    assert.ok(!new RegExp(config.wordPattern).test(''), 'word pattern must not match the empty string');
  });

  it('lvm-conf: Enter after { or [ indents, } and ] outdent', () => {
    const config = readJson<Config>('syntaxes/lvm-conf.language-configuration.json');
    const rules = config.indentationRules;
    assert.ok(rules);
    const inc = new RegExp(rules.increaseIndentPattern);
    const dec = new RegExp(rules.decreaseIndentPattern);
    for (const line of ['devices {', 'global { # locking', '\tfilter = [', '{']) assert.ok(inc.test(line), line);
    for (const line of ['# devices {', 'units = "{"', 'devices { scan_lvs = 0 }']) assert.ok(!inc.test(line), line);
    for (const line of ['}', '\t}', '  ]']) assert.ok(dec.test(line), line);
    const between = config.onEnterRules?.find((r) => new RegExp(r.beforeText).test('global {') && r.afterText && new RegExp(r.afterText).test('}'));
    assert.strictEqual(between?.action.indent, 'indentOutdent');
  });

  it('lockmgr-conf: # comments and a word pattern for keys and values', () => {
    const config = readJson<Config>('syntaxes/lockmgr-conf.language-configuration.json');
    assert.strictEqual(config.comments.lineComment, '#');
    const first = (s: string) => s.match(new RegExp(config.wordPattern))?.[0];
    assert.strictEqual(first('io_timeout=10'), 'io_timeout');
    assert.strictEqual(first('fence_ipmilan'), 'fence_ipmilan');
    assert.ok(!new RegExp(config.wordPattern).test(''), 'word pattern must not match the empty string');
  });
});
