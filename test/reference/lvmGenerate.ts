// Deterministic generators of lvm.conf files for the differential test against lvm2's own
// `lvmconfig --validate`: valid files written from the schema in every form libdm accepts,
// and the mistakes people make (wrong types, unknown names, broken syntax), one at a time.
import { LVM_SETTINGS } from '../../server/src/lvm/schema/settings';
import type { LvmSetting as Def } from '../../server/src/lvm/schema/types';
import { Random } from './generate';

/** The lvm2 the differential test runs (Debian 12). */
export const INSTALLED_LVM2 = '2.03.16';

/** Settings whose type changed after 2.03.16: the schema follows current lvm2. */
export const TYPE_CHANGED = new Map([['report/headings', 'a boolean in 2.03.16, an integer (0/1/2) since 2.03.23']]);

/**
 * Settings lvmconfig acts on while it starts, in ways that change what it prints: log/prefix and
 * log/indent decorate every message, log/verbose and log/level add debug output, log/file and
 * log/journal write elsewhere; abort_on_errors swaps the summary line. Generated only with their
 * default value (or left out when they have none).
 */
const PINNED = (path: string) => path.startsWith('log/') || path === 'config/abort_on_errors';

/** Strings a setting must hold for lvmconfig to start at all (it parses them at startup). */
const CHOICES: Record<string, string[]> = {
  'global/units': ['h', 'H', 'k', 'm', 'r', 'R', 's', 'b'],
  'activation/activation_mode': ['complete', 'degraded', 'partial'], // compared with strcmp
  'report/time_format': ['%Y-%m-%d %T %z', '%F %T', '%s'], // printable ASCII only
  'devices/preferred_names': ['^/dev/mpath/', '^/dev/mapper/mpath', '^/dev/[hs]d', 'xvd'], // regular expressions, compiled at startup
};

function version(v: string): number[] {
  return v.split('.').map(Number);
}

export function atMost(v: string, limit: string): boolean {
  const a = version(v);
  const b = version(limit);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return true;
}

/** Settings the installed lvm2 knows with the same type as the schema, outside the tags section lvm2 never checks. */
export const KNOWN_SETTINGS: Def[] = LVM_SETTINGS.filter(
  (d) => d.kind === 'setting' && atMost(d.since, INSTALLED_LVM2) && !TYPE_CHANGED.has(d.path) && !d.path.startsWith('tags/') &&
    (!PINNED(d.path) || d.default !== undefined),
);

/** Settings lvm2 2.03.16 does not know yet: to 2.03.16 (and to us, told the same) they are unknown. */
export const NEWER_SETTINGS: Def[] = LVM_SETTINGS.filter((d) => d.kind === 'setting' && !atMost(d.since, INSTALLED_LVM2));

const SECTIONS = [...new Set(LVM_SETTINGS.filter((d) => !d.path.includes('/')).map((d) => d.path))];

// ---- values ------------------------------------------------------------------------------------

const WORDS = ['abc', '/dev/sda', 'a|.*|', 'r|/dev/cd.*|', 'vg0/lv_1', '@tag1', 'x-y.z', 'ümlaut→ü', 'h', 'k', 'none', 'Xen_dom0'];
const SPECIAL = ['with space', 'q"uote', 'back\\slash', 'a\\"b', 'tab\there', '#hash', 'x=y', '{brace}', 'comma,sep', "it's", 'multi\nline',
  '[br]', '\\\\', 'end\\', '"', 'a\\nb', '  lead'];
const BOOL_WORDS = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false'];

function randomCase(r: Random, s: string): string {
  const roll = r.int(4);
  if (roll === 0) return s.toUpperCase();
  if (roll === 1) return [...s].map((c) => (r.chance(0.5) ? c.toUpperCase() : c)).join('');
  return s;
}

