// The log viewer's side of the language server: open log folders (scanned, then kept
// for the files in them), the failures of a log by line (decorations, navigation),
// hovers and CodeLenses on failure lines, and the merged timeline. Logs are read from
// disk, so a window of a big log (a virtual document) is served like the file itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CancellationToken,
  type CodeLens,
  CodeLensRefreshRequest,
  type Connection,
  ErrorCodes,
  type Hover,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  type WorkDoneProgressParams,
} from 'vscode-languageserver/node';
import { URI } from '../core/uri';
import { builtinPack } from '../logs/builtinPack';
import type { Timeline } from '../logs/correlate';
import { Cancelled } from '../logs/fileScan';
import { parsePack } from '../logs/rules';
import type { Category, EventSeverity } from '../logs/types';
import { eventAt, eventsInFile } from '../logview/fileEvents';
import { FolderPoller } from '../logview/folderPoller';
import { logHover } from '../logview/hover';
import { failureLenses } from '../logview/lenses';
import { LogLibrary, type LogScope } from '../logview/library';
import { IndexCache, readWindow } from '../logview/lineIndex';
import { type MergedDocument, type MergedFilter, renderMerged } from '../logview/merged';
import { logLocation, parseWindowUri } from '../logview/windowUri';
import { scanSettings, withScanProgress } from './logSettings';

/** Client commands the server's hovers and lenses name. */
export const OPEN_LOG_LINE = 'xenops.openLogLine';
export const SHOW_CORRELATED = 'xenops.showCorrelated';
/** Sent when the files of an open log folder changed (tail mode where file events never come). */
export const LOG_FOLDER_CHANGED = 'xenops/logFolderChanged';

export interface FolderParams extends WorkDoneProgressParams {
  folder: string;
}

export interface LogEventsParams {
  uri: string;
  /** 0-based document lines, inclusive; absent: the whole document. */
  ranges?: Array<{ start: number; end: number }>;
}

export interface LogEventMark {
  /** 0-based document line. */
  line: number;
  category: Category;
  severity: EventSeverity;
}

export class LogView {
  readonly library = new LogLibrary();
  private readonly indexes = new IndexCache();
  private readonly poller = new FolderPoller();
  private readonly explains = new Map<string, string>(builtinPack().rules.flatMap((r) => (r.explain ? [[r.id, r.explain] as [string, string]] : [])));

  constructor(private readonly connection: Connection) {}

  register(): void {
    const c = this.connection;
    c.onRequest('xenops/openLogFolder', (p: FolderParams, token) => this.open(p, token));
    c.onRequest('xenops/closeLogFolder', (p: FolderParams) => {
      const folder = path.resolve(this.path(p.folder));
      this.poller.stop(folder);
      this.library.close(folder);
    });
    c.onRequest('xenops/logEvents', (p: LogEventsParams) => this.marks(p));
    c.onRequest('xenops/mergedTimeline', (p: { folder: string; filter?: MergedFilter }) => this.merged(p.folder, p.filter));
    c.onRequest('xenops/logWindow', (p: { uri: string }, token) => this.window(p.uri, token));
  }

  /** The lines of a window of a big log, from the file's line index (built once, extended as the log grows). */
  private async window(uri: string, token: CancellationToken): Promise<{ text: string; first: number; total: number }> {
    const w = parseWindowUri(uri);
    if (!w) throw new ResponseError(ErrorCodes.InvalidParams, `not a log window: ${uri}`);
    try {
      const index = await this.indexes.get(w.file, { cancelled: () => token.isCancellationRequested });
      const read = await readWindow(index, w.first, w.count);
      return { text: read.lines.join('\n'), first: read.first, total: index.lines };
    } catch (e) {
      if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw new ResponseError(ErrorCodes.InternalError, `cannot read ${w.file}: ${(e as Error).message}`);
    }
  }

  /** Is this document a log xenops reads (a xen-log file or a window of one)? */
  static isLog(uri: string, languageId: string): boolean {
    return languageId === 'xen-log' || !!parseWindowUri(uri);
  }

  private path(uri: string): string {
    return URI.toPath(uri) ?? uri;
  }

