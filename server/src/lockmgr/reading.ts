// What the daemon stores for one setting line, and whether it then keeps,
// ignores or clamps it. Shared by the linter and hover so both tell the same story.
import { atoi, strtoul, type CNumber } from './cnum';
import type { LockKind, LockLine } from './parser';
import { DAEMON, SANLOCK_DEBUG_CMDS, type LockKeySpec } from './schema';

export type Reading =
  /** No `=` or nothing after it: the reader's sscanf fails (see missingEffect). */
  | { state: 'missing' }
  /** dlm presence switch: on whatever the value. */
  | { state: 'flag' }
  | { state: 'number'; word: string; num: CNumber; via: 'atoi' | 'strtoul' }
  | { state: 'text'; word: string };

export function readSetting(spec: LockKeySpec, line: LockLine): Reading {
  if (spec.type === 'flag') return { state: 'flag' };
  if (line.eq === undefined || !line.value) return { state: 'missing' };
  const word = line.value.text;
  if (spec.type === 'int' || spec.type === 'bool') return { state: 'number', word, num: atoi(word), via: 'atoi' };
  if (spec.type === 'uint') return { state: 'number', word, num: strtoul(word), via: 'strtoul' };
  return { state: 'text', word };
}

export interface Verdict {
  /** The daemon does not take the value (it keeps the earlier one), limits it, or takes it to no effect. */
  action: 'ignored' | 'clamped' | 'no-effect';
  /** A sentence naming the daemon: "sanlock ignores io_timeout = 0 (...): 10 stays". */
  message: string;
  /** The same without the daemon, to follow "read as 0:": "io_timeout = 0 is ignored (...): 10 stays". */
  effect: string;
}

/** Out-of-range numbers: what the daemon does with `n` for this key. */
export function numberVerdict(kind: LockKind, spec: LockKeySpec, n: number): Verdict | undefined {
  const low = spec.min !== undefined && n < spec.min;
  const high = spec.max !== undefined && n > spec.max;
  if (!spec.outside || (!low && !high)) return undefined;
  const daemon = DAEMON[kind];
  const range = rangeText(spec);
  const what = `${spec.key} = ${n}`;
  if (spec.outside === 'ignored') {
    const stays = spec.default ? `${spec.default} stays` : 'the earlier value stays';
    return { action: 'ignored', message: `${daemon} ignores ${what} (${range}): ${stays}`, effect: `${what} is ignored (${range}): ${stays}` };
  }
  if (spec.outside === 'clamped') {
    const to = low ? spec.min : spec.max;
    const verb = low ? 'raises' : 'lowers';
    return { action: 'clamped', message: `${daemon} ${verb} ${what} to ${to} (${range})`, effect: `${daemon} ${verb} it to ${to} (${range})` };
  }
  if (spec.key === 'port') {
    const effect = `${what} is not a usable port (1–65535), yet dlm_controld hands it to the kernel dlm`;
    return { action: 'no-effect', message: effect, effect };
  }
  const effect = `${what} has no effect: ${daemon} acts only on ${range}`;
  return { action: 'no-effect', message: effect, effect };
}

export function rangeText(spec: LockKeySpec): string {
  const unit = spec.unit && !spec.unit.includes('level') ? ` ${spec.unit}` : '';
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min}–${spec.max}${unit}`;
  if (spec.min !== undefined) return spec.min === 1 ? `it must be greater than 0` : `at least ${spec.min}${unit}`;
  if (spec.max !== undefined) return `at most ${spec.max}${unit}`;
  return '';
}

/** Words of string and word-list keys the daemon does not act on. */
export function wordVerdict(spec: LockKeySpec, word: string): Verdict | undefined {
  switch (spec.key) {
    case 'max_sectors_kb':
      return maxSectors(word);
    case 'debug_io':
      // read with strstr, so `submit,complete` or even `nosubmit` count
      if (word.includes('submit') || word.includes('complete')) return undefined;
      return said('no-effect', `debug_io = ${word} does nothing: sanlock looks for \`submit\` and \`complete\` in the value`);
    case 'debug_cmd':
      return debugCmd(word);
    case 'protocol': {
      if (/^(tcp|sctp|detect)$/i.test(word) || /^[012]$/.test(word)) return undefined;
      return said('ignored', `dlm_controld does not know protocol \`${word}\` (tcp, sctp or detect): it sets no protocol and the kernel dlm keeps its default`);
    }
    case 'our_host_name':
      if (spec.maxLength && word.length > spec.maxLength) {
        return said('clamped', `sanlock keeps only the first ${spec.maxLength} characters of our_host_name (this one has ${word.length})`);
      }
      return undefined;
    default:
      return undefined;
  }
}

