// Runs every xl rule over one config and returns its findings in file order.
import type { Finding } from '../core/findings';
import type { XlDocument } from './ast';
import { parseXl } from './parser';
import { RuleContext } from './rules/context';
import { checkDevices, type ParsedDisk } from './rules/devices';
import { checkDomain } from './rules/domain';
import { checkKeys } from './rules/keys';
import { checkSyntax } from './rules/syntax';
import { checkValues } from './rules/values';
import { DEFAULT_XEN_VERSION, type XenVersion } from './schema/types';

export interface XlLintOptions {
  version?: XenVersion;
  /** Used in xl's own messages (`file:line: warning: ...`) and for a suggested `name`. */
  filename?: string;
}

export interface XlAnalysis {
  doc: XlDocument;
  ctx: RuleContext;
  disks: ParsedDisk[];
  findings: Finding[];
}

export function lintXl(text: string, options: XlLintOptions = {}): XlAnalysis {
  const doc = parseXl(text);
  const ctx = new RuleContext(doc, options.version ?? DEFAULT_XEN_VERSION, options.filename ?? 'domain.cfg');
  checkSyntax(ctx);
  checkKeys(ctx);
  checkValues(ctx);
  checkDomain(ctx);
  const disks = checkDevices(ctx);
  const findings = ctx.findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { doc, ctx, disks, findings };
}
