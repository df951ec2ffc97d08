// xl/duplicate-name, xl/duplicate-uuid, xl/duplicate-mac: identities that must be unique.
import * as path from 'node:path';
import { commonFolder } from '../../core/paths';
import type { Located } from '../inventory';
import { type CrossContext, type DomainEntry, domainName, listing, shortPath } from './context';

interface Claim {
  domain: DomainEntry;
  at: Located<string>;
}

function groups(ctx: CrossContext, pick: (d: DomainEntry) => Array<Located<string>>, normalise = (s: string) => s): Claim[][] {
  const by = new Map<string, Claim[]>();
  for (const domain of ctx.domains) {
    for (const at of pick(domain)) {
      const key = normalise(at.value);
      const list = by.get(key);
      if (list) list.push({ domain, at });
      else by.set(key, [{ domain, at }]);
    }
  }
  return [...by.values()].filter((g) => g.length > 1);
}

/**
 * Each domain of a group by a file path that tells it apart from the others: as
 * operators know it (relative to its inventory, else its file name) unless two read
 * the same — `tpl/a/web.cfg` and `tpl/b/web.cfg` — then relative to the folder they share.
 */
function fileLabels(group: Claim[]): Map<DomainEntry, string> {
  const domains = [...new Set(group.map((c) => c.domain))];
  const short = domains.map(shortPath);
  if (new Set(short).size === domains.length) return new Map(domains.map((d, i) => [d, short[i]]));
  const root = commonFolder(domains.map((d) => d.file));
  return new Map(domains.map((d) => [d, path.relative(root, d.file)]));
}

/** How messages name the domains of a group: by name, with the file when two share the name. */
function domainLabels(group: Claim[]): (d: DomainEntry) => string {
  const files = fileLabels(group);
  const names = new Map<string, number>();
  for (const d of files.keys()) names.set(domainName(d), (names.get(domainName(d)) ?? 0) + 1);
  return (d) => (names.get(domainName(d))! > 1 ? `${domainName(d)} (${files.get(d)})` : domainName(d));
}

function related(others: Claim[], what: string) {
  return others.map((o) => ({ message: `${what} in ${domainName(o.domain)}`, uri: o.domain.file, start: o.at.span.start, end: o.at.span.end }));
}

export function checkIdentities(ctx: CrossContext): void {
  for (const group of groups(ctx, (d) => (d.facts.name ? [d.facts.name] : []))) {
    const files = fileLabels(group);
    for (const c of group) {
      const others = group.filter((o) => o !== c);
      const sameHost = others.filter((o) => o.domain.host?.spec === c.domain.host?.spec);
      const where = (o: Claim) => `${files.get(o.domain)}${o.domain.host ? ` (${o.domain.host.spec.name})` : ''}`;
      const message = sameHost.length
        ? `Domain name "${c.at.value}" is also used by ${listing(sameHost.map(where))} on the same host: the second \`xl create\` fails with "Domain with name "${c.at.value}" already exists"`
        : `Domain name "${c.at.value}" is also used on ${listing(others.map(where))}: migrating one onto the other's host fails`;
      ctx.report(c.domain.file, 'xl/duplicate-name', c.at.span, message, { severity: sameHost.length ? 'error' : 'warning', related: related(others, 'the same name') });
    }
  }
  for (const group of groups(ctx, (d) => (d.facts.uuid ? [d.facts.uuid] : []), (u) => u.toLowerCase())) {
    const who = domainLabels(group);
    for (const c of group) {
      const others = group.filter((o) => o !== c);
      ctx.report(c.domain.file, 'xl/duplicate-uuid', c.at.span,
        `UUID ${c.at.value} is also the UUID of ${listing(others.map((o) => who(o.domain)))}: copied configs must get their own uuid (or none, for a random one)`,
        { related: related(others, 'the same UUID') });
    }
  }
  for (const group of groups(ctx, (d) => d.facts.macs, (m) => m.toLowerCase())) {
    const who = domainLabels(group);
    for (const c of group) {
      const others = group.filter((o) => o !== c);
      ctx.report(c.domain.file, 'xl/duplicate-mac', c.at.span,
        `MAC ${c.at.value} is also used by ${listing(others.map((o) => who(o.domain)))}: on one network the guests steal each other's traffic`,
        { related: related(others, 'the same MAC') });
    }
  }
}