function said(action: Verdict['action'], message: string): Verdict {
  return { action, message, effect: message };
}

/** sanlock main.c: strstr ignore / align, else an even number 2..8192, else "ignore unknown". */
function maxSectors(word: string): Verdict | undefined {
  if (word.includes('ignore') || word.includes('align')) return undefined;
  if (/^\d/.test(word)) {
    const n = atoi(word).value;
    if (!n || n % 2 || n > 8192) {
      return said('ignored', `sanlock logs "ignore invalid num max_sectors_kb ${word}" and keeps its earlier setting: the number must be even and at most 8192`);
    }
    return undefined;
  }
  return said('ignored', `sanlock logs "ignore unknown max_sectors_kb ${word}" and keeps its earlier setting: use ignore, align or an even number of KB`);
}

function debugCmd(word: string): Verdict | undefined {
  if (word === '+all' || word === '-all') return undefined;
  if (word[0] === '+' || word[0] === '-') {
    if (SANLOCK_DEBUG_CMDS.includes(word.slice(1))) return undefined;
    return said('no-effect', `sanlock knows no command \`${word.slice(1)}\`: debug_cmd = ${word} does nothing`);
  }
  return said('no-effect', `debug_cmd = ${word} does nothing: write +NAME to enable or -NAME to disable a command's debug logging`);
}

/** What happens when a key has no value (no `=`, or nothing after it). */
export function missingEffect(kind: LockKind, spec: LockKeySpec): string {
  const numeric = spec.type === 'int' || spec.type === 'bool' || spec.type === 'uint';
  if (kind === 'dlm') {
    const rest = numeric
      ? `sets ${spec.key} to the number left over from an earlier line (0 if none)`
      : `sets ${spec.key} to an empty string${spec.key === 'protocol' ? ', so the kernel dlm keeps its default protocol' : ''}`;
    return `dlm_controld logs "Failed to parse config line" and ${rest}`;
  }
  if (numeric) return `sanlock reads no number and sets ${spec.key} to whatever an earlier line left in its buffer (an undefined value if none)`;
  if (spec.key === 'uname' || spec.key === 'gname') return `sanlock sets ${spec.key} to an empty name, finds no such ${spec.key === 'uname' ? 'user' : 'group'} and falls back to id 0 (root)`;
  if (spec.key === 'max_sectors_kb') return 'sanlock reads an empty value and logs "ignore unknown max_sectors_kb"';
  return 'sanlock reads no value and the line does nothing';
}

/** One line for hover: what the daemon makes of the current value. */
export function describeReading(kind: LockKind, spec: LockKeySpec, line: LockLine): string {
  const r = readSetting(spec, line);
  switch (r.state) {
    case 'flag':
      return `On: ${DAEMON[kind]} switches ${spec.on ?? spec.key} on because the key is present${line.value ? ` (the value \`${line.value.text}\` is not read)` : ''}`;
    case 'missing':
      return `No value: ${missingEffect(kind, spec)}`;
    case 'number': {
      const { num } = r;
      const base = num.base === 8 ? ' as octal' : num.base === 16 ? ' as hexadecimal' : '';
      const read = `\`${r.word}\` is read as ${num.value} (${r.via}${base})`;
      const bool = spec.type === 'bool' ? (num.value ? ': on' : `: off${spec.off ? `, ${spec.off}` : ''}`) : '';
      const v = numberVerdict(kind, spec, num.value);
      return v ? `${read}: ${v.message}` : `${read}${bool}`;
    }
    case 'text': {
      const v = wordVerdict(spec, r.word);
      return v ? v.message : `\`${r.word}\` is read as is`;
    }
  }
}
