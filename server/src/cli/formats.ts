// Output formats of `xenops lint`: text for people, JSON for scripts, SARIF for code-scanning tools.
import type { Finding, RuleInfo } from '../core/findings';
import { LineIndex } from '../core/text';

export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

export interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
}

export function toJsonDiagnostics(r: FileReport): JsonDiagnostic[] {
  const index = new LineIndex(r.text);
  return r.findings.map((f) => {
    const s = index.position(f.start);
    const e = index.position(f.end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
  });
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify({ files: reports.map((r) => ({ path: r.path, diagnostics: toJsonDiagnostics(r) })) }, null, 2) + '\n';
}

/** `path:line:col: severity: message [rule]`, the form editors and CI logs link to. */
export function formatText(reports: FileReport[]): string {
  let out = '';
  const count = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of reports) {
    for (const d of toJsonDiagnostics(r)) {
      count[d.severity]++;
      out += `${r.path}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n`;
    }
  }
  const withFindings = reports.filter((r) => r.findings.length).length;
  out += `${reports.length} file${reports.length === 1 ? '' : 's'} checked: ${count.error} error${count.error === 1 ? '' : 's'}, ` +
    `${count.warning} warning${count.warning === 1 ? '' : 's'}, ${count.info + count.hint} note${count.info + count.hint === 1 ? '' : 's'}` +
    `${withFindings ? ` in ${withFindings} file${withFindings === 1 ? '' : 's'}` : ''}\n`;
  return out;
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(reports: FileReport[], rules: RuleInfo[], version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'xenops',
          version,
          rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.summary }, defaultConfiguration: { level: SARIF_LEVEL[r.severity] } })),
        },
      },
      results: reports.flatMap((r) => toJsonDiagnostics(r).map((d) => ({
        ruleId: d.code,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.path.split('\\').join('/') },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        }],
      }))),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
