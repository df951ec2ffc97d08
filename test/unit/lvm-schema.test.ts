// The lvm.conf schema: structural sanity, and agreement with the lvmconfig of the installed lvm2
// (paths, versions, deprecations and built-in defaults) when lvmconfig is available.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LVM_SETTINGS } from '../../server/src/lvm/schema/settings';
import type { LvmSetting } from '../../server/src/lvm/schema/types';
import { requireTool } from '../tools';

const VERSION_RE = /^\d\.\d\d\.\d{2,3}$/;

/** `2.03.16` → comparable number. */
function vnum(v: string): number {
  const [a, b, c] = v.split('.').map(Number);
  return a * 1_000_000 + b * 1000 + c;
}

/** lvmconfig prints versions as `2.3.16`; the table spells them `2.03.16`. */
function releaseSpelling(v: string): string {
  const [a, b, c] = v.split('.');
  return `${a}.${b.padStart(2, '0')}.${c.padStart(2, '0')}`;
}

/** Drop whitespace outside double quotes: `[ "a|.*|" ]` and `["a|.*|"]` compare equal. */
function normalise(value: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted && ch === '\\') {
      out += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) continue;
    out += ch;
  }
  return out;
}

const byPath = new Map<string, LvmSetting>(LVM_SETTINGS.map((s) => [s.path, s]));
const settings = LVM_SETTINGS.filter((s) => s.kind === 'setting');
const sections = LVM_SETTINGS.filter((s) => s.kind === 'section');

