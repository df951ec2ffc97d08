// dlm.conf's multi-line parts, replayed the way dlm_controld's three extra readers
// walk the file: fence_config.c (device sections, fence_all), config.c
// (lockspace + master blocks) and node_config.c (node lines). Each matches its
// keywords by prefix at column 0 and has its own idea of where a block ends.
import type { Finding, Fix } from '../core/findings';
import { atoi, strtoul } from './cnum';
import { removeCarriageReturn } from '../core/quickFixes';
import type { LockConf, LockLine, Word } from './parser';
import { finding, lineNo } from './report';

/** fence_config.h FENCE_CONFIG_DEVS_MAX; dlm_daemon.h MAX_NODES. */
const DEVS_PER_NODE = 4;
const MAX_NODES = 128;

const STOP = 'dlm_controld stops reading fence devices here (it logs "fence config <nodeid> error")';

export function checkDlmBlocks(conf: LockConf, out: Finding[]): void {
  fenceConfig(conf.lines, out);
  lockspaces(conf.lines, out);
  nodeLines(conf.lines, out);
}

const skipped = (t: string): boolean => t === '' || t[0] === '#';
const wordsOf = (l: LockLine): Word[] => l.words ?? [];

/** fence_config_init: fence_all or device sections, the rest of the file skipped. */
function fenceConfig(lines: LockLine[], out: Finding[]): void {
  let devices = 0;
  let fenceAll: LockLine | undefined;
  let ended: { line: LockLine; why: string } | undefined;
  const perNode = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text;
    if (skipped(t)) continue;
    if (t.startsWith('fence_all')) {
      if (fenceAll) {
        out.push(finding('lock/syntax', 'warning', l, `dlm_controld stops reading fence config at the first fence_all (line ${lineNo(fenceAll)}): this one is ignored`));
        continue;
      }
      fenceAll = l;
      if (devices) {
        out.push(finding('lock/syntax', 'error', l, `fence_all cannot be combined with device sections: ${STOP}`));
      } else if (wordsOf(l).length < 2) {
        out.push(finding('lock/syntax', 'error', l, `fence_all needs an agent (\`fence_all AGENT [key=value ...]\`): ${STOP}`));
      }
      // unfence_all counts only on the very next line
      if (lines[i + 1]?.text.startsWith('unfence_all')) i++;
      continue;
    }
    if (t.startsWith('unfence_all')) {
      out.push(finding('lock/syntax', 'warning', l, 'unfence_all counts only on the line right after fence_all: here dlm_controld ignores it'));
      continue;
    }
    if (t.startsWith('device')) {
      if (fenceAll) {
        out.push(finding('lock/syntax', 'warning', wordsOf(l)[0] ?? l,
          `dlm_controld stops reading fence config at fence_all (line ${lineNo(fenceAll)}): this device section is ignored`));
        continue;
      }
      devices++;
      const end = deviceSection(lines, i, out, perNode);
      if (end.line) ended = { line: end.line, why: end.why };
      i = end.index;
      continue;
    }
    if (t.startsWith('connect') || t.startsWith('unfence')) {
      const kw = t.startsWith('connect') ? 'connect' : 'unfence';
      const where = ended
        ? `the section above ended at line ${lineNo(ended.line)}${ended.why}`
        : 'it must follow its device line, with no empty line between';
      out.push(finding('lock/syntax', 'error', wordsOf(l)[0] ?? l, `\`${kw}\` outside a device section: dlm_controld ignores it (${where})`));
    }
  }
}

interface SectionEnd {
  /** Index of the last line the section reader consumed. */
  index: number;
  line?: LockLine;
  why: string;
}

