// `cpus=` / `cpus_soft=` CPU lists read exactly as xl's parse_cpurange and update_cpumap_range
// (tools/xl/xl_parse.c, the same from Xen 4.17 to 4.22) read them: comma-separated items, empty
// ones skipped, each `[^][node:|nodes:]` then `all`, `N` or `N-M` in decimal. Items apply in
// order, so `^N` only removes what earlier items added.
import type { SpecIssue, SpecPart, SpecResult } from './types';
import { strtoull } from './rate';

export interface CpuList {
  /** CPUs added by `N`/`N-M` items (not through nodes). */
  include: number[];
  /** CPUs removed by `^N`/`^N-M` items. */
  exclude: number[];
  /** `all` (or `nodes:all`) was given. */
  all: boolean;
  /** NUMA nodes named by `node:`/`nodes:` items, added or removed. */
  nodes: number[];
}

const ULONG_MAX = 0xffffffffffffffffn;
/** Xen's NR_CPUS is at most 4095 and MAX_NUMNODES 64: higher ids exist on no host. */
const LIMIT = { cpus: 4095n, nodes: 64n };

/** parse_range: `N` or `N-M` (strtoul, base 10), N <= M, nothing after. */
function parseRange(s: string): [bigint, bigint] | undefined {
  const a = strtoull(s, 0, 10);
  if (a.end === 0 || a.value === ULONG_MAX) return undefined;
  let b = a;
  if (s[a.end] === '-') {
    b = strtoull(s, a.end + 1, 10);
    if (b.end === a.end + 1 || b.value === ULONG_MAX || b.value < a.value) return undefined;
  }
  return b.end === s.length ? [a.value, b.value] : undefined;
}

/** Parses a `cpus=`/`cpus_soft=` string (or one list item) as xl does. Offsets are into `spec`. */
export function parseCpus(spec: string): SpecResult<CpuList> {
  const list: CpuList = { include: [], exclude: [], all: false, nodes: [] };
  const parts: SpecPart[] = [];
  const issues: SpecIssue[] = [];
  const fail = (message: string, xl: string, start: number, end: number): SpecResult<CpuList> => {
    issues.push({ severity: 'error', message, start, end, xl });
    return { parts, issues };
  };
  // CPUs chosen so far, known only while no `all` or node item makes the set depend on the host.
  let chosen: Set<bigint> | undefined = new Set();
  let added = false;
  for (const m of spec.matchAll(/[^,]+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    let item = m[0];
    const not = item.startsWith('^');
    if (not) item = item.slice(1);
    const prefix = /^nodes?:/.exec(item)?.[0] ?? '';
    item = item.slice(prefix.length);
    const kind = prefix ? 'nodes' : 'cpus';
    parts.push({ key: item === 'all' ? 'all' : kind, value: m[0], start, end });
    if (item === 'all') {
      if (not) return fail('"^all" would exclude everything: xl refuses it', 'Can\'t combine "^" and "all".', start, end);
      list.all = added = true;
      chosen = undefined;
      continue;
    }
    const range = parseRange(item);
    if (!range) {
      const message = `invalid ${kind === 'nodes' ? 'node' : 'CPU'} range \`${item}': expected N or N-M (decimal, N <= M), all, node:N, each optionally after ^`;
      return fail(message, `Invalid pcpu range: ${item}.`, end - item.length, end);
    }
    const [a, b] = range;
    if (not && !added) {
      const message = `\`${m[0]}' only removes what earlier items added; write all,${m[0]} to mean everything but these`;
      issues.push({ severity: 'warning', message, start, end });
    }
    added ||= !not;
    if (kind === 'nodes') chosen = undefined;
    const ids = kind === 'nodes' ? list.nodes : not ? list.exclude : list.include;
    for (let id = a; id <= b && id < LIMIT[kind]; id++) {
      ids.push(Number(id));
      if (not) chosen?.delete(id);
      else chosen?.add(id);
    }
    if (b >= LIMIT[kind]) {
      // libxl takes bit numbers as int: ids from 2^32 on wrap round, those in between are dropped.
      const effect = b >= 1n << 32n ? 'libxl cuts ids to 32 bits, so this can select a low-numbered one instead' : `xl ignores ${a === b ? 'it' : 'those'}`;
      const message = `${kind === 'nodes' ? 'NUMA node' : 'CPU'} ${b} exists on no Xen host (ids stay below ${LIMIT[kind]}): ${effect}`;
      issues.push({ severity: 'warning', message, start, end });
    }
  }
  if (chosen?.size === 0) {
    issues.push({ severity: 'warning', message: 'this CPU list selects no CPU at all', start: 0, end: spec.length });
  }
  return { value: list, parts, issues };
}
