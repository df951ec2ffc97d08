// Checks sanlock.conf / dlm.conf line by line against what the daemon actually
// reads: keys it ignores, values atoi turns into something else, values it
// ignores or clamps, and lines it cannot use. dlm block structure is in blocks.ts.
import type { Finding, Fix } from '../core/findings';
import { suggest } from '../core/text';
import { checkDlmBlocks } from './blocks';
import { parseLockConf, settingLines, SETTINGS_LINE_BYTES, lineLimit, parsePiece, type LockConf, type LockKind, type LockLine } from './parser';
import { missingEffect, numberVerdict, readSetting, wordVerdict, type Reading } from './reading';
import { removeCarriageReturn } from '../core/quickFixes';
import { clip, finding, lineNo, removeLineFix } from './report';
import { DAEMON, FILE_NAME, lockKeys, lockKeySpec, SANLOCK_DEBUG_CMDS, type LockKeySpec } from './schema';

export interface LockAnalysis {
  conf: LockConf;
  findings: Finding[];
}

export function lintLockConf(text: string, kind: LockKind): LockAnalysis {
  const conf = parseLockConf(text, kind);
  const out: Finding[] = [];
  const c: Ctx = { conf, kind, daemon: DAEMON[kind], out };
  byteOrderMark(c);
  for (const line of conf.lines) {
    length(c, line);
    if (line.type === 'setting') setting(c, line);
    else if (line.type === 'directive') directive(c, line);
  }
  duplicates(c);
  if (kind === 'dlm') checkDlmBlocks(conf, out);
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return { conf, findings: out };
}

interface Ctx {
  conf: LockConf;
  kind: LockKind;
  daemon: string;
  out: Finding[];
}

/** A BOM glues itself to the first key, which then matches nothing. */
function byteOrderMark(c: Ctx): void {
  if (!c.conf.text.startsWith('\uFEFF')) return;
  const first = c.conf.lines[0];
  const key = first.key?.text.slice(1);
  const known = key !== undefined && lockKeySpec(c.kind, key);
  const fix: Fix = { kind: 'replace', text: '', title: 'Remove the byte-order mark', start: 0, end: 1 };
  c.out.push(known
    ? finding('lock/unknown-key', 'warning', { start: 0, end: first.key!.end },
      `The file starts with a byte-order mark: ${c.daemon} reads it as part of the key, so \`${key}\` is not recognised and the line is ignored`, [fix])
    : finding('lock/syntax', 'warning', { start: 0, end: 1 },
      `The file starts with a byte-order mark: ${c.daemon} reads it as part of the first line (a \`#\` after it does not start a comment)`, [fix]));
}

/** fgets with a fixed buffer: an overlong line is cut and its rest read as further lines. */
function length(c: Ctx, line: LockLine): void {
  const limit = lineLimit(c.kind, line.keyword);
  const bytes = Buffer.byteLength(line.text, 'utf8');
  const setsKey = line.spill?.find((p) => p.type === 'setting' && !p.indent && p.key && lockKeySpec(c.kind, p.key.text));
  if (line.cut === undefined) {
    // only the dlm settings reader cuts this (long device/connect line): harmless unless the rest sets a key
    if (!setsKey) return;
    const at = line.spill![0].start;
    c.out.push(finding('lock/syntax', 'error', { start: at, end: line.end },
      `dlm_controld's settings reader takes at most ${SETTINGS_LINE_BYTES.dlm} bytes of a line: the rest of this line is read as a line of its own and sets \`${setsKey.key!.text}\``));
    return;
  }
  const changed = changedByCut(c, line);
  let message = `${c.daemon} reads at most ${limit} bytes of a line; this one has ${bytes}, so it is cut here`;
  if (changed) message += `: ${changed}`;
  message += setsKey ? `, and the rest is read as a line of its own that sets \`${setsKey.key!.text}\`` : ', and the rest is read as a line of its own';
  c.out.push(finding('lock/syntax', changed || setsKey ? 'error' : 'warning', { start: line.cut, end: line.end }, message));
}