/** read_config_section: connect / unfence lines until an empty line or one starting with a space. */
function deviceSection(lines: LockLine[], i: number, out: Finding[], perNode: Map<number, number>): SectionEnd {
  const dev = lines[i];
  const w = wordsOf(dev);
  let failed = w.length < 3;
  if (failed) out.push(finding('lock/syntax', 'error', dev, `A device line needs a name and an agent (\`device NAME AGENT [key=value ...]\`): ${STOP}`));
  const name = w[1]?.text ?? '';
  const nodes = new Set<number>();
  let connects = 0;
  let j = i + 1;
  let end: SectionEnd = { index: lines.length - 1, why: '' };
  for (; j < lines.length; j++) {
    const l = lines[j];
    const t = l.text;
    if (t === '') {
      end = { index: j, line: l, why: '' };
      break;
    }
    if (t[0] === ' ') {
      end = { index: j, line: l, why: ', which starts with a space' };
      break;
    }
    if (t[0] === '#' || failed) continue; // once the reader gave up, do not pile on
    if (t.startsWith('unfence')) {
      if (!t.includes(name)) {
        out.push(finding('lock/syntax', 'error', l, `unfence must name this section's device \`${name}\`: ${STOP}`));
        failed = true;
      }
      continue;
    }
    if (t.startsWith('connect')) {
      const r = connect(l, name, out);
      if (r === 'bad') failed = true;
      else {
        connects++;
        if (r > 0) nodes.add(r);
      }
      continue;
    }
    out.push(strayInSection(l, name));
    failed = true;
  }
  if (!failed && w.length >= 3 && connects === 0) {
    out.push(finding('lock/syntax', 'warning', w[1], `Device \`${name}\` has no connect lines: dlm_controld fences no node with it`));
  }
  for (const n of nodes) {
    const count = (perNode.get(n) ?? 0) + 1;
    perNode.set(n, count);
    if (count === DEVS_PER_NODE + 1) {
      out.push(finding('lock/range', 'warning', w[1] ?? dev,
        `Node ${n} is connected to more than ${DEVS_PER_NODE} fence devices: dlm_controld has room for ${DEVS_PER_NODE} per node (FENCE_CONFIG_DEVS_MAX)`));
    }
  }
  return end;
}

/** Checks one connect line; returns its node id (0 when unusable) or 'bad' when the reader rejects it. */
function connect(l: LockLine, dev: string, out: Finding[]): number | 'bad' {
  const w = wordsOf(l);
  const con = w[1];
  if (!con || con.text !== dev) {
    out.push(finding('lock/syntax', 'error', con ?? l,
      `connect names \`${con?.text ?? ''}\` inside the section of device \`${dev}\` (each device needs its own section, after an empty line): ${STOP}`));
    return 'bad';
  }
  const args = l.text.slice(con.end - l.start);
  const at = args.indexOf('node=');
  if (at < 0) {
    out.push(finding('lock/syntax', 'error', l,
      'A connect line needs node=ID: dlm_controld looks for `node=` without checking that it is there and crashes on this line'));
    return 'bad';
  }
  const m = /^node=\s*(\+?\d+)/.exec(args.slice(at));
  const id = m ? Number(m[1]) : 0;
  if (!id) {
    const start = con.end + at;
    const word = /^\S*/.exec(args.slice(at))![0];
    out.push(finding('lock/syntax', 'warning', { start, end: start + word.length }, `\`${word}\` is not a node id: no node is fenced through this connect line`));
  }
  return id;
}

function strayInSection(l: LockLine, dev: string): Finding {
  const t = l.text;
  const insertBlank: Fix = { kind: 'insert', at: l.start, text: '\n', title: 'Insert an empty line before it' };
  if (t.trim() === '' && t.includes('\r')) {
    return finding('lock/syntax', 'error', l,
      `This line looks empty but holds a carriage return (CRLF line ending), so it does not end the section of device \`${dev}\`: ${STOP}`,
      [removeCarriageReturn(l.start + t.indexOf('\r'))]);
  }
  if (t[0] === '\t') {
    return finding('lock/syntax', 'error', l, `A line starting with a tab does not end the section of device \`${dev}\` (only an empty line does): ${STOP}`);
  }
  if (t.startsWith('device')) {
    return finding('lock/syntax', 'error', l, `A new device section needs an empty line before it: dlm_controld reads this line as part of device \`${dev}\` and ${STOP.replace('dlm_controld ', '')}`, [insertBlank]);
  }
  const first = /^\S*/.exec(t)![0];
  return finding('lock/syntax', 'error', l,
    `\`${first}\` inside the section of device \`${dev}\`, where only connect and unfence lines belong (only an empty line ends a section): ${STOP}`, [insertBlank]);
}

