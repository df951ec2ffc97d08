// Quick fixes: each finding may carry fixes; this turns them into text edits
// (and, for fixes that need the host, the shell command to show). A fix changes
// only what its title says.
import type { Finding, Fix } from './findings';

export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface QuickFix {
  title: string;
  finding: Finding;
  changes: TextChange[];
  /** A command the operator must run on the host, shown when the fix is applied. */
  shell?: string;
  /** The fix converts line endings (see Fix): editors switch the document to LF. */
  lineEndings?: 'lf';
  preferred: boolean;
}

export function quickFixes(findings: Finding[], start: number, end: number): QuickFix[] {
  const out: QuickFix[] = [];
  for (const f of findings) {
    if (!f.fixes || f.end < start || f.start > end) continue;
    f.fixes.forEach((fix, i) => {
      out.push({
        title: fix.kind === 'rename-key' ? `Rename to ${fix.to}` : fix.title,
        finding: f,
        changes: change(f, fix),
        shell: 'shell' in fix ? fix.shell : undefined,
        lineEndings: fix.kind === 'replace' ? fix.lineEndings : undefined,
        preferred: i === 0 && f.fixes!.length === 1,
      });
    });
  }
  return out;
}

function change(f: Finding, fix: Fix): TextChange[] {
  switch (fix.kind) {
    case 'rename-key':
      return [{ start: f.start, end: f.end, text: fix.to }];
    case 'insert':
      return [{ start: fix.at, end: fix.at, text: fix.text }];
    case 'shell':
      return [];
    default:
      return [{ start: fix.start ?? f.start, end: fix.end ?? f.end, text: fix.text }];
  }
}

/** Removes the CR at `offset`; in an editor this switches the document to LF line endings. */
export function removeCarriageReturn(offset: number): Fix {
  return { kind: 'replace', text: '', title: 'Remove the carriage return (LF line endings)', start: offset, end: offset + 1, lineEndings: 'lf' };
}
