// Editor basics for xen-cfg: the TextMate grammar, the snippets and the language configuration.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vsctm from 'vscode-textmate';
import { parseXl } from '../../server/src/xl/parser';
import { expectNoScope, expectScope, loadGrammar, type Tok, tokenize as tokenizeWith } from './textmate';

const ROOT = path.resolve(__dirname, '../../..');
const LANGUAGE_CONFIG = path.join(ROOT, 'syntaxes/xen-cfg.language-configuration.json');
const SNIPPETS = path.join(ROOT, 'snippets/xen-cfg.json');

let grammar: vsctm.IGrammar;

function tokenize(text: string): Tok[][] {
  return tokenizeWith(grammar, text);
}

function one(text: string): Tok[] {
  return tokenize(text)[0];
}

describe('xen-cfg grammar', () => {
  before(async () => {
    grammar = await loadGrammar('source.xen-cfg', 'syntaxes/xen-cfg.tmLanguage.json');
  });

  it('scopes a key, the operator and the terminator', () => {
    const line = one('on_crash = "restart"; vif.default.bridge += "xenbr0"');
    expectScope(line, 'on_crash', 'variable.other.key.xen-cfg');
    expectScope(line, 'on_crash', 'support.type.property-name.xen-cfg');
    expectScope(line, 'vif.default.bridge', 'variable.other.key.xen-cfg');
    expectScope(line, '=', 'keyword.operator.assignment.xen-cfg');
    expectScope(line, '+=', 'keyword.operator.assignment.xen-cfg');
    expectScope(line, ';', 'punctuation.terminator.statement.xen-cfg');
    expectNoScope(line, 'vif.default.bridge', 'invalid');
  });

  it('marks valid escapes and the broken \\x / digit escapes in both quote styles', () => {
    const line = one(`cmdline = "a\\"b\\tc\\x41d"; extra = 'q\\101z\\\\'`);
    expectScope(line, '"a', 'string.quoted.double.xen-cfg');
    expectScope(line, '\\"', 'constant.character.escape.xen-cfg');
    expectScope(line, '\\t', 'constant.character.escape.xen-cfg');
    expectScope(line, '\\x41', 'invalid.illegal.escape.xen-cfg');
    expectScope(line, '\\x41', 'string.quoted.double.xen-cfg');
    expectScope(line, "'q", 'string.quoted.single.xen-cfg');
    expectScope(line, '\\101', 'invalid.illegal.escape.xen-cfg');
    expectScope(line, '\\\\', 'constant.character.escape.xen-cfg');
  });

  it('scopes decimal, hex and octal numbers', () => {
    const line = one('memory = 1024; xenstore_feature_mask = 0xff; maxmem = 0400');
    expectScope(line, '1024', 'constant.numeric.xen-cfg');
    expectScope(line, '0xff', 'constant.numeric.hex.xen-cfg');
    expectScope(line, '0400', 'constant.numeric.octal.xen-cfg');
    expectNoScope(line, '1024', 'invalid');
  });

  it('scopes a comment after a value', () => {
    const line = one('vcpus = 2 # two is plenty');
    expectScope(line, '2', 'constant.numeric.xen-cfg');
    expectScope(line, '# two is plenty', 'comment.line.number-sign.xen-cfg');
    expectScope(line, '#', 'punctuation.definition.comment.xen-cfg');
  });

  it('follows a nested multi-line list with comments and a trailing comma', () => {
    const lines = tokenize(
      [
        'disk = [ # first line',
        "    'phy:/dev/vg/a,xvda,w', # boot disk",
        '    [ "nested", 3 ],',
        ']',
        'memory = 512',
      ].join('\n'),
    );
    expectScope(lines[0], '[', 'punctuation.definition.list.begin.xen-cfg');
    expectScope(lines[0], '# first line', 'comment.line.number-sign.xen-cfg');
    expectScope(lines[1], "'phy", 'string.quoted.single.xen-cfg');
    expectScope(lines[1], "'phy", 'meta.structure.list.xen-cfg');
    expectScope(lines[1], ',', 'punctuation.separator.list.comma.xen-cfg', 2);
    expectNoScope(lines[1], 'xvda,', 'punctuation.separator.list');
    expectScope(lines[1], '# boot disk', 'comment.line.number-sign.xen-cfg');
    expectScope(lines[2], '"nested"', 'string.quoted.double.xen-cfg');
    expectScope(lines[2], '3', 'constant.numeric.xen-cfg');
    expectScope(lines[2], ']', 'punctuation.definition.list.end.xen-cfg');
    expectScope(lines[2], '3', 'meta.structure.list.xen-cfg');
    expectScope(lines[3], ']', 'punctuation.definition.list.end.xen-cfg');
    expectScope(lines[4], 'memory', 'variable.other.key.xen-cfg');
    expectNoScope(lines[4], 'memory', 'meta.structure.list');
  });

  it('does not let an unclosed list swallow the following statements', () => {
    const lines = tokenize('vif = [ "bridge=xenbr0",\nmemory = 512');
    expectScope(lines[1], 'memory', 'variable.other.key.xen-cfg');
    expectNoScope(lines[1], 'memory', 'meta.structure.list');
  });

  it('marks unquoted words and python values as invalid', () => {
    expectScope(one('type = hvm'), 'hvm', 'invalid.illegal.xen-cfg');
    expectScope(one('acpi = True'), 'True', 'invalid.illegal.xen-cfg');
    expectScope(one('vif = [ bridge ]'), 'bridge', 'invalid.illegal.xen-cfg');
  });

  it('marks keys the lexer rejects as invalid', () => {
    const upper = one('Memory = 512');
    expectScope(upper, 'Memory', 'invalid.illegal.xen-cfg');
    expectNoScope(upper, 'Memory', 'variable.other.key');
    expectScope(one('on-crash = "destroy"'), 'on-crash', 'invalid.illegal.xen-cfg');
  });

  it('marks signed, suffixed and fractional numbers and python operators as invalid', () => {
    expectScope(one('rtc_timeoffset = -3600'), '-3600', 'invalid.illegal.xen-cfg');
    expectScope(one('memory = 512M'), '512M', 'invalid.illegal.xen-cfg');
    expectScope(one('memory = 1.5'), '1.5', 'invalid.illegal.xen-cfg');
    expectScope(one('memory = 0xFF'), '0xFF', 'invalid.illegal.xen-cfg');
    const concat = one('kernel = "/boot/x" + "y"');
    expectScope(concat, '+', 'invalid.illegal.xen-cfg');
    expectScope(concat, '"y"', 'string.quoted.double.xen-cfg');
    expectScope(one('name = "vm%d" % (vmid)'), '(', 'invalid.illegal.xen-cfg');
  });

  it('highlights the structure of disk specs', () => {
    const line = one("disk = [ 'phy:/dev/vg/a,xvda,w', 'tap:aio:/img,xvdb,w', 'format=raw, vdev=xvdc, target=/x' ]");
    expectScope(line, 'phy:', 'storage.type.xen-cfg');
    expectScope(line, 'tap:aio:', 'storage.type.xen-cfg');
    expectScope(line, 'vdev', 'entity.other.attribute-name.xen-cfg');
    expectScope(line, 'format', 'entity.other.attribute-name.xen-cfg');
    expectScope(line, 'target', 'entity.other.attribute-name.xen-cfg');
    expectScope(line, 'phy:', 'string.quoted.single.xen-cfg');
    expectNoScope(line, '/dev/vg/a', 'storage.type');
  });

  it('highlights a MAC address and key= prefixes in a vif spec', () => {
    const line = one("vif = [ 'mac=00:16:3e:5a:01:ff, bridge=xenbr0' ]");
    expectScope(line, '00:16:3e:5a:01:ff', 'constant.other.mac.xen-cfg');
    expectScope(line, 'mac', 'entity.other.attribute-name.xen-cfg');
    expectScope(line, 'bridge', 'entity.other.attribute-name.xen-cfg');
    expectScope(line, '00:16:3e:5a:01:ff', 'string.quoted.single.xen-cfg');
  });
});