  private async open(p: FolderParams, token: CancellationToken): Promise<{ folder: string; timeline: Timeline }> {
    const folder = this.path(p.folder);
    const settings = await scanSettings(this.connection, folder);
    const root = path.resolve(folder);
    this.poller.watch(root, settings, () => void this.connection.sendNotification(LOG_FOLDER_CHANGED, { folder: p.folder }));
    let scope: LogScope;
    try {
      scope = await withScanProgress(this.connection, p, folder, token, (progress) => this.library.open(folder, { ...settings, ...progress }));
    } catch (e) {
      if (!this.library.opened().some((s) => s.root === root)) this.poller.stop(root); // a folder never opened is not watched
      throw e;
    }
    void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined); // lenses count the new scan
    return { folder: URI.fromPath(scope.root), timeline: scope.timeline };
  }

  /** The scan covering a document's file, and where the document's lines start in it. */
  private async scope(uri: string): Promise<{ scope: LogScope; rel: string; offset: number; file: string } | undefined> {
    const at = logLocation(uri, 0);
    if (!at || !fs.existsSync(at.file)) return undefined;
    const { scope, rel } = await this.library.scopeOf(at.file, () => scanSettings(this.connection, path.dirname(at.file)));
    return { scope, rel, offset: at.line - 1, file: at.file };
  }

  private async marks(p: LogEventsParams): Promise<LogEventMark[]> {
    const s = await this.scope(p.uri);
    if (!s) return [];
    const inRange = (line: number) => !p.ranges || p.ranges.some((r) => line >= r.start && line <= r.end);
    return eventsInFile(s.scope.timeline, s.rel)
      .map(({ event }) => ({ line: event.line - 1 - s.offset, category: event.category, severity: event.severity }))
      .filter((m) => m.line >= 0 && inRange(m.line));
  }

  async hover(uri: string, docLine: number): Promise<Hover | null> {
    const s = await this.scope(uri);
    const found = s && eventAt(s.scope.timeline, s.rel, docLine + 1 + s.offset);
    if (!s || !found) return null;
    const markdown = logHover(s.scope.timeline, found.index, {
      windowMs: s.scope.windowMs,
      explain: (rule) => this.explain(rule, s.scope),
      link: (file, line) => `command:${OPEN_LOG_LINE}?${encodeURIComponent(JSON.stringify([absolute(s.scope, file), line]))}`,
    });
    return { contents: { kind: MarkupKind.Markdown, value: markdown } };
  }

  async lenses(uri: string): Promise<CodeLens[]> {
    const s = await this.scope(uri);
    if (!s) return [];
    const w = parseWindowUri(uri);
    const lines = w ? { first: w.first, last: w.first + w.count - 1 } : undefined;
    return failureLenses(s.scope.timeline, s.rel, s.scope.windowMs, lines).map((l) => {
      const line = l.line - 1 - s.offset;
      const range = { start: { line, character: 0 }, end: { line, character: 0 } };
      const related = l.related.map((r) => ({ file: absolute(s.scope, r.file), line: r.line }));
      return { range, command: { title: l.title, command: related.length ? SHOW_CORRELATED : '', arguments: related.length ? [uri, line, related] : undefined } };
    });
  }

  private async merged(folderUri: string, filter: MergedFilter = {}): Promise<MergedDocument & { folder: string }> {
    const folder = this.path(folderUri);
    const scope = this.library.opened().find((s) => s.root === path.resolve(folder)) ?? (await this.library.open(folder, await scanSettings(this.connection, folder)));
    return { ...renderMerged(scope.timeline, `${path.basename(scope.root)}: merged timeline of ${scope.timeline.events.length} failures`, filter), folder: scope.root };
  }

  /** A rule's explanation: the built-in pack's, or the folder's own pack's for its rules. */
  private explain(rule: string, scope: LogScope): string | undefined {
    const builtin = this.explains.get(rule);
    if (builtin) return builtin;
    const packFile = path.join(scope.single ? path.dirname(scope.root) : scope.root, '.xenops', 'rules.yaml');
    try {
      return parsePack(fs.readFileSync(packFile, 'utf8'), packFile).rules.find((r) => r.id === rule)?.explain;
    } catch {
      return undefined;
    }
  }
}

/** The absolute path of a file of a scope's timeline. */
function absolute(scope: LogScope, file: string): string {
  return scope.single ? scope.root : path.join(scope.root, ...file.split('/'));
}
