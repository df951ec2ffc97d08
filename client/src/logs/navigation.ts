// Moving between failures like lnav's e / E: within the log in the editor (a window
// moves on when the next failure lies beyond it), and through the merged timeline of the
// open log folders in time order, file after file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LogEventMark } from '../../../server/src/lsp/logView';
import { readableUtc } from '../../../server/src/logs/time';
import { logLocation, parseWindowUri } from '../../../server/src/logview/windowUri';
import type { LogFolders } from './logFolders';
import { openLogLine } from './openLog';

export function registerNavigation(client: LanguageClient, folders: LogFolders): vscode.Disposable {
  let lastTimelineStep: { folder: string; event: number } | undefined;

  const inFile = async (direction: 1 | -1) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'xen-log') {
      void vscode.window.showInformationMessage('xenops: open a Xen or kernel log to move between its failures.');
      return;
    }
    const uri = editor.document.uri.toString();
    const marks = await client.sendRequest<LogEventMark[]>('xenops/logEvents', { uri });
    const here = editor.selection.active.line;
    const lines = [...new Set(marks.map((m) => m.line))].sort((a, b) => a - b);
    const next = direction > 0 ? lines.find((l) => l > here) : lines.reverse().find((l) => l < here);
    if (next === undefined) {
      void vscode.window.setStatusBarMessage(`xenops: no failure ${direction > 0 ? 'after' : 'before'} this line`, 3000);
      return;
    }
    const window = parseWindowUri(uri);
    if (window && (next < 0 || next >= editor.document.lineCount)) {
      await openLogLine(window.file, window.first + next); // beyond the window: a new window around it
      return;
    }
    const position = new vscode.Position(next, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const inTimeline = async (direction: 1 | -1) => {
    const open = folders.folders();
    if (!open.length) {
      void vscode.window.showInformationMessage('xenops: open a log folder first (xenops: Open Log Folder…).');
      return;
    }
    // where we are: the failure under the cursor, else the last one this command visited
    const editor = vscode.window.activeTextEditor;
    const at = editor && logLocation(editor.document.uri.toString(), editor.selection.active.line);
    let current = lastTimelineStep;
    for (const f of open) {
      const rel = at && path.relative(f.folder.fsPath, at.file).split(path.sep).join('/');
      const index = rel ? f.timeline.events.findIndex((e) => e.line === at.line && e.file === rel) : -1;
      if (index >= 0) current = { folder: f.folder.toString(), event: index };
    }
    const folder = open.find((f) => f.folder.toString() === current?.folder) ?? open[0];
    const events = folder.timeline.events;
    const target = current && current.folder === folder.folder.toString() ? current.event + direction : direction > 0 ? 0 : events.length - 1;
    if (target < 0 || target >= events.length) {
      void vscode.window.setStatusBarMessage(`xenops: ${direction > 0 ? 'last' : 'first'} failure of the timeline`, 3000);
      return;
    }
    lastTimelineStep = { folder: folder.folder.toString(), event: target };
    const e = events[target];
    await openLogLine(vscode.Uri.joinPath(folder.folder, ...e.file.split('/')).fsPath, e.line);
    void vscode.window.setStatusBarMessage(`xenops: failure ${target + 1} of ${events.length} · ${e.time ? `${readableUtc(e.time)} UTC` : 'no time'} · ${e.category}`, 5000);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('xenops.nextFailure', () => inFile(1)),
    vscode.commands.registerCommand('xenops.previousFailure', () => inFile(-1)),
    vscode.commands.registerCommand('xenops.nextTimelineFailure', () => inTimeline(1)),
    vscode.commands.registerCommand('xenops.previousTimelineFailure', () => inTimeline(-1)),
  );
}
