// The xenops language server: LSP wiring only. Every feature lives in its own
// module and works without an editor (the CLI and the tests use them directly).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CodeAction,
  CodeActionKind,
  createConnection,
  type DocumentSymbol,
  FileChangeType,
  type FoldingRange,
  type Hover,
  type InitializeResult,
  MarkupKind,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applySeverities, type Finding } from './core/findings';
import { quickFixes } from './core/quickFixes';
import { LineIndex } from './core/text';
import { URI } from './core/uri';
import { analyseXl } from './lintService';
import { range, toDiagnostic } from './lsp/convert';
import { registerDiffRequest } from './lsp/diff';
import { registerLogRequests } from './lsp/logRequests';
import { setTrusted } from './lsp/logSettings';
import { LogView } from './lsp/logView';
import { type WatchedChange, WorkspaceService } from './lsp/workspace';
import { completeLockConf } from './lockmgr/completion';
import { hoverLockConf } from './lockmgr/hover';
import { lintLockConf } from './lockmgr/lint';
import { lockDaemon } from './lvm/detect';
import { completeLvm, foldingLvm, hoverLvm, type LvmSymbol, symbolsLvm } from './lvm/editor';
import { lintLvm } from './lvm/lint';
import { INVENTORY_FILE } from './workspace/inventory';
import { completeInventory, hoverInventory } from './workspace/inventoryEditor';
import { completeXl } from './xl/completion';
import { hoverXl } from './xl/hover';
import type { XlAnalysis } from './xl/lint';
import { symbolsXl, type XlSymbol } from './xl/symbols';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let service: WorkspaceService;
let folders: string[] = [];
const logs = new LogView(connection);

/** Shell commands attached to fixes are shown by the client (this command), never run. */
const SHOW_SHELL_COMMAND = 'xenops.showShellCommand';
const USE_LF = 'xenops.useLfLineEndings';

connection.onInitialize((params): InitializeResult => {
  // with dynamic registration the server watches LVM reports by their exact paths, and folders
  const watch = params.capabilities.workspace?.didChangeWatchedFiles;
  service = new WorkspaceService(connection, !!params.capabilities.workspace?.configuration, watch?.dynamicRegistration ? { relativePatterns: !!watch.relativePatternSupport } : undefined);
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders = roots.map((u) => URI.toPath(u)).filter((p): p is string => !!p);
  setTrusted((params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', "'", ',', '=', ' '] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'xenops' },
  };
});

connection.onInitialized(() => void service.start(folders));

connection.onDidChangeConfiguration(() => {
  logs.library.clear(); // zones and formats change what the logs say
  void service.settingsChanged((file) => documents.get(URI.fromPath(file))?.getText() ?? readFile(file));
});

function readFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** What xenops does with a document: a domU config, an LVM or lock-manager config, an inventory, or nothing. */
function role(doc: TextDocument): 'domain' | 'lvm' | 'lock' | 'inventory' | undefined {
  if (doc.languageId === 'xen-cfg') return 'domain';
  if (doc.languageId === 'lvm-conf') return 'lvm';
  if (doc.languageId === 'lockmgr-conf') return 'lock';
  if (path.basename(doc.uri) === INVENTORY_FILE) return 'inventory';
  return undefined;
}

/** The analysis of an LVM or lock-manager config: the indexed one for files, a fresh one for untitled editors. */
function hostView(doc: TextDocument) {
  const file = URI.toPath(doc.uri);
  const index = (file && service.lineIndex(file)) || new LineIndex(doc.getText());
  if (role(doc) === 'lvm') {
    const lvm = file ? service.index.lvmAnalysis(file)?.analysis : undefined;
    return { kind: 'lvm' as const, analysis: lvm ?? lintLvm(doc.getText(), URI.basename(doc.uri)), index };
  }
  const daemon = lockDaemon(file ?? URI.basename(doc.uri), doc.getText());
  const lock = file ? service.index.lockAnalysis(file)?.analysis : undefined;
  return { kind: 'lock' as const, daemon, analysis: lock ?? lintLockConf(doc.getText(), daemon), index };
}

/** Documents that are not files (untitled editors) are checked on their own. */
const standalone = new Map<string, { version: number; analysis: XlAnalysis; index: LineIndex }>();

function standaloneAnalysis(doc: TextDocument) {
  const cached = standalone.get(doc.uri);
  if (cached?.version === doc.version) return cached;
  const text = doc.getText();
  const entry = { version: doc.version, analysis: analyseXl(text, URI.basename(doc.uri), service.settingsFor('')), index: new LineIndex(text) };
  standalone.set(doc.uri, entry);
  return entry;
}

/** The analysis, findings and line index of a domU document, wherever it lives. */
function view(doc: TextDocument): { analysis: XlAnalysis; findings: Finding[]; index: LineIndex } | undefined {
  const file = URI.toPath(doc.uri);
  if (file) {
    const analysis = service.analysis(file);
    const index = service.lineIndex(file);
    return analysis && index ? { analysis, findings: service.findings(file), index } : undefined;
  }
  const s = standaloneAnalysis(doc);
  return { analysis: s.analysis, findings: s.analysis.findings, index: s.index };
}

function onContent(doc: TextDocument): void {
  const kind = role(doc);
  if (!kind) return;
  const file = URI.toPath(doc.uri);
  if (file) {
    void service.edited(file, doc.getText(), doc.version, doc.languageId);
    return;
  }
  if (kind === 'inventory') return;
  const { analysis, index } = kind === 'domain' ? standaloneAnalysis(doc) : hostView(doc);
  const findings = applySeverities(analysis.findings, service.settingsFor('').rules);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(f, index, doc.uri, () => undefined)) });
}

