// Runs every single-file rule over an lvm.conf-format file (lvm.conf, lvmlocal.conf,
// lvm_<tag>.conf, profiles) and returns its findings in file order.
import type { Finding } from '../core/findings';
import type { LvmDocument } from './ast';
import { parseLvmConf } from './parser';
import { LvmContext } from './rules/context';
import { checkDuplicates } from './rules/duplicates';
import { checkSettings } from './rules/settings';
import { checkSyntax } from './rules/syntax';

export interface LvmAnalysis {
  doc: LvmDocument;
  findings: Finding[];
}

export function lintLvm(text: string, filename = 'lvm.conf'): LvmAnalysis {
  const doc = parseLvmConf(text);
  const ctx = new LvmContext(doc, filename.endsWith('.profile'));
  checkSyntax(ctx);
  checkSettings(ctx);
  checkDuplicates(ctx);
  return { doc, findings: ctx.findings.sort((a, b) => a.start - b.start || a.end - b.end) };
}