// ---------------------------------------------------------------------------
// Snippets

type SnippetNode =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[] };

/** A small parser for VS Code's snippet syntax (tabstops, placeholders, choices, variables). */
function parseSnippet(src: string): SnippetNode[] {
  let pos = 0;
  const nodes = (stopAtBrace: boolean): SnippetNode[] => {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (pos < src.length) {
      const c = src[pos];
      if (c === '\\' && '$}\\'.includes(src[pos + 1] ?? '')) {
        text += src[pos + 1];
        pos += 2;
      } else if (stopAtBrace && c === '}') {
        break;
      } else if (c === '$') {
        const m = /^\$(?:(\d+)|([A-Za-z_]\w*)|\{(\d+)\}|\{([A-Za-z_]\w*)\}|\{(\d+):|\{([A-Za-z_]\w*):|\{(\d+)\|)/.exec(src.slice(pos));
        if (!m) {
          text += c;
          pos++;
          continue;
        }
        flush();
        pos += m[0].length;
        if (m[1] || m[3]) out.push({ kind: 'tabstop', index: Number(m[1] ?? m[3]) });
        else if (m[2] || m[4]) out.push({ kind: 'variable', name: m[2] ?? m[4] });
        else if (m[5] || m[6]) {
          const children = nodes(true);
          assert.strictEqual(src[pos], '}', `unclosed placeholder in ${src}`);
          pos++;
          out.push(m[5] ? { kind: 'tabstop', index: Number(m[5]), children } : { kind: 'variable', name: m[6], children });
        } else {
          const end = src.indexOf('|}', pos);
          assert.ok(end >= 0, `unclosed choice in ${src}`);
          const options = src.slice(pos, end).split(/(?<!\\),/).map((o) => o.replace(/\\([,|\\])/g, '$1'));
          pos = end + 2;
          out.push({ kind: 'choice', index: Number(m[7]), options });
        }
      } else {
        text += c;
        pos++;
      }
    }
    flush();
    return out;
  };
  const result = nodes(false);
  assert.strictEqual(pos, src.length, `stray '}' in snippet: ${src}`);
  return result;
}

/** The text VS Code inserts when every placeholder keeps its default and every choice its first option. */
function expandSnippet(body: string, variables: Record<string, string>): string {
  const tree = parseSnippet(body);
  const defaults = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.children) {
        if (!defaults.has(n.index)) defaults.set(n.index, n.children);
        collect(n.children);
      } else if (n.kind === 'choice' && !defaults.has(n.index)) {
        defaults.set(n.index, n.options[0]);
      } else if (n.kind === 'variable' && n.children) {
        collect(n.children);
      }
    }
  };
  collect(tree);
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.text;
          case 'choice':
            return n.options[0];
          case 'variable':
            return variables[n.name] ?? (n.children ? render(n.children) : n.name);
          case 'tabstop': {
            const d = n.children ?? defaults.get(n.index);
            return d === undefined ? '' : typeof d === 'string' ? d : render(d);
          }
        }
      })
      .join('');
  return render(tree);
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