/** What the cut changes in the line's own reading, if anything. */
function changedByCut(c: Ctx, line: LockLine): string | undefined {
  const whole = parsePiece(line.text, line.start, line.line, c.kind);
  if (line.type === 'directive') {
    const a = (line.words ?? []).map((w) => w.text).join(' ');
    const b = (whole.words ?? []).map((w) => w.text).join(' ');
    return a === b ? undefined : 'the line\'s words are cut short';
  }
  if (line.type !== 'setting') return undefined;
  if (line.key?.text !== whole.key?.text) return `the key is cut to \`${line.key?.text}\``;
  if (line.value?.text === whole.value?.text) return undefined;
  if (!line.value) return `\`${line.key!.text}\` gets no value`;
  return `\`${line.key!.text}\` is read as \`${clip(line.value.text)}\` instead of \`${clip(whole.value?.text ?? '')}\``;
}

function setting(c: Ctx, line: LockLine): void {
  const key = line.key!;
  if (line.indent) return indented(c, line, key.text, lockKeySpec(c.kind, key.text) ? `\`${key.text}\` is not set` : 'the line is ignored');
  if (key.text === '') {
    c.out.push(finding('lock/syntax', 'warning', { start: line.start, end: line.end }, `No key before \`=\`: ${c.daemon} ignores the line`));
    return;
  }
  const spec = lockKeySpec(c.kind, key.text);
  if (!spec) return unknownKey(c, line);
  if (line.beforeEq) {
    c.out.push(finding('lock/syntax', 'warning', line.beforeEq,
      `${c.daemon} skips \`${line.beforeEq.text}\` between \`${key.text}\` and \`=\`: only the first word after \`=\` is read`));
  }
  const r = readSetting(spec, line);
  if (r.state === 'flag') flagValue(c, spec, line);
  else if (r.state === 'missing') missing(c, spec, line);
  else if (r.state === 'number') numberValue(c, spec, line, r);
  else textValue(c, spec, line, r.word);
  trailing(c, spec, line);
}

function indented(c: Ctx, line: LockLine, what: string, outcome: string): void {
  const indent = line.indent!;
  const span = { start: indent.start, end: line.type === 'directive' ? line.words![0].end : line.key!.end };
  const why = line.type === 'directive'
    ? `dlm_controld reads \`${line.keyword}\` lines only from the first column`
    : `${c.daemon} takes the key from the first column up to the first space, so this line's key is empty`;
  c.out.push(finding('lock/unknown-key', 'warning', span, `Indented \`${what}\`: ${why} and ${outcome}`,
    [{ kind: 'replace', text: '', title: 'Remove the indentation', start: indent.start, end: indent.end }]));
}

function unknownKey(c: Ctx, line: LockLine): void {
  const key = line.key!;
  const k = key.text;
  if (k.startsWith('\uFEFF')) return; // reported once by byteOrderMark
  const other: LockKind = c.kind === 'sanlock' ? 'dlm' : 'sanlock';
  const warn = (message: string, fixes?: Fix[]): void => {
    c.out.push(finding('lock/unknown-key', 'warning', key, message, fixes));
  };
  if (k.endsWith('\r') && lockKeySpec(c.kind, k.slice(0, -1))) {
    return warn(`The line ends in a carriage return (CRLF): ${c.daemon} reads the key as \`${k.slice(0, -1)}\\r\` and ignores the line`,
      [removeCarriageReturn(key.end - 1)]);
  }
  if (c.kind === 'dlm' && k === 'daemon_debug') {
    return warn('dlm_controld ignores `daemon_debug` in dlm.conf: it only works as the -D command-line option (or DLM_CONTROLD_DEBUG in the environment)');
  }
  if (c.kind === 'dlm' && (k === 'help' || k === 'version')) {
    return warn(`\`${k}\` is a command-line option: in dlm.conf it does nothing`);
  }
  const lower = k.toLowerCase();
  if (lower !== k && lockKeySpec(c.kind, lower)) {
    return warn(`Only lowercase names match: ${c.daemon} ignores \`${k}\`; write \`${lower}\``, [{ kind: 'rename-key', to: lower }]);
  }
  if (lockKeySpec(other, k)) return warn(`\`${k}\` is a ${FILE_NAME[other]} setting: ${c.daemon} does not read it from ${FILE_NAME[c.kind]}`);
  const near = suggest(lower, lockKeys(c.kind).map((s) => s.key));
  const mean = near.length ? `. Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : '';
  warn(`Unknown key \`${k}\`: ${c.daemon} ignores it silently${mean}`, near.map((to) => ({ kind: 'rename-key' as const, to })));
}

