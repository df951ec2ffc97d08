// Quick fixes: each finding may carry fixes; this turns them into text edits.
// A fix changes only what its title says.
import type { Finding, Fix } from '../core/findings';

export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface QuickFix {
  title: string;
  finding: Finding;
  changes: TextChange[];
  preferred: boolean;
}

export function quickFixes(findings: Finding[], start: number, end: number): QuickFix[] {
  const out: QuickFix[] = [];
  for (const f of findings) {
    if (!f.fixes || f.end < start || f.start > end) continue;
    f.fixes.forEach((fix, i) => out.push({ title: title(fix), finding: f, changes: [change(f, fix)], preferred: i === 0 && f.fixes!.length === 1 }));
  }
  return out;
}

function title(fix: Fix): string {
  return fix.kind === 'rename-key' ? `Rename to ${fix.to}` : fix.title;
}

function change(f: Finding, fix: Fix): TextChange {
  switch (fix.kind) {
    case 'rename-key':
      return { start: f.start, end: f.end, text: fix.to };
    case 'insert':
      return { start: fix.at, end: fix.at, text: fix.text };
    default:
      return { start: fix.start ?? f.start, end: fix.end ?? f.end, text: fix.text };
  }
}
