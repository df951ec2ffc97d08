// Output formats of `xenops lint`: text for people, JSON for scripts, SARIF for code-scanning tools.
import type { Finding, RuleInfo } from '../core/findings';
import { quickFixes } from '../core/quickFixes';
import { LineIndex } from '../core/text';

export interface FileReport {
  path: string;
  text: string;
  findings: Finding[];
}

/** Every file the run read, by absolute path: where related locations in other files point. */
export type FileLookup = (absolutePath: string) => { path: string; text: string } | undefined;

interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonDiagnostic extends Region {
  severity: Finding['severity'];
  code: string;
  message: string;
  /** The other places the finding involves (the other domain attaching the same disk…). */
  related?: Array<Region & { path: string; message: string }>;
  /** The quick fixes the editor offers: text edits in this file, and a command to run on the host. */
  fixes?: Array<{ title: string; edits: Array<Region & { newText: string }>; command?: string }>;
}

function regionOf(index: LineIndex, start: number, end: number): Region {
  const s = index.position(start);
  const e = index.position(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** What JSON and SARIF add to each diagnostic: other files' text, and their line indexes, kept for the run. */
interface Detail {
  lookup: FileLookup;
  indexes: Map<string, LineIndex>;
}

function detail(lookup: FileLookup = () => undefined): Detail {
  return { lookup, indexes: new Map() };
}

function indexOf(d: Detail | undefined, text: string): LineIndex {
  if (!d) return new LineIndex(text);
  let index = d.indexes.get(text);
  if (!index) d.indexes.set(text, (index = new LineIndex(text)));
  return index;
}

/** The diagnostics of a file; with `d`, also their related places and quick fixes. */
export function toJsonDiagnostics(r: FileReport, d?: Detail): JsonDiagnostic[] {
  const index = indexOf(d, r.text);
  return r.findings.map((f) => {
    const out: JsonDiagnostic = { ...regionOf(index, f.start, f.end), severity: f.severity, code: f.code, message: f.message };
    if (!d) return out;
    const related = (f.related ?? []).flatMap((rel) => {
      const other = rel.uri === undefined ? r : d.lookup(rel.uri);
      return other ? [{ path: other.path, ...regionOf(indexOf(d, other.text), rel.start, rel.end), message: rel.message }] : [];
    });
    if (related.length) out.related = related;
    const fixes = quickFixes([f], f.start, f.end).map((q) => ({
      title: q.title,
      edits: q.changes.map((c) => ({ ...regionOf(index, c.start, c.end), newText: c.text })),
      ...(q.shell ? { command: q.shell } : {}),
    }));
    if (fixes.length) out.fixes = fixes;
    return out;
  });
}

export function formatJson(reports: FileReport[], lookup?: FileLookup): string {
  const d = detail(lookup);
  return JSON.stringify({ files: reports.map((r) => ({ path: r.path, diagnostics: toJsonDiagnostics(r, d) })) }, null, 2) + '\n';
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

const sarifUri = (p: string) => p.split('\\').join('/');

const sarifRegion = (r: Region) => ({ startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn });

/** SARIF fixes are file edits; a fix that is only a host command goes into the result's properties. */
function sarifExtras(d: JsonDiagnostic, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d.related) {
    out.relatedLocations = d.related.map((rel, id) => ({
      id,
      message: { text: rel.message },
      physicalLocation: { artifactLocation: { uri: sarifUri(rel.path) }, region: sarifRegion(rel) },
    }));
  }
  const edits = (d.fixes ?? []).filter((f) => f.edits.length);
  if (edits.length) {
    out.fixes = edits.map((f) => ({
      description: { text: f.title },
      artifactChanges: [{
        artifactLocation: { uri: sarifUri(path) },
        replacements: f.edits.map((e) => ({ deletedRegion: sarifRegion(e), insertedContent: { text: e.newText } })),
      }],
    }));
  }
  const commands = (d.fixes ?? []).flatMap((f) => (f.command ? [f.command] : []));
  if (commands.length) out.properties = { commands };
  return out;
}

export function formatSarif(reports: FileReport[], rules: RuleInfo[], version: string, lookup?: FileLookup): string {
  const run = detail(lookup);
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
      results: reports.flatMap((r) => toJsonDiagnostics(r, run).map((d) => ({
        ruleId: d.code,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(r.path) }, region: sarifRegion(d) } }],
        ...sarifExtras(d, r.path),
      }))),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