/** Can this string be written without quotes (a bare word)? In an array a bare word also swallows `,` and `]`. */
function bareOk(s: string, inArray: boolean): boolean {
  if (!s || /[\s#={}\0]/.test(s) || /^["'[\],0-9+.-]/.test(s)) return false;
  return !inArray || !/[,\]]/.test(s);
}

/** A string value in one of the forms lvm2 reads: double quotes with escapes, single quotes, bare. */
export function writeString(r: Random, s: string, inArray = false): string {
  const forms: string[] = [`"${s.replace(/[\\"]/g, '\\$&')}"`];
  if (!s.includes("'")) forms.push(`'${s}'`);
  // Backslashes not before `"` or `\` need no escaping: libdm keeps them as written.
  if (!/\\(?=["\\]|$)/.test(s) && !s.includes('"')) forms.push(`"${s}"`);
  if (bareOk(s, inArray)) forms.push(s, s);
  return r.pick(forms);
}

function writeInt(r: Random): string {
  const n = r.chance(0.5) ? r.int(100) : r.int(5_000_000);
  switch (r.int(9)) {
    case 0: return `0${n.toString(8)}`;
    case 1: return `+${n}`;
    case 2: return `-${n}`;
    case 3: return String(n);
    case 4: return r.pick(['0', '00', '000', '-0', '+0']);
    case 5: return r.pick(['9223372036854775807', '-9223372036854775808', '0777777777777777777777', '2147483648', '4294967296']);
    default: return String(n);
  }
}

function writeBool(r: Random): string {
  if (r.chance(0.4)) return r.pick(['0', '1', '1', '0', '00', '+1', '2', '-1', '010']);
  return writeString(r, randomCase(r, r.pick(BOOL_WORDS)));
}

function stringContent(r: Random, def: Def | undefined): string {
  if (def && CHOICES[def.path]) return r.pick(CHOICES[def.path]);
  if (def?.values) return r.chance(0.8) ? r.pick(def.values) : randomCase(r, r.pick(def.values));
  if (def?.allowEmpty && r.chance(0.15)) return '';
  return r.chance(0.7) ? r.pick(WORDS) : r.pick(SPECIAL);
}

/** One scalar of the setting's type(s). */
function scalar(r: Random, def: Def, inArray: boolean): string {
  const type = r.pick(def.types);
  switch (type) {
    case 'bool': return writeBool(r);
    case 'int': return writeInt(r);
    case 'float': return r.pick(['1.5', '0.25', '10.', '.5', '+2.0', '-0.5']);
    default: return writeString(r, stringContent(r, def), inArray);
  }
}

/** Whitespace and comments where the grammar allows them (`required` when tokens would merge). */
export function gap(r: Random, required = false): string {
  if (!required && r.chance(0.2)) return '';
  if (r.chance(0.75)) return r.pick([' ', ' ', ' ', '\t', '  ']);
  return r.pick(['\n', '\n\t', '\r\n', ' \v ', '\f', ' # c\n', '\t# a comment with = { } [ ] " \' ü\n', '\n\n  ', '\r \n']);
}

function arrayOf(r: Random, items: string[], quotedOnly: boolean): string {
  if (!items.length) return `[${gap(r)}]`;
  let out = `[${gap(r)}`;
  items.forEach((item, i) => {
    const bare = !/^["']/.test(item) && !/^[+\-.0-9]/.test(item);
    out += item + (bare ? gap(r, true) : gap(r));
    const last = i === items.length - 1;
    // Commas are optional before a quoted string (libdm tokenizes quotes anywhere).
    const next = items[i + 1];
    const commaOptional = !last && quotedOnly && /^["']/.test(next);
    if (!last ? !commaOptional || r.chance(0.5) : r.chance(0.3)) out += `,${gap(r)}`;
  });
  return out + ']';
}

/** A value of the right type for `def`, in a random form. */
export function goodValue(r: Random, def: Def): string {
  if (PINNED(def.path)) return def.default!;
  if (def.path === 'devices/types') {
    const items: string[] = [];
    // Each type with its partition count, which lvm2 requires to be there and non-zero.
    for (let n = r.int(3); n >= 0; n--) {
      const count = 1 + r.int(16);
      items.push(writeString(r, r.pick(['fd', 'drbd', 'nvme', 'xvd']), true), r.pick([String(count), `+${count}`, `0${count.toString(8)}`]));
    }
    return arrayOf(r, items, false);
  }
  if (!def.array) return scalar(r, def, false);
  if (r.chance(0.2)) return scalar(r, def, false); // a single value without brackets
  const n = def.allowEmpty ? r.int(4) : 1 + r.int(3);
  const items = Array.from({ length: n }, () => scalar(r, def, true));
  return arrayOf(r, items, items.every((i) => /^["']/.test(i)));
}

// ---- files -------------------------------------------------------------------------------------

export interface Stmt {
  /** The path as lvm2 files it. */
  segs: string[];
  /** The value text; undefined for an (empty) section. */
  value?: string;
}

const VARIABLE: Record<string, string[]> = {
  'allocation/cache_settings': ['mq', 'smq', 'cleaner'],
  'metadata/disk_areas': ['disk_area0', 'area1'],
};

/** The real path of a schema path, with chosen names for `#`. */
function realPath(r: Random, path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split('/')) out.push(seg === '#' ? r.pick(VARIABLE[out.join('/')] ?? ['x']) : seg);
  return out;
}

/** A statement setting one known setting to a valid value. */
export function goodStmt(r: Random): Stmt {
  if (r.chance(0.04)) {
    // cache_settings/<policy> is CFG_SECTION_NO_CHECK: anything goes inside.
    return { segs: ['allocation', 'cache_settings', r.pick(VARIABLE['allocation/cache_settings']), r.pick(['migration_threshold', 'random_threshold', 'Anything_goes'])], value: r.pick(['2048', '"x"', '1.5', '[ ]', 'word']) };
  }
  if (r.chance(0.03)) return { segs: [r.pick(SECTIONS.filter((s) => s !== 'tags'))] };
  const def = r.pick(KNOWN_SETTINGS);
  return { segs: realPath(r, def.path), value: goodValue(r, def) };
}

function name(r: Random, n: string): string {
  if (r.chance(0.04) && !n.includes('"')) return `"${n}"`;
  if (r.chance(0.02) && !n.includes("'")) return `'${n}'`;
  return n;
}

/** Renders statements as nested sections, slash paths, repeated sections, in file order. */
export function render(r: Random, stmts: Stmt[], depth = 0): string {
  const indent = r.chance(0.7) ? '\t'.repeat(depth) : r.pick(['', ' ', '\t\t']);
  let out = '';
  let i = 0;
  while (i < stmts.length) {
    const s = stmts[i];
    if (s.segs.length === 1) {
      out += indent + (s.value === undefined ? `${name(r, s.segs[0])}${gap(r)}{${gap(r)}}` : `${name(r, s.segs[0])}${gap(r)}=${gap(r)}${s.value}`);
      out += lineEnd(r, s.value);
      i++;
      continue;
    }
    // A run of statements under the same first name: one block, or slash paths.
    let j = i + 1;
    const limit = r.chance(0.3) ? i + 1 + r.int(2) : stmts.length; // sometimes split into repeated sections
    while (j < stmts.length && j < limit && stmts[j].segs.length > 1 && stmts[j].segs[0] === s.segs[0]) j++;
    const run = stmts.slice(i, j);
    if (r.chance(0.7)) {
      const inner = render(r, run.map((x) => ({ ...x, segs: x.segs.slice(1) })), depth + 1);
      out += `${indent}${name(r, s.segs[0])}${gap(r)}{${r.chance(0.8) ? '\n' : gap(r)}${inner}${indent}}${lineEnd(r)}`;
    } else {
      for (const x of run) {
        const p = (r.chance(0.05) ? '/' : '') + x.segs.join(r.chance(0.05) ? '//' : '/');
        out += indent + (x.value === undefined ? `${p}${gap(r)}{${gap(r)}}` : `${p}${gap(r)}=${gap(r)}${x.value}`) + lineEnd(r, x.value);
      }
    }
    i = j;
  }
  return out;
}

function lineEnd(r: Random, value?: string): string {
  const bare = value !== undefined && /[^"'\]]$/.test(value) && !/^[+\-.0-9]/.test(value);
  if (r.chance(0.1)) return `${bare ? ' ' : r.pick(['', ' '])}# trailing comment ü\n`;
  if (r.chance(0.05)) return r.pick(['\r\n', '\n\n', ' \t\n']);
  return '\n';
}

/** A valid file of 1–12 statements, with repeated sections and duplicate settings. */
export function validStmts(r: Random): Stmt[] {
  const stmts = Array.from({ length: 1 + r.int(12) }, () => goodStmt(r));
  // Duplicates: the same setting again later, with another valid value.
  if (r.chance(0.25)) {
    const s = r.pick(stmts);
    const def = s.value !== undefined ? LVM_SETTINGS.find((d) => d.path === schemaPath(s.segs)) : undefined;
    if (def) stmts.push({ segs: s.segs, value: goodValue(r, def) });
  }
  // Keep statements of one top-level section mostly together, as people write them.
  if (r.chance(0.5)) stmts.sort((a, b) => a.segs[0].localeCompare(b.segs[0]));
  return stmts;
}

export function validFile(r: Random): string {
  return header(r) + render(r, validStmts(r));
}

function header(r: Random): string {
  return r.chance(0.3) ? r.pick(['# lvm.conf\n', '\n', '# ü généré\n\n', '\t\n# x = 1\n']) : '';
}

/** The schema path of a real path (variable section names as `#`). */
export function schemaPath(segs: string[]): string {
  let known = '';
  for (const s of segs) {
    const exact = known ? `${known}/${s}` : s;
    const variable = known ? `${known}/#` : '#';
    known = LVM_SETTINGS.some((d) => d.path === exact) ? exact : LVM_SETTINGS.some((d) => d.path === variable) ? variable : exact;
  }
  return known;
}

// ---- mistakes ----------------------------------------------------------------------------------

/** A value of the wrong type (or an empty one) for `def`. */
export function badValue(r: Random, def: Def): string {
  const t = def.types;
  const options: string[] = ['2.5', '[ ]', '[ 1, 2 ]', '""'];
  if (t.includes('int')) options.push('"42"', "'7'", '"-1"', 'word', '0.0', '1.', '"0x10"');
  if (t.includes('bool')) options.push('maybe', '"2"', "'10'", '1.0', 'enabled', '"yes "', 'Y');
  if (t.includes('string')) options.push('5', '-1', '0777', '[ "a", 7 ]', '[ "" ]', '[ "a", "" ]', '"x"');
  if (def.array) options.push('[ 1 ]', '[ 0.5, "a" ]', "''", '[[', '[ "" ]');
  return r.pick(options);
}

function typo(r: Random, n: string): string {
  if (n.length < 2) return n + 'x';
  const i = r.int(n.length - 1);
  switch (r.int(5)) {
    case 0: return n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
    case 1: return n.slice(0, i) + n.slice(i + 1);
    case 2: return n[0].toUpperCase() + n.slice(1);
    case 3: return n.replace(/_/g, '-') + (n.includes('_') ? '' : 's');
    default: return n + r.pick(['s', '_', '2', 'X']);
  }
}

/** One statement with a mistake lvm2's checker reports (or, for some, accepts). */
export function badStmt(r: Random): Stmt {
  const def = r.pick(KNOWN_SETTINGS.filter((d) => !PINNED(d.path)));
  const segs = realPath(r, def.path);
  const last = segs.length - 1;
  switch (r.int(12)) {
    case 0:
    case 1:
    case 2:
      return { segs, value: badValue(r, def) };
    case 3: // misspelt setting
      return { segs: [...segs.slice(0, last), typo(r, segs[last])], value: goodValue(r, def) };
    case 4: // misspelt or wrongly cased section
      return { segs: [r.chance(0.5) ? typo(r, segs[0]) : segs[0].toUpperCase(), ...segs.slice(1)], value: goodValue(r, def) };
    case 5: // a setting outside any section
      return { segs: [segs[last]], value: goodValue(r, def) };
    case 6: // unknown section, known or unknown names inside
      return r.chance(0.5)
        ? { segs: [r.pick(['nosuch', 'lvm', 'Devices', 'device', 'loca1']), ...segs.slice(1)], value: goodValue(r, def) }
        : { segs: [...segs.slice(0, last), r.pick(['sub', 'extra', segs[last]]), segs[last]], value: goodValue(r, def) };
    case 7: // a setting written as a section, a section written as a setting
      return r.chance(0.5) ? { segs } : { segs: segs.slice(0, Math.max(1, last)), value: r.pick(['1', '"x"', '[ ]', '2.5']) };
    case 8: { // a setting lvm2 2.03.16 does not know yet
      const newer = r.pick(NEWER_SETTINGS);
      return { segs: realPath(r, newer.path), value: goodValue(r, newer) };
    }
    case 9: // empty and odd names
      return { segs: [...segs.slice(0, last), r.pick(['a"b', "x'y", 'x.y', '-', '1x', 'ü', '@', '*'])], value: '1' };
    case 10: // tags contents: lvm2 never checks the tags section
      // (host_list stays a list of strings: anything else makes every lvm2 command fail at startup.)
      return r.chance(0.5)
        ? { segs: ['tags', ...r.pick([['hosttags'], ['bogus'], ['t1', 'bogus'], ['Hosttags']])], value: r.pick(['0', '"x"', '[ "nothere" ]', '[ ]', 'maybe', '2.5']) }
        : { segs: ['tags', r.pick(['t2', '@t3']), 'host_list'], value: r.pick(['"nothere"', '[ "nothere", "" ]', '[ ]', '""']) };
    default:
      return { segs, value: badValue(r, def) };
  }
}

/**
 * Leaves out statements that would make one name both a setting and a section (`global = 1`
 * next to `global { … }`): lvm2 merges them into one node that it checks as a setting only.
 * That case has its own test; here it would hide everything else in the file.
 */
export function withoutMixedNodes(stmts: Stmt[]): Stmt[] {
  const key = (segs: string[]) => segs.join('\0');
  const out: Stmt[] = [];
  const settings = new Set<string>();
  const sections = new Set<string>();
  for (const s of stmts) {
    const prefixes = s.segs.slice(0, s.value === undefined ? s.segs.length : -1).map((_, i) => key(s.segs.slice(0, i + 1)));
    if (s.value !== undefined && sections.has(key(s.segs))) continue;
    if (prefixes.some((p) => settings.has(p))) continue;
    prefixes.forEach((p) => sections.add(p));
    if (s.value !== undefined) settings.add(key(s.segs));
    out.push(s);
  }
  return out;
}

/** A valid file with one to three mistakes in it. */
export function invalidFile(r: Random): string {
  const stmts = validStmts(r);
  for (let n = 1 + r.int(r.chance(0.3) ? 3 : 1); n > 0; n--) stmts.splice(r.int(stmts.length + 1), 0, badStmt(r));
  return header(r) + render(r, withoutMixedNodes(stmts));
}

/** Broken syntax: values and statements lvm2's parser rejects (or, in 2.03.16, reads oddly). */
const BROKEN_VALUES = ['0x1f', '0X3F', '1.2.3', '[ a, b ]', '[ a,b ]', '[ "a" b ]', '[ 1 2 ]', '[ "a", ]]', '"unterminated', "'open", '"a\\"',
  '08', '09', '0189', '-', '+', '+-1', '99999999999999999999', '-99999999999999999999', '1.0e999', '1e5', '[', '[ , 1 ]', '[ "a",, "b" ]',
  '{ }', '', '= 1', '[ [ 1 ] ]', '1 2', '"a" "b"', '5}', 'x]', '.', '-.5', '+.', '1..2', '[ "a" "b"', '[ 1, ]'];
const BROKEN_STATEMENTS = ['"" { }', "'' = 1", '"" = 1', ']', '}', '{ }', '= 1', 'global { units "h" }', 'global units = "h"', 'devices { filter = [ "a|.*|" ]',
  'global {{ }', 'x = 1 = 2', '"global { }', 'global { umask = 077 } }', 'a b c', 'global/ { }', 'global/units/ = "h"', '/ = 1', 'global { = 1 }',
  '[ 1 ]', 'activation { volume_list = [ "vg" ] ] }', 'devices { types = [ "fd", 16, ] } }', 'global\0{ }', 'global { units = "h" }\0 }', 'x\\ = 1'];

/** A valid file broken at one place. */
export function brokenFile(r: Random): string {
  const stmts = validStmts(r);
  const i = r.int(stmts.length);
  if (r.chance(0.5) && stmts[i].value !== undefined) {
    stmts[i] = { ...stmts[i], value: r.pick(BROKEN_VALUES) };
    return header(r) + render(r, stmts);
  }
  let text = header(r) + render(r, stmts);
  const lines = text.split('\n');
  switch (r.int(4)) {
    case 0: { // a broken statement on a line of its own
      lines.splice(r.int(lines.length + 1), 0, r.pick(BROKEN_STATEMENTS));
      return lines.join('\n');
    }
    case 1: { // one structural character removed
      const at = [...text.matchAll(/[{}=\]["]/g)].map((m) => m.index!);
      if (!at.length) return text + '}';
      const p = r.pick(at);
      return text.slice(0, p) + text.slice(p + 1);
    }
    case 2: { // one character inserted
      const p = r.int(text.length + 1);
      return text.slice(0, p) + r.pick(['{', '}', '[', ']', '=', '"', "'", ',', '\0', '#', '0x', '.']) + text.slice(p);
    }
    default: // cut short
      text = text.slice(0, r.int(text.length + 1));
      return text;
  }
}
