// Differential test: xenops must read lvm.conf exactly as the installed lvm2 (Debian 12's 2.03.16)
// does — the parse error lvm2 prints (same byte, same line), the messages of its configuration
// check (`lvmconfig --validate`: unknown sections and settings, wrong types, empty values), and
// the values it stores (`lvmconfig --type current`). Skipped when lvmconfig is not installed.
//
// Where 2.03.16 and current lvm2 (which the project follows) differ, the test models 2.03.16:
// - an integer strtoll cannot read whole (`08`, `0189`, a lone sign) is read as its prefix by
//   2.03.16 (only errno was checked: out of range fails in both); current lvm2 refuses the file
//   with `Failed to read int token.`. We must report that; then lvm2 is compared with our reading
//   of the file with the number replaced by what 2.03.16 stores, at the same length.
// - `expected a string token.` (a lone `"` at the end): 2.03.16 prints the byte after the quote.
// - settings added after 2.03.16 are unknown to it; report/headings was a boolean until 2.03.23.
// And two lvm2 quirks (2.03.16 and current): below the second level its check prints a path
// as its first two levels, and a top-level node named `tags` is never checked.
// Disagreements that are the project's have their own tests below (they fail until fixed);
// the generated files' comparison sets those cases aside and counts them.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathOf } from '../../server/src/lvm/ast';
import { lintLvm } from '../../server/src/lvm/lint';
import { parseLvmConf } from '../../server/src/lvm/parser';
import { LVM_SETTINGS } from '../../server/src/lvm/schema/settings';
import { requireTool } from '../tools';
import { Random } from './generate';
import { atMost, brokenFile, INSTALLED_LVM2, invalidFile, schemaPath, TYPE_CHANGED, validFile } from './lvmGenerate';

// ---- running lvm2 ------------------------------------------------------------------------------

interface Run {
  code: number;
  /** stderr then stdout, as lvm2 prints messages on both. */
  output: string;
  stdout: string;
}

/** Runs lvmconfig on lvm.conf texts, a few at a time, each in its own LVM_SYSTEM_DIR. */
class Lvm2 {
  private readonly free: string[] = [];
  private readonly waiting: Array<(dir: string) => void> = [];
  readonly root: string;

