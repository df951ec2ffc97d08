// The merged timeline: a read-only document listing every failure of an open log folder
// in time order, each line a link to its source line, with filters (category, domain,
// time range) chosen by command. It is rewritten when the folder is scanned again.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { MergedDocument, MergedFilter } from '../../../server/src/logview/merged';
import { readableUtc } from '../../../server/src/logs/time';
import { CATEGORIES, type Category } from '../../../server/src/logs/types';
import type { LogFolders } from './logFolders';
import { asLog } from './openLog';

const SCHEME = 'xenops-timeline';

interface Query {
  folder: string;
  filter: MergedFilter;
}

function timelineUri(q: Query): vscode.Uri {
  const name = `${path.basename(vscode.Uri.parse(q.folder).fsPath)} timeline`;
  return vscode.Uri.from({ scheme: SCHEME, path: `/${name}`, query: JSON.stringify(q) });
}

export class MergedTimeline implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly docs = new Map<string, { uri: vscode.Uri; folder: string; links: MergedDocument['links']; missing?: boolean }>();

  constructor(private readonly client: LanguageClient, private readonly folders: LogFolders) {
    // Timelines are rewritten after a re-scan. Switching a timeline to the log language
    // closes and reopens it, and a re-scan may end just then: an entry is dropped only when
    // its document was missing at two re-scans in a row (a change event for a closed
    // document is ignored by VS Code).
    folders.onDidChange(() => {
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      for (const [key, d] of this.docs) {
        if (!open.has(key) && d.missing) {
          this.docs.delete(key);
          continue;
        }
        d.missing = !open.has(key);
        this.changed.fire(d.uri);
      }
    });
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: SCHEME }, this),
      vscode.commands.registerCommand('xenops.showMergedTimeline', (node?: { folder?: { folder: vscode.Uri } }) => this.show(node?.folder?.folder)),
      vscode.commands.registerCommand('xenops.filterMergedTimeline', () => this.filter()),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = JSON.parse(uri.query) as Query;
    const doc = await this.client.sendRequest<MergedDocument>('xenops/mergedTimeline', q, token);
    this.docs.set(uri.toString(), { uri, folder: q.folder, links: doc.links });
    return doc.text;
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const d = this.docs.get(document.uri.toString());
    if (!d) return [];
    const folder = vscode.Uri.parse(d.folder);
    return d.links.flatMap((l) => {
      if (l.line >= document.lineCount) return [];
      const text = document.lineAt(l.line).text;
      const source = `${l.file}:${l.target}`;
      const at = text.indexOf(source);
      if (at < 0) return [];
      const args = encodeURIComponent(JSON.stringify([vscode.Uri.joinPath(folder, ...l.file.split('/')).fsPath, l.target]));
      const link = new vscode.DocumentLink(new vscode.Range(l.line, at, l.line, at + source.length), vscode.Uri.parse(`command:xenops.openLogLine?${args}`));
      link.tooltip = `Open ${source}`;
      return [link];
    });
  }

  private async show(folder?: vscode.Uri, filter: MergedFilter = {}): Promise<void> {
    const open = this.folders.folders();
    const chosen = folder ?? (open.length === 1 ? open[0].folder : (await vscode.window.showQuickPick(open.map((f) => ({ label: vscode.workspace.asRelativePath(f.folder), folder: f.folder })), { title: 'Merged timeline of which log folder?' }))?.folder);
    if (!chosen) {
      if (!open.length) void vscode.window.showInformationMessage('xenops: open a log folder first (xenops: Open Log Folder…).');
      return;
    }
    const doc = await asLog(await vscode.workspace.openTextDocument(timelineUri({ folder: chosen.toString(), filter })));
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Asks for the categories, domains and time range, then shows the filtered timeline. */
  private async filter(): Promise<void> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const current = active?.scheme === SCHEME ? (JSON.parse(active.query) as Query) : undefined;
    const open = this.folders.folders();
    const folder = open.find((f) => f.folder.toString() === current?.folder) ?? open[0];
    if (!folder) {
      void vscode.window.showInformationMessage('xenops: open a log folder first (xenops: Open Log Folder…).');
      return;
    }
    const title = 'Filter Merged Timeline';
    const present = new Set(folder.timeline.events.map((e) => e.category));
    const cats = await vscode.window.showQuickPick(
      CATEGORIES.filter((c) => present.has(c)).map((c) => ({ label: c, picked: current?.filter.categories?.includes(c) ?? false })),
      { title: `${title}: categories (none: all)`, canPickMany: true },
    );
    if (!cats) return;
    const domains = [...new Set(folder.timeline.events.flatMap((e) => (e.domain ? [e.domain] : [])))].sort();
    const doms = domains.length
      ? await vscode.window.showQuickPick(domains.map((d) => ({ label: d, picked: current?.filter.domains?.includes(d) ?? false })), { title: `${title}: domains (none: all)`, canPickMany: true })
      : [];
    if (!doms) return;
    const since = await askTime(`${title}: from (UTC, empty: the start)`, current?.filter.since);
    if (since === undefined) return;
    const until = await askTime(`${title}: until (UTC, empty: the end)`, current?.filter.until);
    if (until === undefined) return;
    await this.show(folder.folder, {
      ...(cats.length ? { categories: cats.map((c) => c.label as Category) } : {}),
      ...(doms.length ? { domains: doms.map((d) => d.label) } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    });
  }
}

/** A UTC time typed as "2024-03-01 09:14" (seconds optional); '' for none, undefined when cancelled. */
async function askTime(title: string, value?: string): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title,
    value: value && readableUtc(value),
    placeHolder: 'YYYY-MM-DD HH:MM[:SS]',
    validateInput: (v) => (!v.trim() || parseUtc(v) ? undefined : 'Write a UTC time as YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS'),
  });
  if (typed === undefined) return undefined;
  return typed.trim() ? parseUtc(typed) : '';
}

function parseUtc(v: string): string | undefined {
  const m = /^\s*(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d)(:\d\d)?\s*Z?\s*$/.exec(v);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[3] ?? ':00'}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