describe('lvm.conf schema (LVM_SETTINGS)', () => {
  it('has one entry per section and setting of config_settings.h', () => {
    // config_settings.h of lvm2 2.03.x after 2.03.36: 18 sections below (root), 280 settings.
    assert.strictEqual(sections.length, 18);
    assert.strictEqual(settings.length, 280);
  });

  it('has unique paths whose parent sections exist', () => {
    const seen = new Set<string>();
    for (const s of LVM_SETTINGS) {
      assert.ok(!seen.has(s.path), `duplicate path ${s.path}`);
      seen.add(s.path);
      assert.match(s.path, /^[a-z_0-9]+(\/([a-z_0-9]+|#))*$/, s.path);
      const cut = s.path.lastIndexOf('/');
      if (cut < 0) {
        assert.strictEqual(s.kind, 'section', `${s.path}: top-level entries must be sections`);
        continue;
      }
      const parent = byPath.get(s.path.slice(0, cut));
      assert.ok(parent, `${s.path}: parent section missing`);
      assert.strictEqual(parent.kind, 'section', `${s.path}: parent is not a section`);
    }
    assert.ok(byPath.has('tags/#/host_list'));
    assert.ok(byPath.has('allocation/cache_settings/#'));
  });

  it('gives settings types and sections none', () => {
    for (const s of LVM_SETTINGS) {
      if (s.kind === 'section') {
        assert.deepStrictEqual(s.types, [], s.path);
        assert.strictEqual(s.default, undefined, s.path);
        assert.strictEqual(s.defaultNote, undefined, s.path);
        assert.strictEqual(s.array, undefined, s.path);
      } else {
        assert.ok(s.types.length > 0, `${s.path}: no type`);
        assert.strictEqual(new Set(s.types).size, s.types.length, `${s.path}: repeated type`);
        if (s.types.length > 1) assert.ok(s.array, `${s.path}: mixed types only for arrays`);
        assert.strictEqual(s.noCheck, undefined, `${s.path}: noCheck is for sections`);
      }
    }
  });

  it('spells versions as releases and explains every deprecation', () => {
    for (const s of LVM_SETTINGS) {
      assert.match(s.since, VERSION_RE, `${s.path}: since ${s.since}`);
      assert.ok(!(s.deprecated && s.removed), `${s.path}: both deprecated and removed`);
      for (const d of [s.deprecated, s.removed]) {
        if (!d) continue;
        assert.match(d.since, VERSION_RE, `${s.path}: deprecation since ${d.since}`);
        assert.ok(vnum(d.since) >= vnum(s.since), `${s.path}: deprecated before it appeared`);
        assert.ok(d.note.trim().length > 10, `${s.path}: deprecation note`);
        if (d.use !== undefined) assert.ok(d.use.trim().length > 0, `${s.path}: empty use`);
      }
    }
    const removed = LVM_SETTINGS.filter((s) => s.removed).map((s) => s.path);
    for (const p of ['global/use_lvmetad', 'global/locking_type', 'global/locking_library', 'devices/cache', 'metadata/dirs']) {
      assert.ok(removed.includes(p), `${p} should be removed`);
    }
    const deprecated = LVM_SETTINGS.filter((s) => s.deprecated).map((s) => s.path);
    assert.ok(deprecated.includes('allocation/cache_pool_cachemode'));
    assert.ok(deprecated.includes('activation/mirror_device_fault_policy'));
  });

  it('has short docs of its own', () => {
    for (const s of LVM_SETTINGS) {
      assert.ok(s.doc.trim().length > 0, `${s.path}: empty doc`);
      assert.ok(s.doc.length <= 400, `${s.path}: doc is ${s.doc.length} characters`);
    }
  });

  it('gives every setting either a default or the reason it has none', () => {
    for (const s of settings) {
      assert.ok((s.default === undefined) !== (s.defaultNote === undefined), `${s.path}: default xor defaultNote`);
      if (s.defaultNote !== undefined) assert.ok(s.defaultNote.trim().length > 0, s.path);
      const d = s.default;
      if (d === undefined) continue;
      if (s.array) {
        assert.match(d, /^\[( .* )?\s*\]$/, `${s.path}: array default ${d}`);
      } else if (s.types[0] === 'string') {
        assert.match(d, /^"([^"\\]|\\.)*"$/, `${s.path}: string default ${d}`);
        if (d === '""') assert.ok(s.allowEmpty, `${s.path}: empty default for a setting that refuses empty values`);
      } else if (s.types[0] === 'bool') {
        assert.match(d, /^[01]$/, `${s.path}: bool default ${d}`);
      } else if (s.types[0] === 'int') {
        assert.match(d, /^-?\d+$/, `${s.path}: int default ${d}`);
      }
    }
    assert.strictEqual(byPath.get('global/umask')?.default, '077');
    assert.strictEqual(byPath.get('devices/filter')?.default, '[ "a|.*|" ]');
    assert.strictEqual(byPath.get('activation/thin_pool_autoextend_threshold')?.default, '100');
    assert.strictEqual(byPath.get('global/locking_dir')?.default, undefined);
  });

  it('keeps word lists and bounds consistent with the defaults', () => {
    for (const s of settings) {
      if (s.values) {
        assert.ok(s.types.includes('string'), `${s.path}: values for a non-string setting`);
        assert.ok(s.values.length > 0, s.path);
        assert.strictEqual(new Set(s.values).size, s.values.length, `${s.path}: repeated word`);
        if (s.default !== undefined && !s.array) {
          assert.ok(s.values.includes(JSON.parse(s.default) as string), `${s.path}: default ${s.default} not in values`);
        }
      }
      if (s.min !== undefined || s.max !== undefined) {
        assert.deepStrictEqual(s.types, ['int'], `${s.path}: bounds for a non-integer setting`);
        if (s.min !== undefined && s.max !== undefined) assert.ok(s.min <= s.max, s.path);
        if (s.default !== undefined) {
          const v = parseInt(s.default, s.default.startsWith('0') ? 8 : 10);
          if (s.min !== undefined) assert.ok(v >= s.min, `${s.path}: default below min`);
          if (s.max !== undefined) assert.ok(v <= s.max, `${s.path}: default above max`);
        }
      }
      if (s.unit !== undefined) assert.deepStrictEqual(s.types, ['int'], `${s.path}: unit for a non-integer setting`);
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Comparison with the installed lvm2 (the Debian 12 package is 2.03.16).

/** Settings whose built-in default changed after 2.03.16 (the table follows the newer lvm2). */
const DEFAULT_CHANGED_AFTER_2_03_16: Record<string, string> = {
  // lvm2 2.03.23 changed the default from "auto" to "all".
  'devices/search_for_devnames': '"auto"',
};

/** Entries the table marks removed although lvm2 itself does not flag them deprecated. */
const REMOVED_WITHOUT_LVM2_DEPRECATION = new Set(['log/activate_file']);

describe('lvm.conf schema against lvmconfig', function () {
  let lvmconfig: string | undefined;
  let systemDir = '';
  let version = '';

  before(function () {
    lvmconfig = requireTool(this, 'lvmconfig');
    // An empty LVM_SYSTEM_DIR keeps the host's own lvm.conf out of the comparison.
    systemDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lvm-'));
    let out = '';
    try {
      out = run(['--version']);
    } catch {
      // present but unusable (e.g. a stub in a container): treat as absent
    }
    const m = /LVM version:\s*(\d+\.\d+\.\d+)/.exec(out);
    if (!m) {
      lvmconfig = undefined;
      return;
    }
    version = m[1];
  });

  after(() => {
    if (systemDir) fs.rmSync(systemDir, { recursive: true, force: true });
  });

  function run(args: string[]): string {
    return execFileSync(lvmconfig!, args, {
      encoding: 'utf8',
      env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LVM_SYSTEM_DIR: systemDir },
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 * 1024 * 1024,
    });
  }

  /** `tags/<tag>/host_list` → `tags/#/host_list`. */
  const hashPath = (p: string) => p.replace(/<[^>]+>/g, '#');

  function knownTo(s: LvmSetting): boolean {
    return vnum(s.since) <= vnum(version);
  }

  it('lists the same settings with the same versions', function () {
    if (!lvmconfig) this.skip();
    const listed = new Map<string, string>();
    for (const line of run(['--type', 'list', '--withversions', '--showdeprecated', '--showunsupported']).split('\n')) {
      const m = /^(\S+) - \[(\d+\.\d+\.\d+)\]$/.exec(line.trim());
      if (m) listed.set(hashPath(m[1]), releaseSpelling(m[2]));
    }
    assert.ok(listed.size > 200, `lvmconfig --type list printed only ${listed.size} settings`);

    const unknownToUs = [...listed.keys()].filter((p) => byPath.get(p)?.kind !== 'setting');
    const missingThere = settings.filter((s) => knownTo(s) && !listed.has(s.path)).map((s) => s.path);
    const wrongSince = [...listed]
      .filter(([p, v]) => byPath.has(p) && byPath.get(p)!.since !== v)
      .map(([p, v]) => `${p}: lvmconfig ${v}, table ${byPath.get(p)!.since}`);
    assert.deepStrictEqual(
      { unknownToUs, missingThere, wrongSince },
      { unknownToUs: [], missingThere: [], wrongSince: [] },
      `lvmconfig ${version} and LVM_SETTINGS differ`,
    );
    // Every ancestor of a listed setting is a section of the table.
    for (const p of listed.keys()) {
      for (let cut = p.lastIndexOf('/'); cut > 0; cut = p.lastIndexOf('/', cut - 1)) {
        assert.strictEqual(byPath.get(p.slice(0, cut))?.kind, 'section', `${p.slice(0, cut)}`);
      }
    }
  });

  it('agrees on the built-in defaults and on what is deprecated', function () {
    if (!lvmconfig) this.skip();
    const text = run(['--type', 'default', '--withversions', '--showdeprecated', '--showunsupported']);
    const printed = new Map<string, string>();
    const lvmDeprecated = new Set<string>();
    const seen = new Set<string>();
    const stack: string[] = [];
    let deprecatedPending = false;
    const childPath = (name: string) => {
      const parent = stack.join('/');
      const named = parent ? `${parent}/${name}` : name;
      const variable = parent ? `${parent}/#` : '#';
      return !byPath.has(named) && byPath.has(variable) ? variable : named;
    };
    for (const raw of text.split('\n')) {
      const line = raw.trim().replace(/^#\s*/, '');
      if (/^Deprecated since version /.test(line)) {
        deprecatedPending = true;
        continue;
      }
      if (/^Available since version /.test(line)) {
        // Each entry starts with its "Available" line; an entry without a printed default (undefined) prints
        // its version lines and nothing else, so a pending "Deprecated" must not leak into the next entry.
        deprecatedPending = false;
        continue;
      }
      if (line === '') continue;
      let m: RegExpExecArray | null;
      if ((m = /^([A-Za-z_0-9]+) \{$/.exec(line))) {
        const p = childPath(m[1]);
        seen.add(p);
        if (deprecatedPending) lvmDeprecated.add(p);
        stack.push(p.slice(p.lastIndexOf('/') + 1));
      } else if (line === '}') {
        stack.pop();
      } else if ((m = /^([A-Za-z_0-9]+)=(.*)$/.exec(line))) {
        const p = childPath(m[1]);
        printed.set(p, m[2]);
        seen.add(p);
        if (deprecatedPending) lvmDeprecated.add(p);
      }
      deprecatedPending = false;
    }
    assert.ok(printed.size > 200, `lvmconfig --type default printed only ${printed.size} settings`);

    const differences: string[] = [];
    for (const s of settings) {
      if (s.default === undefined || !knownTo(s)) continue;
      const theirs = printed.get(s.path);
      if (theirs === undefined) {
        differences.push(`${s.path}: no default printed by lvmconfig, table ${s.default}`);
        continue;
      }
      const expected = vnum(version) < vnum('2.03.23') && DEFAULT_CHANGED_AFTER_2_03_16[s.path] !== undefined
        ? DEFAULT_CHANGED_AFTER_2_03_16[s.path]
        : s.default;
      if (normalise(theirs) !== normalise(expected)) differences.push(`${s.path}: lvmconfig ${theirs}, table ${s.default}`);
    }
    assert.deepStrictEqual(differences, [], `defaults differ from lvmconfig ${version}`);

    // A handful of well-known settings, spelled out.
    assert.strictEqual(printed.get('devices/filter'), '["a|.*|"]');
    assert.strictEqual(printed.get('global/umask'), '077');
    assert.strictEqual(printed.get('activation/thin_pool_autoextend_threshold'), '100');
    assert.strictEqual(printed.get('global/use_lvmlockd'), '0');

    const oursDeprecated = LVM_SETTINGS.filter(
      (s) => (s.deprecated ?? s.removed) && knownTo(s) && vnum((s.deprecated ?? s.removed)!.since) <= vnum(version),
    )
      .map((s) => s.path)
      .filter((p) => seen.has(p) && !REMOVED_WITHOUT_LVM2_DEPRECATION.has(p));
    const notFlaggedByUs = [...lvmDeprecated].filter((p) => !byPath.get(p)?.deprecated && !byPath.get(p)?.removed);
    const notFlaggedByLvm = oursDeprecated.filter((p) => !lvmDeprecated.has(p));
    assert.deepStrictEqual({ notFlaggedByUs, notFlaggedByLvm }, { notFlaggedByUs: [], notFlaggedByLvm: [] });
  });

  it('accepts every fixed default as lvm.conf text (lvmconfig --validate)', function () {
    if (!lvmconfig) this.skip();
    // One lvm.conf holding every setting the installed lvm2 knows, set to the table's default;
    // sections whose name the user chooses get the name `example`.
    type Tree = { [name: string]: Tree | string };
    const tree: Tree = {};
    for (const s of settings) {
      if (s.default === undefined || !knownTo(s)) continue;
      const names = s.path.split('/').map((n) => (n === '#' ? 'example' : n));
      let node = tree;
      for (const n of names.slice(0, -1)) node = (node[n] ??= {}) as Tree;
      node[names[names.length - 1]] = s.default;
    }
    const emit = (node: Tree, indent: string): string =>
      Object.entries(node)
        .map(([k, v]) => (typeof v === 'string' ? `${indent}${k} = ${v}` : `${indent}${k} {\n${emit(v, indent + '\t')}\n${indent}}`))
        .join('\n');
    fs.writeFileSync(path.join(systemDir, 'lvm.conf'), emit(tree, '') + '\n');
    try {
      let output = '';
      try {
        output = execFileSync(lvmconfig!, ['--validate'], {
          encoding: 'utf8',
          env: { ...process.env, LVM_SUPPRESS_FD_WARNINGS: '1', LVM_SYSTEM_DIR: systemDir },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        assert.fail(`lvmconfig --validate rejected the defaults:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
      }
      assert.match(output, /LVM configuration valid/);
    } finally {
      fs.rmSync(path.join(systemDir, 'lvm.conf'), { force: true });
    }
  });
});
