// The Incidents view: the open log folders' incidents (time span, summary, top category)
// and under each its failures (time, source line, category icon); a click opens the line.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Incident, Timeline, TimelineEvent } from '../../../server/src/logs/correlate';
import { readableUtc } from '../../../server/src/logs/time';
import type { Category } from '../../../server/src/logs/types';
import type { LogFolders, OpenFolder } from './logFolders';

export type IncidentNode =
  | { kind: 'folder'; folder: OpenFolder }
  | { kind: 'incident'; folder: OpenFolder; incident: number }
  | { kind: 'event'; folder: OpenFolder; event: number };

const SEVERITY_WEIGHT = { error: 3, warning: 2, info: 1 } as const;

/** The category that weighs most in an incident: errors count more than warnings. */
export function topCategory(t: Timeline, inc: Incident): Category | undefined {
  const weight = new Map<Category, number>();
  for (const i of inc.events) {
    const e = t.events[i];
    weight.set(e.category, (weight.get(e.category) ?? 0) + SEVERITY_WEIGHT[e.severity]);
  }
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** "2024-03-01 09:14:02–09:15:10 UTC", the date once when both ends share it. */
export function timeSpan(start: string | null, end: string | null): string {
  if (!start) return 'no time';
  const s = readableUtc(start);
  const e = readableUtc(end ?? start);
  if (s === e) return `${s} UTC`;
  return `${s}–${e.slice(0, 10) === s.slice(0, 10) ? e.slice(11) : e} UTC`;
}

export class IncidentsTree implements vscode.TreeDataProvider<IncidentNode> {
  private readonly changed = new vscode.EventEmitter<IncidentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly folders: LogFolders, private readonly icons: Record<Category, vscode.Uri>) {
    folders.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: IncidentNode): IncidentNode[] {
    if (!node) {
      const open = this.folders.folders();
      return open.length === 1 ? this.incidents(open[0]) : open.map((folder) => ({ kind: 'folder', folder }));
    }
    if (node.kind === 'folder') return this.incidents(node.folder);
    if (node.kind === 'incident') return node.folder.timeline.incidents[node.incident].events.map((event) => ({ kind: 'event', folder: node.folder, event }));
    return [];
  }

  private incidents(folder: OpenFolder): IncidentNode[] {
    return folder.timeline.incidents.map((_, incident) => ({ kind: 'incident', folder, incident }));
  }

  getTreeItem(node: IncidentNode): vscode.TreeItem {
    const t = node.folder.timeline;
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(path.basename(node.folder.folder.fsPath), vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${t.incidents.length} incidents, ${t.events.length} failures`;
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = node.folder.folder;
      item.contextValue = 'logFolder';
      return item;
    }
    if (node.kind === 'incident') {
      const inc = t.incidents[node.incident];
      const top = topCategory(t, inc);
      const item = new vscode.TreeItem(`Incident ${node.incident + 1}: ${timeSpan(inc.start, inc.end)}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = inc.summary;
      item.tooltip = new vscode.MarkdownString().appendText(`${inc.summary}\n\n${inc.events.length} failures${top ? `, mostly ${top}` : ''}`);
      item.iconPath = top ? this.icons[top] : new vscode.ThemeIcon('warning');
      item.contextValue = 'incident';
      item.id = `${node.folder.folder.toString()}#incident-${node.incident}-${inc.start}`;
      return item;
    }
    const e: TimelineEvent = t.events[node.event];
    const time = e.time ? e.time.slice(11, 19) : 'no time';
    const item = new vscode.TreeItem(`${time} ${e.file}:${e.line}`, vscode.TreeItemCollapsibleState.None);
    item.description = e.message;
    item.tooltip = new vscode.MarkdownString().appendText(`${e.time ?? 'no time'} · ${e.category} · ${e.severity}\n${e.file}:${e.line}\n\n${e.message}`);
    item.iconPath = this.icons[e.category];
    item.contextValue = 'failure';
    item.command = { title: 'Open the log line', command: 'xenops.openLogLine', arguments: [vscode.Uri.joinPath(node.folder.folder, ...e.file.split('/')).fsPath, e.line] };
    return item;
  }

  getParent(node: IncidentNode): IncidentNode | undefined {
    if (node.kind === 'event') {
      const incident = node.folder.timeline.incidents.findIndex((inc) => inc.events.includes(node.event));
      return incident >= 0 ? { kind: 'incident', folder: node.folder, incident } : undefined;
    }
    if (node.kind === 'incident' && this.folders.folders().length > 1) return { kind: 'folder', folder: node.folder };
    return undefined;
  }
}
