// The log folders open in the Incidents view: each scanned by the language server (with
// a progress notification that can be cancelled) and scanned again, quietly, when its
// files change, so new lines show up as they are written (tail mode). Changes come from
// VS Code's file events and from the server, which also polls the folder: file events
// never come from network mounts or a host out of inotify watches.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Timeline } from '../../../server/src/logs/correlate';

export interface OpenFolder {
  folder: vscode.Uri;
  timeline: Timeline;
}

/** Quiet time after a change before the folder is scanned again. */
const RESCAN_DELAY_MS = 700;

export class LogFolders implements vscode.Disposable {
  private readonly open = new Map<string, OpenFolder & { watcher: vscode.Disposable; changed: () => void }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after a folder was opened, scanned again or closed. */
  readonly onDidChange = this.changed.event;

  private readonly polled: vscode.Disposable;

  constructor(private readonly client: LanguageClient) {
    this.polled = client.onNotification('xenops/logFolderChanged', (p: { folder: string }) => this.open.get(p.folder)?.changed());
  }

  folders(): OpenFolder[] {
    return [...this.open.values()];
  }

  /** Scans a folder with a progress notification; undefined when the user cancelled. */
  async add(folder: vscode.Uri): Promise<OpenFolder | undefined> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `xenops: reading ${vscode.workspace.asRelativePath(folder)}`, cancellable: true },
      (_progress, token) => this.scan(folder, token),
    );
    if (!result) return undefined;
    const key = folder.toString();
    if (!this.open.has(key)) this.open.set(key, { ...result, ...this.watch(folder) });
    else this.open.get(key)!.timeline = result.timeline;
    await vscode.commands.executeCommand('setContext', 'xenops.logFolderOpen', true);
    this.changed.fire();
    return this.open.get(key);
  }

  async remove(folder: vscode.Uri): Promise<void> {
    const entry = this.open.get(folder.toString());
    if (!entry) return;
    entry.watcher.dispose();
    this.open.delete(folder.toString());
    await this.client.sendRequest('xenops/closeLogFolder', { folder: folder.toString() });
    await vscode.commands.executeCommand('setContext', 'xenops.logFolderOpen', this.open.size > 0);
    this.changed.fire();
  }

  private async scan(folder: vscode.Uri, token?: vscode.CancellationToken): Promise<OpenFolder | undefined> {
    try {
      const params = { folder: folder.toString() };
      // an undefined token would travel as a second parameter: leave it out
      const r = await (token ? this.client.sendRequest<{ timeline: Timeline }>('xenops/openLogFolder', params, token) : this.client.sendRequest<{ timeline: Timeline }>('xenops/openLogFolder', params));
      return { folder, timeline: r.timeline };
    } catch (e) {
      if (token?.isCancellationRequested) return undefined;
      throw e;
    }
  }

  /** A file watcher on the folder, and `changed` to call on any other news of a change. */
  private watch(folder: vscode.Uri): { watcher: vscode.Disposable; changed: () => void } {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    const rescan = async () => {
      const entry = this.open.get(folder.toString());
      if (!entry) return;
      if (running) return void schedule(); // one scan at a time; the change is picked up after
      running = true;
      try {
        const result = await this.scan(folder);
        if (result && this.open.has(folder.toString())) {
          entry.timeline = result.timeline;
          this.changed.fire();
        }
      } catch (e) {
        void vscode.window.setStatusBarMessage(`xenops: re-reading ${vscode.workspace.asRelativePath(folder)} failed: ${(e as Error).message}`, 5000);
      } finally {
        running = false;
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rescan(), RESCAN_DELAY_MS);
    };
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    watcher.onDidChange(schedule);
    watcher.onDidCreate(schedule);
    watcher.onDidDelete(schedule);
    return { watcher: { dispose: () => (clearTimeout(timer), watcher.dispose()) }, changed: schedule };
  }

  dispose(): void {
    this.polled.dispose();
    for (const e of this.open.values()) e.watcher.dispose();
    this.changed.dispose();
  }
}