  constructor(private readonly bin: string, slots = Math.max(2, Math.min(8, os.cpus().length))) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lvm-'));
    for (let i = 0; i < slots; i++) {
      const dir = path.join(this.root, String(i));
      fs.mkdirSync(dir);
      this.free.push(dir);
    }
  }

  /** How many times lvmconfig ran. */
  calls = 0;

  async run(text: string, args: string[]): Promise<Run> {
    this.calls++;
    const dir = this.free.pop() ?? (await new Promise<string>((resolve) => this.waiting.push(resolve)));
    try {
      fs.writeFileSync(path.join(dir, 'lvm.conf'), text, 'utf8');
      return await new Promise<Run>((resolve, reject) => {
        execFile(this.bin, args, {
          env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LVM_SYSTEM_DIR: dir, LVM_SUPPRESS_FD_WARNINGS: '1', LC_ALL: 'C' },
          encoding: 'utf8',
          timeout: 20_000,
          maxBuffer: 16 << 20,
        }, (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number' && !error.signal) return reject(error);
          // A crash (lvm2 2.03.16 segfaults on some inputs) reads as 128 + the signal, as a shell shows it.
          const code = !error ? 0 : typeof error.code === 'number' ? error.code : 128 + (os.constants.signals[error.signal as NodeJS.Signals] ?? 0);
          resolve({ code, output: stderr + stdout + (error?.signal ? `(killed by ${error.signal})\n` : ''), stdout });
        });
      });
    } finally {
      const next = this.waiting.shift();
      if (next) next(dir);
      else this.free.push(dir);
    }
  }

  close(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

// ---- what each side says -----------------------------------------------------------------------

const STRING_TOKEN = /^Parse error at byte (\d+) \(line (\d+)\): expected a string token\.$/;
const PARSE_ERROR = /^(Parse error at byte \d+ \(line \d+\): .*|Failed to read (int|float) token\.)$/;
/** A line of lvm2's config checker (log_warn/log_error in config_def_check), after `WARNING: `. */
const CHECK_LINE = /^Configuration (setting|section|option) ".*"/;
const CHECK_CODES = new Set(['lvm/unknown-setting', 'lvm/type']);

interface Theirs {
  parseError?: string;
  /** `Failed to load config file`: lvm2 ignores the whole file. */
  refused: boolean;
  /** Checker messages, lvm2's words (without `WARNING: `). */
  checks: string[];
  summary?: string;
}

/**
 * One message of lvm2's configuration check, to the end of its sentence: a value quoted in it may
 * run over several lines (a string with a newline in it).
 */
const CHECK_MESSAGE = new RegExp('^ *(?:WARNING: )?(Configuration (?:setting|section|option) "[^\\n]*?" (?:' + [
  'unknown\\.',
  "invalid\\. It's not part of any section\\.",
  'invalid\\. Empty value not allowed\\.',
  'invalid\\. It cannot be set to an empty value\\.',
  'invalid\\. Found string value "[\\s\\S]*?", expected boolean value: 0/1, "y/n", "yes/no", "on/off", "true/false"\\.',
  'has invalid type\\. Found[a-z :]* but expected[a-z :]*\\.',
  'is not customizable by a profile\\.',
  'is customizable by (?:metadata|command) profile only, not (?:command|metadata) profile\\.',
  'is not allowed here\\.',
].join('|') + '))$', 'gm');

function theirVerdict(run: Run): Theirs {
  const lines = run.output.split('\n').map((l) => l.trim().replace(/^WARNING: /, ''));
  const checks = [...run.output.matchAll(CHECK_MESSAGE)].map((m) => m[1]);
  // Every line that starts like a check message must be one we read whole.
  const unread = lines.filter((l) => CHECK_LINE.test(l) && !checks.some((c) => c.startsWith(l)));
  return {
    parseError: lines.find((l) => PARSE_ERROR.test(l)),
    refused: lines.some((l) => l.startsWith('Failed to load config file ')),
    checks: [...new Set([...checks, ...unread])],
    summary: lines.find((l) => /^LVM_? configuration (in)?valid\.$/.test(l)),
  };
}

const CHECKED_MESSAGE = /^(Configuration (?:setting|section|option) ")(.*?)(" (?:unknown|invalid|has invalid type)[\s\S]*)$/;

/** Path of a checker message (`"tags/x"` → tags/x). */
function messagePath(message: string): string | undefined {
  return CHECKED_MESSAGE.exec(message)?.[2];
}

/**
 * The path as lvm2 prints it. `_config_def_check_tree` (2.03.16 and current) advances its
 * real-path buffer by the whole path at every level, so below the second level lvm2 prints the
 * first two levels only: `metadata/disk_areas/a1/bogus` comes out as "metadata/disk_areas".
 */
function lvm2PrintedPath(p: string): string {
  const segs = p.split('/');
  return segs.length > 2 ? segs.slice(0, 2).join('/') : p;
}

/** Is this a setting the installed lvm2 does not know yet (added later)? */
function newerSetting(p: string): boolean {
  const def = LVM_SETTINGS.find((d) => d.path === schemaPath(p.split('/')));
  return def !== undefined && def.kind === 'setting' && !atMost(def.since, INSTALLED_LVM2);
}

interface Ours {
  parseError?: string;
  /** lvm/syntax errors the linter reports (lvm2 refuses the file). */
  syntaxErrors: number;
  checks: string[];
  /** Type findings on a value a later duplicate overrides: lvm2 never checks those (see the duplicates test). */
  shadowed: string[];
  /** Findings in the tags section, which lvm2 does not check (see the tags test). */
  tags: string[];
  /** Names below a cache policy written as a slash path, which lvm2 does not check (see the cache_settings test). */
  noCheck: string[];
  /** Checks of settings newer than the installed lvm2, which it calls unknown. */
  newer: string[];
}

function ourVerdict(text: string): Ours {
  const { doc, findings } = lintLvm(text, 'lvm.conf');
  const last = new Map(doc.settings.map((s) => [pathOf(s), s]));
  const overridden = doc.settings.filter((s) => last.get(pathOf(s)) !== s);
  const syntaxErrors = findings.filter((f) => f.code === 'lvm/syntax' && f.severity === 'error').length;
  const ours: Ours = { parseError: doc.errors[0]?.message, syntaxErrors, checks: [], shadowed: [], tags: [], noCheck: [], newer: [] };
  for (const f of findings) {
    if (!CHECK_CODES.has(f.code)) continue;
    const p = messagePath(f.message) ?? '';
    if (p === 'tags' || p.startsWith('tags/')) ours.tags.push(f.message);
    else if (/^allocation\/cache_settings\/[^/]+\//.test(p)) ours.noCheck.push(f.message);
    else if (newerSetting(p)) ours.newer.push(f.message);
    else if (f.code === 'lvm/type' && overridden.some((s) => f.start >= s.start && f.start < s.end)) ours.shadowed.push(f.message);
    else ours.checks.push(f.message.replace(CHECKED_MESSAGE, (_, a: string, q: string, b: string) => a + lvm2PrintedPath(q) + b));
  }
  return ours;
}

/** Our message begins with lvm2's sentence (then our explanation, after a space). */
function sameMessage(ours: string, theirs: string): boolean {
  return ours === theirs || ours.startsWith(theirs + ' ');
}

/** What differs between the two verdicts, or undefined when they agree. */
function difference(theirs: Theirs, ours: Ours): string | undefined {
  if (theirs.parseError !== ours.parseError) return `parse error: lvm2 ${JSON.stringify(theirs.parseError)}, ours ${JSON.stringify(ours.parseError)}`;
  const refused = theirs.refused || theirs.parseError !== undefined;
  if (refused !== ours.syntaxErrors > 0) {
    return refused ? 'lvm2 refuses the file (Failed to load config file); we report no lvm/syntax error' : `lvm2 reads the file; we report ${ours.syntaxErrors} lvm/syntax error(s)`;
  }
  if (refused) return undefined;
  // Settings newer than 2.03.16 are unknown to it: a version difference, not ours to match.
  const checks = theirs.checks.filter((t) => !(/ unknown\.$/.test(t) && newerSetting(messagePath(t) ?? '')));
  const missing = checks.filter((t) => !ours.checks.some((o) => sameMessage(o, t)));
  const extra = ours.checks.filter((o) => !checks.some((t) => sameMessage(o, t)));
  if (!missing.length && !extra.length) return undefined;
  return [...missing.map((m) => `only lvm2: ${m}`), ...extra.map((m) => `only ours: ${m}`)].join('\n    ');
}

function show(text: string, run: Run, ours: unknown, why: string): string {
  return `${why}\n  input: ${JSON.stringify(text)}\n  lvm2 (exit ${run.code}):\n${run.output.replace(/^/gm, '    | ')}\n  ours: ${JSON.stringify(ours, null, 1).replace(/\n\s*/g, ' ')}`;
}

// ---- 2.03.16 reads some numbers differently ------------------------------------------------------

const LLONG_MAX = (1n << 63n) - 1n;

/**
 * What 2.03.16's strtoll(token, NULL, 0) stores: it checks errno (so out of range fails there
 * too) but not the end pointer, so `08` is 0, `0189` is 1, a lone sign is 0. Undefined when
 * the number is out of range.
 */
function oldStrtoll(token: string): bigint | undefined {
  const m = /^([+-]?)(0[0-7]*|[1-9]\d*)?/.exec(token)!;
  let n = m[2] ? BigInt(m[2].length > 1 && m[2][0] === '0' ? `0o${m[2].slice(1)}` : m[2]) : 0n;
  if (m[1] === '-') n = -n;
  return n > LLONG_MAX || n < -LLONG_MAX - 1n ? undefined : n;
}

/** `n` written as an lvm.conf integer of exactly `len` characters, if there is such a spelling. */
function sameLength(n: bigint, len: number): string | undefined {
  if (n === 0n) return '0'.repeat(len);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  const forms = [sign + abs.toString(), `${sign || '+'}${abs}`];
  const oct = abs.toString(8);
  for (let zeros = 1; sign.length + zeros + oct.length <= len; zeros++) forms.push(sign + '0'.repeat(zeros) + oct);
  return forms.find((f) => f.length === len);
}

/**
 * The file as 2.03.16 reads it: every integer only current lvm2 refuses, replaced by what 2.03.16
 * stores, at the same length so bytes and lines stay put. Undefined when that cannot be written.
 */
function as2_03_16(text: string): string | undefined {
  for (let i = 0; i < 50; i++) {
    const e = parseLvmConf(text).errors[0];
    if (!e || e.reason !== 'int-token') return text;
    const token = text.slice(e.start, e.end);
    const n = oldStrtoll(token);
    if (n === undefined) return text; // out of range: 2.03.16 refuses it as well
    const fixed = sameLength(n, token.length);
    if (fixed === undefined) return undefined;
    text = text.slice(0, e.start) + fixed + text.slice(e.end);
  }
  return undefined;
}

// ---- lvmconfig --type current ------------------------------------------------------------------

type Item = { type: 'int' | 'float' | 'string'; value: number | string };
type Printed = { brackets: boolean; items: Item[] };

/** Reads `lvmconfig --type current` output (sections, `key=value`, values as lvm2 writes them). */
function readCurrent(text: string): Map<string, Printed> {
  // Messages on stdout: duplicate warnings while it reads the file (at the margin), and its log
  // lines (after the log/prefix of two spaces); the configuration itself is indented with tabs.
  text = text.replace(/^(WARNING: |  \S).*$/gm, '');
  const out = new Map<string, Printed>();
  const tokens = [...text.matchAll(/\s+|"((?:[^"\\]|\\[\s\S])*)"|(-?\d+\.\d+)|(-?\d+)(?=[\s,\]])|([{}[\],=])|([^\s{}[\],="]+)/g)].filter((m) => !/^\s/.test(m[0]));
  let i = 0;
  const stack: string[] = [];
  const item = (m: RegExpMatchArray): Item => {
    if (m[1] !== undefined) return { type: 'string', value: m[1].replace(/\\([\s\S])/g, '$1') };
    if (m[2] !== undefined) return { type: 'float', value: Number(m[2]) };
    if (m[3] !== undefined) return { type: 'int', value: Number(m[3]) };
    throw new Error(`unexpected ${m[0]} in lvmconfig output`);
  };
  while (i < tokens.length) {
    const t = tokens[i];
    if (t[0] === '}') {
      stack.pop();
      i++;
      continue;
    }
    const key = t[0];
    const op = tokens[i + 1]?.[0];
    if (op === '{') {
      stack.push(key);
      i += 2;
      continue;
    }
    if (op !== '=') throw new Error(`unexpected ${op} after ${key} in lvmconfig output`);
    i += 2;
    const p = [...stack, key].join('/');
    if (tokens[i][0] === '[') {
      const items: Item[] = [];
      for (i++; tokens[i][0] !== ']'; i++) if (tokens[i][0] !== ',') items.push(item(tokens[i]));
      out.set(p, { brackets: true, items });
      i++;
    } else {
      out.set(p, { brackets: false, items: [item(tokens[i])] });
      i++;
    }
  }
  return out;
}