/** dlm switches are on by presence: `log_debug=0` switches debugging on. */
function flagValue(c: Ctx, spec: LockKeySpec, line: LockLine): void {
  const v = line.value?.text;
  if (v === undefined || !looksOff(v)) return;
  c.out.push(finding('lock/boolean', 'warning', { start: line.start, end: line.end },
    `${spec.key}=${v} turns ${spec.on ?? spec.key} ON: dlm_controld enables it when the key is present, whatever the value`,
    [removeLineFix(line, c.conf.text)]));
}

const ON_WORDS = new Set(['yes', 'y', 'true', 'on', 'enable', 'enabled']);
const OFF_WORDS = new Set(['no', 'n', 'false', 'off', 'disable', 'disabled', 'none']);

function looksOff(v: string): boolean {
  return OFF_WORDS.has(v.toLowerCase()) || /^[+-]?0+$/.test(v);
}

function missing(c: Ctx, spec: LockKeySpec, line: LockLine): void {
  const key = line.key!;
  const effect = missingEffect(c.kind, spec);
  if (line.eq === undefined) {
    const fixes: Fix[] = line.trailing
      ? [{ kind: 'replace', text: c.kind === 'sanlock' ? ' = ' : '=', title: 'Insert `=`', start: key.end, end: line.trailing.start }]
      : [];
    c.out.push(finding('lock/syntax', 'error', key, `No \`=\` after \`${key.text}\`: ${effect}`, fixes));
    return;
  }
  c.out.push(finding('lock/syntax', 'error', { start: key.start, end: line.eq + 1 }, `\`${key.text}\` has no value after \`=\`: ${effect}`));
}

function numberValue(c: Ctx, spec: LockKeySpec, line: LockLine, r: Extract<Reading, { state: 'number' }>): void {
  const { word, num, via } = r;
  const span = line.value!;
  const said = `${c.daemon} reads \`${clip(word)}\` with ${via}`;
  if (num.used === 0) {
    const fixes = spec.type === 'bool' ? boolFix(word) : [];
    c.out.push(finding('lock/boolean', 'error', span, `${said} as 0: ${effectOf(c, spec, 0)}`, fixes));
    return;
  }
  if (num.used < word.length) {
    const hex = /^[+-]?0[xX][0-9a-fA-F]+$/.test(word);
    if (hex && via === 'atoi') {
      const meant = String(parseInt(word, 16));
      c.out.push(finding('lock/boolean', 'error', span, `${said} as 0 (it does not read hexadecimal): ${effectOf(c, spec, 0)}`,
        [{ kind: 'replace', text: meant, title: `Write ${meant}` }]));
      return;
    }
    const unit = spec.unit && !spec.unit.includes('level') ? ` (${spec.key} is in ${spec.unit})` : '';
    const v = numberVerdict(c.kind, spec, num.value);
    c.out.push(finding('lock/boolean', v ? 'error' : 'warning', span,
      `${said} as ${num.value} and ignores \`${word.slice(num.used)}\`${unit}${v ? `: ${v.effect}` : ''}`,
      [{ kind: 'replace', text: String(num.value), title: `Write ${num.value}` }]));
    return;
  }
  if (num.base === 8) {
    const meant = String(parseInt(word, 10));
    c.out.push(finding('lock/boolean', 'warning', span, `${said} as octal: ${spec.key} = ${num.value}, not ${meant}`,
      [{ kind: 'replace', text: meant, title: `Write ${meant}` }]));
  }
  const v = numberVerdict(c.kind, spec, num.value);
  if (!v) return;
  const fixes: Fix[] = spec.default && v.action !== 'clamped' ? [{ kind: 'replace', text: spec.default, title: `Write ${spec.default} (the default)` }] : [];
  c.out.push(finding('lock/range', 'warning', span, v.message, fixes));
}

/** What reading `n` does to the key, after "read as n:". */
function effectOf(c: Ctx, spec: LockKeySpec, n: number): string {
  const v = numberVerdict(c.kind, spec, n);
  if (v) return v.effect;
  if (spec.type === 'bool' && n === 0 && spec.off) return `${spec.key} = 0 ${spec.off}`;
  return `${spec.key} = ${n}`;
}

function boolFix(word: string): Fix[] {
  const w = word.toLowerCase();
  const to = ON_WORDS.has(w) ? '1' : OFF_WORDS.has(w) ? '0' : undefined;
  return to ? [{ kind: 'replace', text: to, title: `Write ${to}` }] : [];
}

