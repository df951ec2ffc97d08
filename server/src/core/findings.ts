// What every checker in xenops produces, whatever the file format: a finding with a
// stable rule id, a severity the user may override, and offsets into the text.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = 'off' | 'info' | 'warning' | 'error';

export interface Related {
  message: string;
  start: number;
  end: number;
  /** Another file, for findings that span configs; absent means the same file. */
  uri?: string;
}

/**
 * A machine-readable hint for the code action that fixes a finding. `shell` is a
 * command the operator still has to run on the host (xenops never runs it).
 */
export type Fix =
  | { kind: 'rename-key'; to: string }
  /** Replaces the finding's own span, or `start`..`end` when given. */
  /**
   * `lineEndings` marks a fix that turns CRLF into LF: an editor that keeps one line ending per
   * document (VS Code) would put the CR back, so it switches the document's line ending instead.
   */
  | { kind: 'replace'; text: string; title: string; start?: number; end?: number; shell?: string; lineEndings?: 'lf' }
  | { kind: 'insert'; at: number; text: string; title: string; shell?: string }
  | { kind: 'shell'; title: string; shell: string };

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  related?: Related[];
  fixes?: Fix[];
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line for settings and docs: what the rule catches. */
  summary: string;
}

/** Applies per-rule overrides (`xenops.rules`): drops rules set to off, re-grades the rest. */
export function applySeverities(findings: Finding[], overrides: Record<string, SeveritySetting> | undefined): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}
