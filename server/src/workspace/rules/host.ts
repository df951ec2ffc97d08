// Host-level checks from the inventory: memory overcommit, pinning to CPUs the
// host lacks, and NUMA placement.
import { numberRanges } from '../../core/text';
import { count, type CrossContext, type DomainEntry, domainName, gib, type HostEntry } from './context';

export function checkHosts(ctx: CrossContext): void {
  for (const host of ctx.hosts) {
    memory(ctx, host);
    for (const d of host.domains) {
      cpus(ctx, host, d);
      numa(ctx, host, d);
    }
  }
}

function memory(ctx: CrossContext, host: HostEntry): void {
  const total = host.spec.memory?.value;
  if (total === undefined || !host.domains.length) return;
  const dom0 = host.spec.dom0Memory?.value ?? 0;
  const available = total - dom0;
  const promised = host.domains.reduce((sum, d) => sum + d.facts.memory.value, 0);
  if (promised <= available) return;
  const summary = `${host.spec.name} has ${available} MiB for guests (${total} − ${dom0} for dom0), but its ${count(host.domains.length, 'guest')} may take ${promised} MiB (maxmem, else memory)`;
  for (const d of host.domains) {
    const at = d.facts.memory.span ?? d.facts.name?.span ?? { start: 0, end: 0 };
    ctx.report(d.file, 'xl/host-memory-overcommit', at,
      `${summary}: they cannot all get it, so \`xl create\` fails ("failed to free memory for the domain") or ballooning squeezes dom0 and the others`,
      { related: [{ message: `${host.spec.name}: memory`, uri: host.inventory.file, start: host.spec.memory!.span.start, end: host.spec.memory!.span.end }] });
  }
  ctx.report(host.inventory.file, 'xl/host-memory-overcommit', host.spec.memory!.span, `${summary}.`);
}

function cpus(ctx: CrossContext, host: HostEntry, d: DomainEntry): void {
  const count = host.spec.cpus?.value;
  const nodes = host.spec.numa?.length;
  for (const p of d.facts.pinning) {
    if (count !== undefined) {
      const missing = [...new Set([...p.include, ...p.exclude])].filter((c) => c >= count).sort((a, b) => a - b);
      if (missing.length) {
        ctx.report(d.file, 'xl/host-cpus', p.span,
          `\`${p.key}\` names CPU${missing.length > 1 ? 's' : ''} ${numberRanges(missing)}, but ${host.spec.name} has ${count} CPUs (0-${count - 1})`);
      }
    }
    if (nodes !== undefined) {
      const missing = p.nodes.filter((n) => n >= nodes);
      if (missing.length) ctx.report(d.file, 'xl/host-cpus', p.span, `\`${p.key}\` names NUMA node ${numberRanges(missing)}, but ${host.spec.name} has ${nodes} nodes (0-${nodes - 1})`);
    }
  }
  const vcpus = d.facts.vcpus;
  if (count !== undefined && vcpus && vcpus.value > count) {
    ctx.report(d.file, 'xl/host-cpus', vcpus.span, `${domainName(d)} has ${vcpus.value} vCPUs on ${host.spec.name}'s ${count} CPUs: they time-share, and spinlocks inside the guest suffer`, { severity: 'info' });
  }
}

/** The CPUs the domain's hard affinity allows, or undefined when it is not pinned. */
function pinnedCpus(d: DomainEntry, host: HostEntry): Set<number> | undefined {
  const lists = d.facts.pinning.filter((p) => p.key === 'cpus');
  if (!lists.length) return undefined;
  const count = host.spec.cpus?.value ?? (host.spec.numa ?? []).flatMap((n) => n.value).reduce((a, b) => Math.max(a, b), 0) + 1;
  const out = new Set<number>();
  for (const p of lists) {
    const allowed = new Set<number>(p.all ? Array.from({ length: count }, (_, i) => i) : p.include);
    for (const n of p.nodes) for (const c of host.spec.numa?.[n]?.value ?? []) allowed.add(c);
    for (const c of p.exclude) allowed.delete(c);
    allowed.forEach((c) => out.add(c));
  }
  return out;
}

function numa(ctx: CrossContext, host: HostEntry, d: DomainEntry): void {
  const nodes = host.spec.numa;
  if (!nodes?.length) return;
  for (const n of d.facts.vnumaNodes) {
    if (n.value >= nodes.length) {
      ctx.report(d.file, 'xl/numa-spread', n.span, `vnuma places a node on physical node ${n.value}, but ${host.spec.name} has ${nodes.length} nodes (0-${nodes.length - 1}): xl fails with "invalid pnode number"`, { severity: 'error' });
    }
  }
  const cpus = pinnedCpus(d, host);
  if (!cpus?.size) return;
  const touched = nodes.map((n, i) => (n.value.some((c) => cpus.has(c)) ? i : -1)).filter((i) => i >= 0);
  if (touched.length < 2) return;
  const perNode = host.spec.memory ? host.spec.memory.value / nodes.length : undefined;
  const mem = d.facts.memory.value;
  if (perNode !== undefined && mem > perNode) return;
  const pin = d.facts.pinning.find((p) => p.key === 'cpus')!;
  const first = nodes[touched[0]].value;
  const target = `${first.reduce((a, b) => Math.min(a, b))}-${first.reduce((a, b) => Math.max(a, b))}`;
  ctx.report(d.file, 'xl/numa-spread', pin.span,
    `${domainName(d)} is pinned to CPUs on NUMA nodes ${touched.join(' and ')} of ${host.spec.name}, although its ${gib(mem)}` +
      `${perNode !== undefined ? ` fit in one node (${gib(perNode)} each)` : ' may fit in one node'}: its memory is spread over the nodes and many accesses are remote, which shows under load`,
    // a per-vCPU list is left to the operator; a single CPU list gets a one-node replacement
    { fixes: typeof d.analysis.ctx.cfg.get('cpus')?.value === 'string' ? [{ kind: 'replace', text: `"${target}"`, title: `Pin to node ${touched[0]} (cpus = "${target}")` }] : undefined });
}