/** Our values against what lvm2 stored: type of every item, numbers (octal read), strings unescaped. */
function valueDifferences(text: string, current: Map<string, Printed>): string[] {
  const doc = parseLvmConf(text);
  const last = new Map(doc.settings.map((s) => [pathOf(s), s]));
  const diffs: string[] = [];
  for (const [p, s] of last) {
    if (p.startsWith('tags/')) continue;
    const theirs = current.get(p);
    const mine: Printed = { brackets: s.value.items.length !== 1, items: s.value.items.map((x) => ({ type: x.type, value: x.value })) };
    const same = theirs && theirs.brackets === mine.brackets && theirs.items.length === mine.items.length &&
      theirs.items.every((t, k) => {
        const m = mine.items[k];
        if (t.type !== m.type) return false;
        if (t.type === 'float') return Math.abs(Number(t.value) - Number(m.value)) < 5e-7 * Math.max(1, Math.abs(Number(m.value)));
        return t.value === m.value;
      });
    if (!same) diffs.push(`${p}: lvm2 ${JSON.stringify(theirs)}, ours ${JSON.stringify(mine)}`);
  }
  for (const p of current.keys()) if (!last.has(p)) diffs.push(`${p}: lvm2 ${JSON.stringify(current.get(p))}, not set in ours`);
  return diffs;
}

