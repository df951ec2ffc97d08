// The xenops language server: LSP wiring only. Every feature lives in its own
// module and works without an editor (the CLI and the tests use them directly).
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  Hover,
  InitializeResult,
  MarkupKind,
  ProposedFeatures,
  Range,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './core/uri';
import type { Finding } from './core/findings';
import { applySeverities } from './core/findings';
import { LineIndex } from './core/text';
import { analyseXl } from './lintService';
import { DEFAULT_SETTINGS, type LintSettings, normaliseSettings } from './settings';
import { quickFixes } from './xl/actions';
import { completeXl } from './xl/completion';
import { hoverXl } from './xl/hover';
import type { XlAnalysis } from './xl/lint';
import { symbolsXl, type XlSymbol } from './xl/symbols';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settingsCache = new Map<string, Promise<LintSettings>>();
const analyses = new Map<string, { version: number; settings: LintSettings; analysis: XlAnalysis; index: LineIndex }>();
const pending = new Map<string, NodeJS.Immediate>();
let canAskConfiguration = false;

connection.onInitialize((params): InitializeResult => {
  canAskConfiguration = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', "'", ',', '=', ' '] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
    },
    serverInfo: { name: 'xenops' },
  };
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  analyses.clear();
  for (const doc of documents.all()) schedule(doc);
});

function settingsFor(uri: string): Promise<LintSettings> {
  if (!canAskConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  const cached = settingsCache.get(uri);
  if (cached) return cached;
  const s: Promise<LintSettings> = connection.workspace
    .getConfiguration({ scopeUri: uri, section: 'xenops' })
    .then(normaliseSettings, () => DEFAULT_SETTINGS);
  settingsCache.set(uri, s);
  return s;
}

function isXl(doc: TextDocument): boolean {
  return doc.languageId === 'xen-cfg';
}

/** The analysis of the document's current version, computed once. */
async function analysisOf(doc: TextDocument) {
  const settings = await settingsFor(doc.uri);
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version && cached.settings === settings) return cached;
  const text = doc.getText();
  const entry = { version: doc.version, settings, analysis: analyseXl(text, URI.basename(doc.uri), settings), index: new LineIndex(text) };
  analyses.set(doc.uri, entry);
  return entry;
}

/** Validation runs on the next turn of the event loop, so a burst of edits is checked once. */
function schedule(doc: TextDocument): void {
  if (!isXl(doc)) return;
  const waiting = pending.get(doc.uri);
  if (waiting) clearImmediate(waiting);
  pending.set(doc.uri, setImmediate(() => {
    pending.delete(doc.uri);
    void validate(doc.uri);
  }));
}

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const { analysis, index, settings } = await analysisOf(doc);
  if (documents.get(uri)?.version !== doc.version) return;
  const findings = applySeverities(analysis.findings, settings.rules);
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(f, index, uri)) });
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function range(index: LineIndex, start: number, end: number): Range {
  return { start: index.position(start), end: index.position(end) };
}

function toDiagnostic(f: Finding, index: LineIndex, uri: string): Diagnostic {
  return {
    range: range(index, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'xenops',
    message: f.message,
    relatedInformation: f.related?.map((r) => ({ location: { uri: r.uri ?? uri, range: range(index, r.start, r.end) }, message: r.message })),
  };
}

documents.onDidOpen((e) => schedule(e.document));
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  analyses.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async (p): Promise<Hover | null> => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || !isXl(doc)) return null;
  const { analysis, index } = await analysisOf(doc);
  const h = hoverXl(analysis, index.offset(p.position));
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: range(index, h.start, h.end) } : null;
});

connection.onCompletion(async (p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || !isXl(doc)) return [];
  const { analysis, index } = await analysisOf(doc);
  return completeXl(analysis, index.offset(p.position));
});

connection.onCodeAction(async (p): Promise<CodeAction[]> => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || !isXl(doc)) return [];
  const { analysis, index, settings } = await analysisOf(doc);
  const findings = applySeverities(analysis.findings, settings.rules);
  return quickFixes(findings, index.offset(p.range.start), index.offset(p.range.end)).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.preferred,
    diagnostics: [toDiagnostic(fix.finding, index, doc.uri)],
    edit: { changes: { [doc.uri]: fix.changes.map((c) => ({ range: range(index, c.start, c.end), newText: c.text })) } },
  }));
});

connection.onDocumentSymbol(async (p): Promise<DocumentSymbol[]> => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || !isXl(doc)) return [];
  const { analysis, index } = await analysisOf(doc);
  const convert = (s: XlSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'list' ? SymbolKind.Array : s.kind === 'entry' ? SymbolKind.String : SymbolKind.Property,
    range: range(index, s.start, s.end),
    selectionRange: range(index, s.selectionStart, s.selectionEnd),
    children: s.children.map(convert),
  });
  return symbolsXl(analysis.doc.assignments).map(convert);
});

documents.listen(connection);
connection.listen();