documents.onDidOpen((e) => onContent(e.document));
documents.onDidChangeContent((e) => onContent(e.document));
documents.onDidClose((e) => {
  const file = URI.toPath(e.document.uri);
  if (file && role(e.document)) void service.closed(file);
  else if (standalone.delete(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

const CHANGE_TYPES: Record<FileChangeType, WatchedChange['type']> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

connection.onDidChangeWatchedFiles((p) => {
  const changes = p.changes.flatMap((c): WatchedChange[] => {
    const file = URI.toPath(c.uri);
    return file ? [{ file, type: CHANGE_TYPES[c.type] ?? 'changed' }] : [];
  });
  void service.watched(changes);
});

connection.onHover((p): Hover | null | Promise<Hover | null> => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return null;
  if (LogView.isLog(doc.uri, doc.languageId)) return logs.hover(doc.uri, p.position.line);
  if (role(doc) === 'inventory') {
    const offset = doc.offsetAt(p.position);
    const h = hoverInventory(doc.getText(), offset);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } } : null;
  }
  if (role(doc) === 'lvm' || role(doc) === 'lock') {
    const h = hostView(doc);
    const offset = h.index.offset(p.position);
    const found = h.kind === 'lvm' ? hoverLvm(h.analysis, offset) : hoverLockConf(h.analysis.conf, offset, h.daemon);
    return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: range(h.index, found.start, found.end) } : null;
  }
  const v = role(doc) === 'domain' ? view(doc) : undefined;
  if (!v) return null;
  const h = hoverXl(v.analysis, v.index.offset(p.position));
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: range(v.index, h.start, h.end) } : null;
});

connection.onCompletion((p) => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc) return [];
  if (role(doc) === 'inventory') return completeInventory(doc.getText(), doc.offsetAt(p.position));
  if (role(doc) === 'lvm' || role(doc) === 'lock') {
    const h = hostView(doc);
    const offset = h.index.offset(p.position);
    return h.kind === 'lvm' ? completeLvm(h.analysis, offset) : completeLockConf(h.analysis.conf, offset, h.daemon);
  }
  const v = role(doc) === 'domain' ? view(doc) : undefined;
  return v ? completeXl(v.analysis, v.index.offset(p.position)) : [];
});

connection.onCodeAction((p): CodeAction[] => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || !role(doc)) return [];
  const file = URI.toPath(doc.uri);
  const index = (file && service.lineIndex(file)) || new LineIndex(doc.getText());
  const findings = role(doc) === 'domain' ? view(doc)?.findings ?? [] : file ? service.findings(file) : role(doc) === 'inventory' ? [] : hostView(doc).analysis.findings;
  return quickFixes(findings, index.offset(p.range.start), index.offset(p.range.end)).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: fix.preferred,
    diagnostics: [toDiagnostic(fix.finding, index, doc.uri, (other) => service.lineIndex(other))],
    // VS Code keeps one line ending per document and would put a removed CR back: the client switches it
    ...(fix.lineEndings ? { command: { title: fix.title, command: USE_LF, arguments: [doc.uri] } } : {}),
    ...(fix.changes.length && !fix.lineEndings ? { edit: { changes: { [doc.uri]: fix.changes.map((c) => ({ range: range(index, c.start, c.end), newText: c.text })) } } } : {}),
    ...(fix.shell ? { command: { title: 'Show the command to run on the host', command: SHOW_SHELL_COMMAND, arguments: [fix.shell] } } : {}),
  }));
});

connection.onDocumentSymbol((p): DocumentSymbol[] => {
  const doc = documents.get(p.textDocument.uri);
  if (doc && role(doc) === 'lvm') {
    const h = hostView(doc);
    if (h.kind !== 'lvm') return [];
    const convert = (s: LvmSymbol): DocumentSymbol => ({
      name: s.name || '""',
      detail: s.detail,
      kind: s.section ? SymbolKind.Namespace : SymbolKind.Property,
      range: range(h.index, s.span.start, s.span.end),
      selectionRange: range(h.index, s.selection.start, s.selection.end),
      children: s.children.map(convert),
    });
    return symbolsLvm(h.analysis.doc.nodes, doc.getText().length).map(convert);
  }
  const v = doc && role(doc) === 'domain' ? view(doc) : undefined;
  if (!v) return [];
  const convert = (s: XlSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'list' ? SymbolKind.Array : s.kind === 'entry' ? SymbolKind.String : SymbolKind.Property,
    range: range(v.index, s.start, s.end),
    selectionRange: range(v.index, s.selectionStart, s.selectionEnd),
    children: s.children.map(convert),
  });
  return symbolsXl(v.analysis.doc.assignments).map(convert);
});

connection.onFoldingRanges((p): FoldingRange[] | null => {
  const doc = documents.get(p.textDocument.uri);
  if (!doc || role(doc) !== 'lvm') return null;
  const h = hostView(doc);
  if (h.kind !== 'lvm') return null;
  return foldingLvm(h.analysis.doc.nodes)
    .map((f) => ({ startLine: h.index.position(f.start).line, endLine: h.index.position(f.end).line - 1 }))
    .filter((f) => f.endLine > f.startLine);
});

connection.onCodeLens((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc && LogView.isLog(doc.uri, doc.languageId) ? logs.lenses(doc.uri) : [];
});

registerLogRequests(connection, logs.library);
logs.register();
connection.onNotification('xenops/trusted', (p: { trusted: boolean }) => {
  setTrusted(p.trusted);
  logs.library.clear(); // the folders' own rule packs now count
});

registerDiffRequest(connection, documents, (file) => service.settingsFor(file).xenVersion);

documents.listen(connection);
connection.listen();