describe('xen-cfg snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(SNIPPETS, 'utf8')) as Record<string, Snippet>;

  it('have a prefix, a body and a description each', () => {
    const prefixes = new Set<string>();
    assert.ok(Object.keys(snippets).length >= 6);
    for (const [name, s] of Object.entries(snippets)) {
      const list = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(list.length > 0 && list.every((p) => typeof p === 'string' && p.length > 0), `${name}: prefix`);
      for (const p of list) {
        assert.ok(!prefixes.has(p), `${name}: prefix ${p} is used twice`);
        prefixes.add(p);
      }
      assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
      assert.ok(Array.isArray(s.body) || typeof s.body === 'string', `${name}: body`);
    }
  });

  it('expand (defaults and first choices) to configs xl parses without error', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      const text = expandSnippet(body, { TM_FILENAME_BASE: 'guest01' }) + '\n';
      assert.ok(!/\$\{?\w/.test(text), `${name}: unexpanded placeholder left in\n${text}`);
      const doc = parseXl(text);
      assert.deepStrictEqual(doc.errors, [], `${name}:\n${text}`);
      assert.strictEqual(doc.failed, false, `${name}:\n${text}`);
      assert.ok(doc.assignments.length > 0, `${name}: no assignment`);
    }
  });

  it('also parse with every other choice', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
      for (const m of body.matchAll(/\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g)) {
        const options = m[2].split(/(?<!\\),/);
        for (const option of options.slice(1)) {
          const variant = body.replace(m[0], option.replace(/\\([,|\\])/g, '$1'));
          const text = expandSnippet(variant, { TM_FILENAME_BASE: 'guest01' }) + '\n';
          const doc = parseXl(text);
          assert.deepStrictEqual(doc.errors, [], `${name} with ${option}:\n${text}`);
        }
      }
    }
  });

  it('use the documented values for type, memory and device lists', () => {
    const expanded = Object.fromEntries(
      Object.entries(snippets).map(([name, s]) => [
        name,
        parseXl(expandSnippet(Array.isArray(s.body) ? s.body.join('\n') : s.body, { TM_FILENAME_BASE: 'guest01' }) + '\n'),
      ]),
    );
    const types = new Set<string>();
    for (const [name, doc] of Object.entries(expanded)) {
      for (const a of doc.assignments) {
        if (a.key === 'type') {
          assert.strictEqual(a.value.kind, 'string', `${name}: type must be quoted`);
          types.add((a.value as { value: string }).value);
        }
        if (['memory', 'maxmem', 'vcpus', 'maxvcpus'].includes(a.key)) {
          assert.strictEqual(a.value.kind, 'number', `${name}: ${a.key} must be an unquoted number`);
        }
        if (['disk', 'vif', 'pci'].includes(a.key)) {
          assert.strictEqual(a.value.kind, 'list', `${name}: ${a.key} must be a list`);
        }
        if (a.key === 'name') assert.strictEqual(a.value.kind, 'string');
      }
    }
    assert.deepStrictEqual([...types].sort(), ['hvm', 'pv', 'pvh']);
  });

  it('expander handles nested placeholders, mirrors and escapes', () => {
    assert.strictEqual(expandSnippet('a ${1:x ${2:y}} $2 $1 ${3|p,q|} \\$ $TM_X ${4}', { TM_X: 'v' }), 'a x y y x y p $ v ');
  });
});

