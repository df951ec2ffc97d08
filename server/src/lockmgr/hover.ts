// Hover for sanlock.conf / dlm.conf: what a key does and how the daemon reads the
// value written here; for dlm fence and lockspace lines, what the keyword means.
import { lineAt, type LockConf, type LockKind, type LockLine, type Word } from './parser';
import { describeReading, rangeText } from './reading';
import { DAEMON, directiveDoc, FILE_NAME, lockKeySpec, type LockKeySpec } from './schema';

export interface LockHover {
  markdown: string;
  start: number;
  end: number;
}

export function hoverLockConf(conf: LockConf, offset: number, kind: LockKind = conf.kind): LockHover | undefined {
  const line = lineAt(conf, offset);
  if (!line) return undefined;
  const on = (w: Word | undefined): w is Word => !!w && w.start <= offset && offset <= w.end;
  if (line.type === 'comment' && line.indent) {
    return {
      markdown: `**Not a comment to ${DAEMON[kind]}**\n\n\`#\` starts a comment only in the first column. This line is still ignored, because the daemon takes the key from column 0 and finds it empty${kind === 'dlm' ? '; inside a device section or lockspace block, a line starting with a space ends the block' : ''}.`,
      start: line.start,
      end: line.end,
    };
  }
  if (line.type === 'setting') {
    const span = on(line.key) ? line.key : on(line.value) ? line.value : undefined;
    return span ? { markdown: keyMarkdown(kind, line), start: span.start, end: span.end } : undefined;
  }
  if (line.type === 'directive') {
    const w = line.words!.find(on);
    if (!w) return undefined;
    if (w === line.words![0]) {
      const d = directiveDoc(line.keyword!);
      const indented = line.indent ? `\n\nThis line is indented: dlm_controld reads \`${d.keyword}\` lines only from the first column, so it is ignored.` : '';
      return { markdown: `**${d.keyword}** — dlm.conf ${d.keyword === 'node' ? 'node' : d.keyword === 'lockspace' || d.keyword === 'master' ? 'lockspace' : 'fencing'} line\n\n\`${d.syntax}\`\n\n${d.doc}${indented}`, start: w.start, end: w.end };
    }
    const param = paramDoc(line, w);
    return param ? { markdown: param, start: w.start, end: w.end } : undefined;
  }
  return undefined;
}

/** The hover text for a setting line's key (also shown on its value). */
export function keyMarkdown(kind: LockKind, line: LockLine): string {
  const key = line.key!.text;
  const daemon = DAEMON[kind];
  const spec = lockKeySpec(kind, key);
  if (!spec) {
    const lower = lockKeySpec(kind, key.toLowerCase());
    return `**${key}** — not a key ${daemon} reads: the line is ignored${lower ? `. Only lowercase names match: \`${lower.key}\`` : ''}.`;
  }
  const facts = [`Type: ${describeType(kind, spec)}`, `Default: ${spec.default ?? 'unset'}${spec.unit && spec.default ? ` ${spec.unit}` : ''}`];
  const range = rangeText(spec);
  if (range && spec.outside) facts.push(`Range: ${range}; ${OUTSIDE[spec.outside]}`);
  if (spec.maxLength) facts.push(`At most ${spec.maxLength} characters (longer is cut)`);
  if (spec.repeatable) facts.push('Repeatable: every line counts');
  if (spec.cli) facts.push(`Command line: \`${spec.cli}\`, which overrides the file`);
  facts.push(line.indent
    ? `Here: the line is indented, so ${daemon} sees an empty key and ignores it`
    : `Here: ${describeReading(kind, spec, line)}`);
  const hidden = spec.hidden ? ' (read but undocumented)' : '';
  return `**${key}** — ${FILE_NAME[kind]} setting${hidden}\n\n${spec.doc}\n\n${facts.map((f) => `- ${f}`).join('\n')}`;
}

const OUTSIDE: Record<NonNullable<LockKeySpec['outside']>, string> = {
  ignored: 'other values are ignored',
  clamped: 'other values are raised or lowered to the limit',
  'no-effect': 'other values do nothing useful',
};

function describeType(kind: LockKind, spec: LockKeySpec): string {
  switch (spec.type) {
    case 'int':
      return 'integer, read with atoi (`10s` is 10, a word is 0)';
    case 'uint':
      return 'unsigned integer, read with strtoul (`0x…` is hexadecimal, a leading 0 octal, a word 0)';
    case 'bool':
      return `0 or 1, read with atoi: \`yes\` and \`true\` are 0${kind === 'dlm' ? ', any other number is 1' : ''}`;
    case 'flag':
      return 'switch: on when the key is present, whatever the value (`=0` turns it on too)';
    case 'word-list':
      return spec.key === 'max_sectors_kb'
        ? '`ignore`, `align`, or an even number of KB up to 8192'
        : `one of ${spec.words!.map((w) => `\`${w}\``).join(', ')}`;
    default:
      return 'one word (the first after `=`)';
  }
}

const PARAMS: Record<string, string> = {
  node: 'The node id (corosync nodeid) this line is about.',
  weight: 'Share of the lockspace resources this master gets, relative to the other masters (default 1).',
  nodir: '`nodir=1` runs the lockspace without a resource directory: resources are mastered by name hash.',
  id: 'The node id (corosync nodeid, 1–127) the mark applies to.',
  mark: 'Socket mark (SO_MARK) for dlm traffic to this node, read with strtoul.',
};

function paramDoc(line: LockLine, w: Word): string | undefined {
  const eq = w.text.indexOf('=');
  if (eq <= 0) return positionDoc(line, line.words!.indexOf(w), w.text);
  const name = w.text.slice(0, eq);
  const kw = line.keyword;
  const ours = (kw === 'connect' && name === 'node') || (kw === 'master' && (name === 'node' || name === 'weight'))
    || (kw === 'lockspace' && name === 'nodir') || (kw === 'node' && (name === 'id' || name === 'mark'));
  if (ours) return `**${name}** — ${PARAMS[name]}`;
  if (kw === 'device' || kw === 'connect' || kw === 'fence_all') return `**${name}** — an argument dlm_controld passes to the fence agent as is (one per line on its standard input).`;
  return undefined;
}

/** Words without `=`: device and lockspace names, the fence agent. */
function positionDoc(line: LockLine, index: number, text: string): string | undefined {
  const kw = line.keyword;
  if ((kw === 'device' && index === 2) || (kw === 'fence_all' && index === 1)) {
    return `**${text}** — the fence agent dlm_controld runs to fence a node (its arguments go to the agent's standard input, one per line).`;
  }
  if (index !== 1) return undefined;
  if (kw === 'device') return `**${text}** — the device name; its \`connect\` and \`unfence\` lines repeat it. Names with the same base before \`:\` (\`${text.split(':')[0]}:1\`, \`${text.split(':')[0]}:2\`) are fenced in parallel.`;
  if (kw === 'connect' || kw === 'unfence') return `**${text}** — the device of the section this line belongs to; it must match the \`device\` line above.`;
  if (kw === 'lockspace') return `**${text}** — the lockspace name (lvmlockd names its lockspaces \`lvm_<VG name>\`).`;
  if (kw === 'master') return `**${text}** — the lockspace this master line belongs to; it must match the \`lockspace\` line above.`;
  return undefined;
}