// ---- stock files -------------------------------------------------------------------------------

/**
 * The stock lvm.conf with its commented-out settings switched on: `# name = value` lines whose
 * value is complete on that line, and commented-out section headers with their closing braces
 * (`# metadata {` … `# }`). Prose and multi-setting examples do not parse as one setting and stay.
 */
function uncommentStock(text: string): string {
  const lines = text.split('\n');
  const open: string[] = []; // indentation of each commented-out section we switched on
  return lines.map((line) => {
    const setting = /^(\s*)# ([A-Za-z_]\w*) = (.+)$/.exec(line);
    if (setting) {
      const doc = parseLvmConf(`${setting[2]} = ${setting[3]}\n`);
      if (!doc.errors.length && doc.settings.length === 1) return `${setting[1]}${setting[2]} = ${setting[3]}`;
      return line;
    }
    const section = /^(\s*)# ([A-Za-z_]\w*) \{$/.exec(line);
    if (section) {
      open.push(section[1]);
      return `${section[1]}${section[2]} {`;
    }
    const close = /^(\s*)# \}$/.exec(line);
    if (close && open.length && open[open.length - 1] === close[1]) {
      open.pop();
      return `${close[1]}}`;
    }
    return line;
  }).join('\n');
}

/** Findings a stock file may have: removed and deprecated settings (and duplicates in the uncommented examples). */
function unexpected(text: string, filename: string, allowed: string[]): string[] {
  return lintLvm(text, filename).findings
    .filter((f) => f.severity === 'error' || !allowed.includes(f.code))
    .map((f) => `${f.code} ${f.severity} at ${JSON.stringify(text.slice(f.start, f.end))}: ${f.message}`);
}

// ---- the tests ---------------------------------------------------------------------------------

// More files and other seeds for a longer exploratory run: XENOPS_LVM_DIFF_SCALE=10 XENOPS_LVM_DIFF_SEED=7.
const SCALE = Math.max(1, Number(process.env.XENOPS_LVM_DIFF_SCALE) || 1);
const SEED = Number(process.env.XENOPS_LVM_DIFF_SEED) || 0;
const VALID = 260 * SCALE;
const INVALID = 260 * SCALE;
const BROKEN = 200 * SCALE;