// ---------------------------------------------------------------------------
// Language configuration

describe('xen-cfg language configuration', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIG, 'utf8')) as {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    surroundingPairs: [string, string][];
    wordPattern: string;
    folding: { markers?: { start: string; end: string }; offSide?: boolean };
    indentationRules?: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules: { beforeText: string; afterText?: string; action: { indent: string } }[];
  };

  it('declares comments, brackets and auto-closing pairs', () => {
    assert.strictEqual(config.comments.lineComment, '#');
    assert.deepStrictEqual(config.brackets, [['[', ']']]);
    for (const open of ['[', '"', "'"]) {
      const pair = config.autoClosingPairs.find((p) => p.open === open);
      assert.ok(pair, `no auto-closing pair for ${open}`);
      assert.deepStrictEqual(pair.notIn?.slice().sort(), ['comment', 'string']);
    }
    for (const open of ['[', '"', "'"]) assert.ok(config.surroundingPairs.some((p) => p[0] === open));
  });

  it('has a word pattern that keeps dotted keys whole', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepStrictEqual('vif.default.bridge = "x"'.match(word)?.[0], 'vif.default.bridge');
    assert.deepStrictEqual('on_crash'.match(word)?.[0], 'on_crash');
    assert.ok(!word.test(''), 'word pattern must not match the empty string');
  });

  it('folds and indents multi-line lists', () => {
    assert.ok(config.folding);
    assert.ok(config.folding.markers && new RegExp(config.folding.markers.start).test('# region disks'));
    const rules = config.onEnterRules;
    const opening = 'disk = [   # all disks';
    const first = rules.find((r) => new RegExp(r.beforeText).test(opening) && r.afterText && new RegExp(r.afterText).test(']'));
    assert.strictEqual(first?.action.indent, 'indentOutdent');
    const inList = rules.find((r) => new RegExp(r.beforeText).test("    'phy:/dev/vg/a,xvda,w',"));
    assert.strictEqual(inList?.action.indent, 'none');
    assert.ok(!rules.some((r) => new RegExp(r.beforeText).test("disk = [ 'phy:/dev/vg/a,xvda,w' ]")), 'a one-line list needs no rule');
    assert.ok(config.indentationRules && new RegExp(config.indentationRules.decreaseIndentPattern).test('  ]'));
  });
});