function textValue(c: Ctx, spec: LockKeySpec, line: LockLine, word: string): void {
  const span = line.value!;
  if (spec.key === 'max_sectors_kb' && /^\d+\D/.test(word) && !word.includes('ignore') && !word.includes('align')) {
    const n = parseInt(word, 10);
    c.out.push(finding('lock/boolean', 'warning', span, `sanlock reads \`${word}\` with atoi as ${n} and ignores \`${word.slice(String(n).length)}\` (max_sectors_kb is in KB)`,
      [{ kind: 'replace', text: String(n), title: `Write ${n}` }]));
  }
  const v = wordVerdict(spec, word);
  if (!v) return;
  c.out.push(finding('lock/range', 'warning', span, v.message, wordFixes(spec, word)));
}

/** Did-you-mean replacements for words the daemon does not know. */
function wordFixes(spec: LockKeySpec, word: string): Fix[] {
  let near: string[] = [];
  if (spec.key === 'debug_cmd' && /^[+-]./.test(word)) near = suggest(word.slice(1), SANLOCK_DEBUG_CMDS).map((n) => word[0] + n);
  else if (spec.key === 'protocol' || spec.key === 'max_sectors_kb') near = suggest(word.toLowerCase(), spec.words ?? []);
  return near.map((n) => ({ kind: 'replace', text: n, title: `Write ${n}` }));
}

/** Only the first word after `=` is read; a trailing `# comment` is harmless. */
function trailing(c: Ctx, spec: LockKeySpec, line: LockLine): void {
  const t = line.trailing;
  if (!t || line.eq === undefined || !line.value || spec.type === 'flag' || t.text.startsWith('#')) return;
  const both = spec.key === 'debug_io' && /^(submit|complete)$/.test(line.value.text) && /^(submit|complete)$/.test(t.text);
  const fixes: Fix[] = both ? [{ kind: 'replace', text: 'submit,complete', title: 'Write submit,complete', start: line.value.start, end: t.end }] : [];
  c.out.push(finding('lock/syntax', 'warning', t,
    `${c.daemon} reads only the first word after \`=\`: \`${t.text}\` is ignored${both ? ' (write `submit,complete` without a space)' : ''}`, fixes));
}

function directive(c: Ctx, line: LockLine): void {
  const first = line.words![0];
  if (line.indent) {
    const outcome = line.keyword === 'master' || line.keyword === 'connect' || line.keyword === 'unfence'
      ? 'the line is ignored (and, inside a block, the space ends the block)'
      : 'the line is ignored';
    return indented(c, line, first.text, outcome);
  }
  const kw = line.keyword!;
  if (first.text.replace(/\r$/, '') !== kw && kw !== 'node') {
    c.out.push(finding('lock/syntax', 'warning', first, `dlm_controld matches \`${kw}\` at the start of the line, so \`${first.text}\` is read as a ${kw} line`));
  }
  const argsFrom = kw === 'device' ? 3 : kw === 'connect' || kw === 'fence_all' ? 2 : undefined;
  const words = line.words!;
  if (line.cr && argsFrom !== undefined && words.length > argsFrom) {
    const last = words[words.length - 1];
    c.out.push(finding('lock/syntax', 'warning', last,
      `The line ends in a carriage return (CRLF): dlm_controld passes it to the fence agent at the end of \`${last.text}\` (an agent that does not strip it sees a wrong value)`,
      [removeCarriageReturn(line.end - 1)]));
  }
}

/** The daemon applies lines in order: an earlier value for the same key is overwritten. */
function duplicates(c: Ctx): void {
  const byKey = new Map<string, LockLine[]>();
  for (const l of settingLines(c.conf)) {
    const spec = lockKeySpec(c.kind, l.key!.text);
    if (!spec || spec.repeatable) continue;
    byKey.set(spec.key, [...(byKey.get(spec.key) ?? []), l]);
  }
  for (const [key, lines] of byKey) {
    if (lines.length < 2) continue;
    const last = lines[lines.length - 1];
    for (const l of lines.slice(0, -1)) {
      c.out.push(finding('lock/duplicate', 'warning', l.key!,
        `\`${key}\` is set again on line ${lineNo(last)}; ${c.daemon} applies the lines in order, so the later value wins`,
        undefined, [{ message: 'the line that wins', start: last.start, end: last.end }]));
    }
  }
}