describe('differential: xenops vs lvm2 2.03.16 (lvmconfig --validate)', function () {
  this.timeout(120_000 * SCALE);
  let lvm: Lvm2 | undefined;

  before(function () {
    lvm = new Lvm2(requireTool(this, 'lvmconfig'));
  });

  after(() => lvm?.close());

  /**
   * Compares parse verdict and checker messages on every text; returns the disagreements and how
   * often each known difference (version, lvm2 quirk, or project bug with its own test) came up.
   */
  async function compare(texts: string[]): Promise<{ mismatches: string[]; runs: Run[]; counts: Record<string, number> }> {
    const mismatches: string[] = [];
    const counts: Record<string, number> = { lvm2Crashed: 0, oldIntReading: 0, stringTokenByte: 0, newerSetting: 0, shadowedDuplicate: 0, tags: 0, noCheckSlashPath: 0, noNodesRefused: 0, unreadable: 0 };
    const runs = await Promise.all(texts.map((t) => lvm!.run(t, ['--validate'])));
    texts.forEach((text, i) => {
      const run = runs[i];
      const theirs = theirVerdict(run);
      let ours = ourVerdict(text);
      if (run.code >= 128) {
        // 2.03.16 dereferences a NULL value when a boolean it reads at startup is written as a
        // section (`global { abort_on_internal_errors { } }`): no verdict to compare.
        counts.lvm2Crashed++;
        return;
      }
      if (ours.parseError === 'Failed to read int token.' && theirs.parseError !== ours.parseError) {
        // Current lvm2 refuses the number; 2.03.16 reads the prefix strtoll can read.
        const old = as2_03_16(text);
        if (old === undefined) {
          counts.unreadable++;
          return;
        }
        counts.oldIntReading++;
        ours = ourVerdict(old);
      }
      if (theirs.refused && !theirs.parseError && !ours.syntaxErrors && !parseLvmConf(text).nodes.length) {
        counts.noNodesRefused++; // the 'file without a single node' test
        return;
      }
      const t = STRING_TOKEN.exec(theirs.parseError ?? '');
      const o = STRING_TOKEN.exec(ours.parseError ?? '');
      if (t && o && t[2] === o[2] && Number(t[1]) === Number(o[1]) + 1) {
        // 2.03.16 strips the quote before printing the offset of a lone `"`; 2.03.28 and later do not.
        counts.stringTokenByte++;
        return;
      }
      if (!theirs.parseError) {
        counts.newerSetting += theirs.checks.filter((t) => / unknown\.$/.test(t) && newerSetting(messagePath(t) ?? '')).length;
        counts.shadowedDuplicate += ours.shadowed.length;
        counts.tags += ours.tags.length;
        counts.noCheckSlashPath += ours.noCheck.length;
      }
      // Without the summary line lvm2 stopped after its check, on a value it cannot start with
      // (global/units, activation/readahead, devices/types …): the check lines are complete.
      const why = difference(theirs, ours);
      if (why) mismatches.push(show(text, run, ours, why + (theirs.summary || theirs.parseError ? '' : '\n  (lvm2 stopped at startup after its check)')));
    });
    return { mismatches, runs, counts };
  }

  /** Keeps the counts of a run for the report at the end. */
  const tally: Record<string, number> = {};
  function record(counts: Record<string, number>): void {
    for (const [k, v] of Object.entries(counts)) tally[k] = (tally[k] ?? 0) + v;
  }
  after(() => {
    if (process.env.XENOPS_LVM_DIFF_REPORT) console.log(`lvmconfig ran ${lvm?.calls} times; known differences seen:`, tally);
  });

  it('agrees on hand-picked edge cases', async () => {
    const edge = [
      '', ' ', 'global { }', 'global {}\n', 'global{units="h"}', 'global/units = "h"', '/global//units = h\n', '# c\nglobal { } # c',
      'global { umask = 077 }', 'global { umask = 0x3f }', 'global {\n umask 077\n}\n', 'global {\n  units = "h"\n', 'global { units = "h" } }',
      'devices { filter = [ "a|.*|" "r|.*|" ] }', 'devices { filter = [ "a|.*|", ] }', 'devices { filter = "a|.*|" }', 'devices { filter = [] }',
      'devices { filter = [ a|.*| , r|.*| ] }', 'devices { filter = [ a, b ] }', 'devices { filter = [ "a" b ] }', 'devices { types = [ "fd", 16 ] }',
      'activation { volume_list = [] }', 'activation { volume_list = [ "" ] }', 'devices { filter = [ "" ] }', 'global { units = "" }',
      'global { test = true }', 'global { test = TRUE }', 'global { test = "maybe" }', 'global { test = 2 }', 'global { test = 1.0 }', 'global { test = "" }',
      'global { umask = "077" }', 'global { umask = 7.5 }', 'global { umask = [ 1, 2 ] }', 'global { umask = [ 1 ] }', 'global { umask = [] }',
      'global { units = 5 }', 'global { units = [ "h", "k" ] }', 'global { units { } }', 'allocation { cache_settings = 1 }', 'devices = 1',
      'units = "h"', 'Global { units = "h" }', 'nosuch { x = 1 }', 'nosuch { y { z = 1 } }', 'global { bogus = 1 }', 'global { sub { x = 1 } }',
      'allocation { cache_settings { mq { anything = 1 } } }', 'metadata { disk_areas { a1 { start_sector = 0 size = 1 id = "x" } } }',
      'metadata { disk_areas { a1 { bogus = 1 } } }', 'metadata { disk_areas { a1 { size = "x" } } }', 'metadata { disk_areas { a1 { sub { } } } }',
      'metadata/disk_areas/a1/size = 1.5', 'global { locking_type = 3 }', 'global { use_lvmetad = 1 }', 'report { headings = 1 }',
      'devices { device_ids_refresh = 1 }', 'devices { device_ids_refresh = "x" }', 'local { pr_key = "0x1" }', '"global" { "units" = "h" }', "'global' { units = 'h' }",
      '"" { }', 'global { "" = 1 }', 'report { separator = "h\\"" }', 'report { separator = "h', "report { separator = 'h", 'report { separator = h\\ }',
      'global { umask = 08 }', 'global { umask = - }', 'global { umask = + }', 'global { umask = 99999999999999999999 }', 'global { umask = 0189 }',
      'global { umask = 9223372036854775807 }', 'global { umask = -9223372036854775808 }', 'global { umask = 9223372036854775808 }',
      'global { umask = 1.2.3 }', 'global { umask = .5 }', 'global { umask = 1e5 }', 'global { umask = 1.0e999 }', 'backup { retain_days = 1.5e3 = 5 }',
      'global { umask = }', 'global { umask = . }', 'global { umask = +. }',
      'global {\r\n\tunits = "h"\r\n}\r\n', 'global {\v units = "h" \f}', 'global { units = "h" }\0 }', 'global {\0}', 'global\0',
      '# ü\nglobal { units = "h" } ]', '# ü\nreport { separator = "ü" } ]', 'global { etc = "a\nb" } ]', 'global { etc = "a\\\\" } ]', '\u00e9 = 1',
      'global { \u00e9 = 1 }', 'global { units = "h" } global { umask = 1 } global { bogus = 2 }', 'global/units = h global/units = k',
      'global { units = h units = k }', 'global/units/ = "h"', 'global/ { }', 'global { = 1 }', 'x = 1 = 2', '[ 1 ]', ']', '}', '{ }', '= 1', 'a b c',
      'global { units = [[ }', 'activation { volume_list = [ "vg" ] ] }', 'global { test = 1 } # end', 'global { test = 1 # c\n}',
      'global { test # c\n = # c\n 1 }', 'devices { filter = [ # c\n "a|.*|" # c\n , # c\n ] }', 'global { units = h}', 'global { umask = 1}',
      'global { umask=1test=0 }', 'global { test = 1 }\0global { bogus = 1 }', 'global { a"b = 1 }', "global { x'y = 1 }", 'global { 1x = 1 }',
    ];
    const { mismatches, counts } = await compare(edge);
    record(counts);
    assert.deepStrictEqual(mismatches, []);
  });

  it(`agrees on ${VALID} generated valid files, and stores the same values`, async () => {
    const r = new Random(0x1f0c0de + SEED);
    const texts = Array.from({ length: VALID }, () => validFile(r));
    const { mismatches, runs, counts } = await compare(texts);
    record(counts);
    const invalid = texts.filter((_, i) => theirVerdict(runs[i]).summary !== 'LVM configuration valid.');
    const currents = await Promise.all(texts.map((t) => lvm!.run(t, ['--type', 'current'])));
    const values: string[] = [];
    let compared = 0;
    texts.forEach((text, i) => {
      if (theirVerdict(runs[i]).summary !== 'LVM configuration valid.') return;
      const current = readCurrent(currents[i].stdout);
      compared += current.size;
      const diffs = valueDifferences(text, current);
      if (diffs.length) values.push(show(text, currents[i], diffs, 'stored values differ'));
    });
    assert.ok(compared > VALID * 3, `only ${compared} stored values compared`);
    assert.deepStrictEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${texts.length} files differ`);
    assert.deepStrictEqual(invalid.slice(0, 3).map((t, i) => show(t, runs[texts.indexOf(t)], i, 'the generator wrote a file lvm2 rejects')), []);
    assert.deepStrictEqual(values.slice(0, 5), [], `${values.length} files store different values`);
  });

  it(`agrees on ${INVALID} generated files with wrong types, unknown and misplaced names`, async () => {
    const r = new Random(0xbadc0f + SEED);
    const texts = Array.from({ length: INVALID }, () => invalidFile(r));
    const { mismatches, runs, counts } = await compare(texts);
    record(counts);
    // The generator must really exercise the checker.
    const flagged = runs.filter((run) => theirVerdict(run).checks.length).length;
    assert.ok(flagged > INVALID / 2, `only ${flagged} files have checker messages`);
    assert.deepStrictEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${texts.length} files differ`);
  });

  it(`agrees on ${BROKEN} generated files with broken syntax (parse error, byte and line)`, async () => {
    const r = new Random(0x5e11 + SEED);
    const texts = Array.from({ length: BROKEN }, () => brokenFile(r));
    const { mismatches, runs, counts } = await compare(texts);
    record(counts);
    const parseErrors = runs.filter((run) => theirVerdict(run).parseError).length;
    assert.ok(parseErrors > BROKEN / 3, `only ${parseErrors} files have parse errors`);
    assert.ok(counts.oldIntReading > 0, 'no file exercised the 2.03.16 integer reading');
    assert.deepStrictEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${texts.length} files differ`);
  });

  it('reports an integer current lvm2 refuses, which 2.03.16 reads as its prefix', async () => {
    for (const token of ['08', '-', '+', '0189', '-09']) {
      const text = `global {\n\tumask = ${token}\n}\n`;
      const run = await lvm!.run(text, ['--validate']);
      const ours = ourVerdict(text);
      assert.strictEqual(ours.parseError, 'Failed to read int token.', show(text, run, ours, 'we must report the int token'));
      assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(text, run, ours, '2.03.16 is expected to accept it'));
    }
    // Out of range: refused by 2.03.16 as well (it checks errno, not the end pointer).
    const text = 'global {\n\tumask = 99999999999999999999\n}\n';
    const run = await lvm!.run(text, ['--validate']);
    assert.strictEqual(theirVerdict(run).parseError, 'Failed to read int token.', run.output);
    assert.strictEqual(ourVerdict(text).parseError, 'Failed to read int token.');
  });

  // ---- disagreements with lvm2 in the project (each fails until fixed) ----

  it('a file without a single section or setting: lvm2 refuses it, so must we', async () => {
    // libdm's _file() returns no nodes and dm_config_parse fails without a message (2.03.16 and
    // current lvm2 alike): "Failed to load config file", exit 4. A 0-byte file is fine.
    const cases = ['\n', '# only a comment\n', '#\n#  filter = [ "a|.*|" ]\n', ' \t\r\n', '\0global { }'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const { doc, findings } = lintLvm(text, 'lvm.conf');
      assert.ok(theirVerdict(run).refused, show(text, run, doc.errors, 'lvm2 should refuse the file'));
      if (!findings.some((f) => f.code === 'lvm/syntax' && f.severity === 'error')) mismatches.push(show(text, run, findings, 'we report no lvm/syntax error'));
    }
    // An empty (0-byte) file is skipped, not refused.
    const run = await lvm!.run('', ['--validate']);
    const findings = lintLvm('', 'lvm.conf').findings;
    assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', run.output);
    if (findings.length) mismatches.push(show('', run, findings.map((f) => `${f.code} ${f.severity}: ${f.message}`), 'lvm2 reads a 0-byte file; we report'));
    assert.deepStrictEqual(mismatches, []);
  });

  it('cache policy settings written as a slash path are not checked, as in a nested section', async () => {
    // allocation/cache_settings/<policy> is CFG_SECTION_NO_CHECK; lvm2 builds the same tree from
    // `cache_settings/mq/x = 1` as from `cache_settings { mq { x = 1 } }`.
    const cases = ['allocation/cache_settings/mq/migration_threshold = 2048\n', 'allocation {\n\tcache_settings/smq/anything = "x"\n}\n',
      'allocation {\n\tcache_settings {\n\t\tmq/random_threshold = 4\n\t}\n}\n'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const errors = lintLvm(text, 'lvm.conf').findings.filter((f) => f.severity === 'error');
      assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(text, run, errors, 'lvm2 should accept'));
      if (errors.length) mismatches.push(show(text, run, errors.map((f) => `${f.code}: ${f.message}`), 'we report an error lvm2 never reports'));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it('lvm2 checks only the last of duplicate values, so a wrong type in an overridden one is no error', async () => {
    // lvm2 keeps one node per path holding the last value ("Ignoring duplicate config value") and
    // checks that value only: lvmconfig --validate passes, and the first value is never used.
    const cases = ['global {\n\tunits = 5\n\tunits = "h"\n}\n', 'global { umask = "077" }\nglobal/umask = 077\n',
      'devices { filter = [] }\ndevices { filter = [ "a|.*|" ] }\n'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const ours = ourVerdict(text);
      assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(text, run, ours, 'lvm2 should accept'));
      if (ours.shadowed.length) mismatches.push(show(text, run, ours.shadowed, 'we report a type error lvm2 never reports'));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it('a name that is both a setting and a section is checked as a setting only', async () => {
    // `global = 1` and `global { … }` become one node with a value and children; lvm2 checks the
    // value and does not look at the children.
    const cases = ['global = 1\nglobal {\n\tunits = 5\n}\n', 'devices {\n\tfilter { }\n\tfilter = [ "a|.*|" ]\n}\n', 'global {\n\tunits = "h"\n}\nglobal = 1\n'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const ours = ourVerdict(text);
      const why = difference(theirVerdict(run), ours);
      if (why) mismatches.push(show(text, run, ours, why));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it('lvm2 never checks a top-level tags node; we never call anything there an error', async () => {
    const cases = ['tags { hosttags = "maybe" }', 'tags { bogus = 1 }', 'tags { t1 { } t2 { host_list = "a" bogus = 2 } }', 'tags = 1',
      'tags/x/y = 1', 'tags { x = "" }', 'tags { t1 { host_list = [] } }', 'tags { @t1 { } }', 'tags { hosttags = [ 1, 2 ] }', 'tags { t1 { host_list = [ "a", "" ] } }'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const errors = lintLvm(text, 'lvm.conf').findings.filter((f) => f.severity === 'error');
      assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(text, run, errors, 'lvm2 should accept'));
      if (errors.length) mismatches.push(show(text, run, errors.map((f) => `${f.code}: ${f.message}`), 'we report an error lvm2 never reports'));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it('a float strtod can only read by underflowing: lvm2 refuses it (Failed to read float token.)', async () => {
    // libdm calls strtod on the float token and reads on into the exponent that follows it; glibc
    // sets ERANGE for a result too small for a normal double (2.03.16 and current lvm2 check errno).
    const cases = ['global { umask = 1.0e-999 }\n', 'global { umask = 1.0e-310 }\n', 'backup {\n\tretain_days = 1.0e-400 = 5\n}\n'];
    const mismatches: string[] = [];
    for (const text of cases) {
      const run = await lvm!.run(text, ['--validate']);
      const ours = ourVerdict(text);
      assert.strictEqual(theirVerdict(run).parseError, 'Failed to read float token.', run.output);
      if (ours.parseError !== 'Failed to read float token.') mismatches.push(show(text, run, ours, 'we do not report the float token'));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it('words lvm2 compares case-sensitively (strcmp): a wrong case is reported', async () => {
    // Not part of lvmconfig --validate: lvm2 acts on these at startup. activation_mode in another
    // case stops every LVM command ("Invalid activation mode given."); external_device_info_source
    // in another case is ignored with a warning. lvm/range compares them case-insensitively.
    const cases: Array<[string, RegExp]> = [
      ['activation {\n\tactivation_mode = "COMPLETE"\n}\n', /Invalid activation mode given\./],
      ['activation {\n\tactivation_mode = "Degraded"\n}\n', /Invalid activation mode given\./],
      ['devices {\n\texternal_device_info_source = "UDEV"\n}\n', /unknown external device info source, using none/],
    ];
    const mismatches: string[] = [];
    for (const [text, says] of cases) {
      const run = await lvm!.run(text, ['--validate']);
      assert.match(run.output, says);
      const findings = lintLvm(text, 'lvm.conf').findings;
      if (!findings.length) mismatches.push(show(text, run, findings, 'we report nothing'));
    }
    assert.deepStrictEqual(mismatches, []);
  });

  it(`knows that report/headings changed type after 2.03.16 (${TYPE_CHANGED.get('report/headings')})`, async () => {
    const yes = await lvm!.run('report { headings = "yes" }\n', ['--validate']);
    assert.strictEqual(theirVerdict(yes).summary, 'LVM configuration valid.', `2.03.16 took headings as a boolean: ${yes.output}`);
    assert.ok(lintLvm('report { headings = "yes" }\n').findings.some((f) => f.code === 'lvm/type'), 'current lvm2 takes an integer');
  });

  describe('stock files', () => {
    const stock = ['/etc/lvm/lvm.conf', '/etc/lvm/lvmlocal.conf'];
    const profileDir = '/etc/lvm/profile';

    it('lvm.conf, lvmlocal.conf and every profile: no error, only removed or deprecated settings', function () {
      const files = [...stock, ...(fs.existsSync(profileDir) ? fs.readdirSync(profileDir).filter((f) => f.endsWith('.profile')).map((f) => path.join(profileDir, f)) : [])]
        .filter((f) => fs.existsSync(f));
      if (!files.length) this.skip();
      const problems = files.flatMap((f) => unexpected(fs.readFileSync(f, 'utf8'), f, ['lvm/removed', 'lvm/deprecated']).map((p) => `${f}: ${p}`));
      assert.deepStrictEqual(problems, []);
    });

    it('lvm2 accepts the stock lvm.conf and lvmlocal.conf', async function () {
      const files = stock.filter((f) => fs.existsSync(f));
      if (!files.length) this.skip();
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8');
        const run = await lvm!.run(text, ['--validate']);
        const ours = ourVerdict(text);
        assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(f, run, ours, 'lvm2 rejects it'));
        assert.strictEqual(difference(theirVerdict(run), ours), undefined, show(f, run, ours, 'we disagree'));
      }
    });

    for (const args of [['--type', 'default', '--withcomments'], ['--type', 'default', '--withcomments', '--showdeprecated', '--showunsupported'],
      ['--type', 'full'], ['--type', 'full', '--showdeprecated', '--showunsupported']]) {
      it(`lvmconfig ${args.join(' ')}: no error, only removed or deprecated settings`, async () => {
        // --type full needs a non-empty configuration to merge the defaults into.
        const printed = await lvm!.run('config {\n}\n', args);
        assert.strictEqual(printed.code, 0, printed.output);
        assert.ok(printed.stdout.length > 1000, printed.output);
        assert.deepStrictEqual(unexpected(printed.stdout, 'lvm.conf', ['lvm/removed', 'lvm/deprecated']), []);
        const run = await lvm!.run(printed.stdout, ['--validate']);
        const ours = ourVerdict(printed.stdout);
        assert.strictEqual(difference(theirVerdict(run), ours), undefined, show(`lvmconfig ${args.join(' ')}`, run, ours, 'we disagree'));
      });
    }

    it('the stock lvm.conf with every commented-out setting switched on: lvm2 accepts it, we report no error', async function () {
      if (!fs.existsSync(stock[0])) this.skip();
      const text = uncommentStock(fs.readFileSync(stock[0], 'utf8'));
      const switched = text.split('\n').length - text.split('\n').filter((l) => /^\s*#/.test(l)).length;
      assert.ok(switched > 300, `only ${switched} live lines`);
      const run = await lvm!.run(text, ['--validate']);
      const ours = ourVerdict(text);
      assert.strictEqual(theirVerdict(run).summary, 'LVM configuration valid.', show(text.slice(0, 200), run, ours, 'lvm2 rejects the uncommented file'));
      assert.strictEqual(difference(theirVerdict(run), ours), undefined, show('(the uncommented stock lvm.conf)', run, ours, 'we disagree'));
      // The examples set some settings twice (lvm/duplicate warnings); nothing may be an error.
      assert.deepStrictEqual(lintLvm(text, 'lvm.conf').findings.filter((f) => f.severity === 'error').map((f) => `${f.code}: ${f.message}`), []);
    });
  });
});
