// Findings to LSP diagnostics. Related information may point into other files,
// whose positions come from their own line index.
import { type Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver/node';
import type { Finding } from '../core/findings';
import type { LineIndex } from '../core/text';
import { URI } from '../core/uri';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function range(index: LineIndex, start: number, end: number): Range {
  return { start: index.position(start), end: index.position(end) };
}

/** `indexOf` gives the line index of another file named in related information (by path). */
export function toDiagnostic(f: Finding, index: LineIndex, uri: string, indexOf: (file: string) => LineIndex | undefined): Diagnostic {
  const related = f.related?.flatMap((r) => {
    const other = r.uri ? indexOf(r.uri) : index;
    if (!other) return [];
    return [{ location: { uri: r.uri ? URI.fromPath(r.uri) : uri, range: range(other, r.start, r.end) }, message: r.message }];
  });
  return {
    range: range(index, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'xenops',
    message: f.message,
    ...(related?.length ? { relatedInformation: related } : {}),
  };
}