/** setup_lockspace_config / read_master_config: master lines directly after their lockspace line. */
function lockspaces(lines: LockLine[], out: Finding[]): void {
  const inBlock = new Set<LockLine>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.text;
    if (skipped(t)) continue;
    if (t.startsWith('lockspace')) {
      i = lockspaceBlock(lines, i, out, inBlock) - 1;
      continue;
    }
    if (t.startsWith('master') && !inBlock.has(l)) {
      out.push(finding('lock/syntax', 'error', wordsOf(l)[0] ?? l,
        '`master` outside a lockspace block: dlm_controld ignores it (master lines must follow their lockspace line directly; an empty line, a line starting with a space or any other line ends the block)'));
    }
  }
}

/** Returns the index of the line that ended the block, which the outer loop reads again. */
function lockspaceBlock(lines: LockLine[], i: number, out: Finding[], inBlock: Set<LockLine>): number {
  const ls = lines[i];
  const name = wordsOf(ls)[1]?.text;
  if (!name) out.push(finding('lock/syntax', 'error', ls, 'A lockspace line needs a name (`lockspace NAME [nodir=1]`): dlm_controld matches it to no lockspace'));
  let masters = 0;
  let j = i + 1;
  for (; j < lines.length; j++) {
    const m = lines[j];
    const t = m.text;
    if (t === '' || t[0] === ' ') return j;
    if (t[0] === '#') continue;
    if (!t.startsWith('master')) return j;
    inBlock.add(m);
    if (!name) continue;
    if (masters === MAX_NODES) {
      out.push(finding('lock/range', 'warning', m, `dlm_controld reads at most ${MAX_NODES} masters per lockspace (MAX_NODES): it stops before this one`));
      return j + 1;
    }
    const stop = `dlm_controld stops reading masters for \`${name}\` here`;
    const w = wordsOf(m);
    if (w[1]?.text !== name) {
      out.push(finding('lock/syntax', 'error', w[1] ?? m, `master names \`${w[1]?.text ?? ''}\` but follows lockspace \`${name}\`: ${stop}`));
      return j + 1;
    }
    const args = t.slice(w[1].end - m.start);
    const at = args.indexOf('node=');
    const id = at < 0 ? 0 : atoi(args.slice(at + 'node='.length)).value;
    if (!id) {
      out.push(finding('lock/syntax', 'error', m, at < 0 ? `A master line needs node=ID: ${stop}` : `node= must be a node id other than 0: ${stop}`));
      return j + 1;
    }
    masters++;
  }
  return j;
}

/** node_config_init: `node id=%d mark=%s`, or dlm_controld exits. */
function nodeLines(lines: LockLine[], out: Finding[]): void {
  for (const l of lines) {
    if (!l.text.startsWith('node')) continue;
    const m = /^node\s*id=\s*([+-]?\d+)\s*mark=\s*(\S+)/.exec(l.text);
    if (!m) {
      out.push(finding('lock/syntax', 'error', l,
        'dlm_controld logs "Invalid configuration line" and exits at startup: a node line must read `node id=ID mark=VALUE`, in that order'));
      continue;
    }
    const id = atoi(m[1]).value;
    if (id <= 0 || id > MAX_NODES - 1) {
      const start = l.start + l.text.indexOf('id=');
      out.push(finding('lock/range', 'warning', { start, end: start + 3 + m[1].length },
        `dlm_controld skips node lines with an id outside 1–${MAX_NODES - 1}: this one sets nothing`));
    }
    const mark = strtoul(m[2]);
    if (mark.used < m[2].length) {
      const start = l.start + m.index + m[0].length - m[2].length;
      out.push(finding('lock/boolean', 'warning', { start, end: start + m[2].length },
        `dlm_controld reads mark \`${m[2]}\` with strtoul as ${mark.value}`));
    }
  }
}
