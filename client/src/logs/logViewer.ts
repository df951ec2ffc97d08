// The log viewer in the editor, put together: log folders and their Incidents view,
// failure marks, navigation, the merged timeline, windows of big logs, and the commands
// that the server's hovers and CodeLenses name.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { looksLikeXenLog } from '../../../server/src/logs/detectLanguage';
import { WINDOW_SCHEME } from '../../../server/src/logview/windowUri';
import { writeCategoryIcons } from './categoryIcons';
import { FailureDecorations } from './decorations';
import { type IncidentNode, IncidentsTree } from './incidentsTree';
import { LogFolders } from './logFolders';
import { LogWindows } from './logWindow';
import { MergedTimeline } from './mergedTimeline';
import { registerNavigation } from './navigation';
import { asLog, needsWindow, openLogLine, windowAround } from './openLog';

/** Languages a log may have before xenops looks inside it. */
const GENERIC_LANGUAGES = new Set(['plaintext', 'log']);

export async function activateLogViewer(context: vscode.ExtensionContext, client: LanguageClient): Promise<LogFolders> {
  const icons = await writeCategoryIcons(context.globalStorageUri);
  const folders = new LogFolders(client);
  const tree = new IncidentsTree(folders, icons);
  const decorations = new FailureDecorations(client, icons);
  const view = vscode.window.createTreeView<IncidentNode>('xenops.incidents', { treeDataProvider: tree, showCollapseAll: true });
  folders.onDidChange(() => decorations.refresh());
  context.subscriptions.push(
    folders,
    decorations,
    view,
    new LogWindows(client).register(),
    new MergedTimeline(client, folders).register(),
    registerNavigation(client, folders),
    vscode.commands.registerCommand('xenops.openLogFolder', async (clicked?: vscode.Uri) => {
      const folder = clicked ?? (await pickFolder());
      if (!folder) return;
      const open = await folders.add(folder);
      if (!open) return;
      await vscode.commands.executeCommand('xenops.incidents.focus');
      const t = open.timeline;
      void vscode.window.setStatusBarMessage(`xenops: ${t.incidents.length} incidents, ${t.events.length} failures in ${vscode.workspace.asRelativePath(folder)}`, 8000);
    }),
    vscode.commands.registerCommand('xenops.closeLogFolder', async (node?: IncidentNode) => {
      const target = node?.folder.folder ?? folders.folders()[0]?.folder;
      if (target) await folders.remove(target);
    }),
    vscode.commands.registerCommand('xenops.refreshIncidents', async () => {
      for (const f of folders.folders()) await folders.add(f.folder);
    }),
    vscode.commands.registerCommand('xenops.openLogLine', (file: string, line: number) => openLogLine(file, line)),
    vscode.commands.registerCommand('xenops.showCorrelated', showCorrelated),
    vscode.workspace.onDidOpenTextDocument(detectLog),
  );
  vscode.workspace.textDocuments.forEach(detectLog);
  return folders;
}

/** A log under a generic language (or a window restored after a reload) becomes xen-log when it reads like one. */
function detectLog(doc: vscode.TextDocument): void {
  if (doc.uri.scheme === WINDOW_SCHEME) {
    void asLog(doc);
    return;
  }
  if (doc.uri.scheme !== 'file' || !GENERIC_LANGUAGES.has(doc.languageId)) return;
  const head = doc.getText(new vscode.Range(0, 0, 50, 0));
  if (looksLikeXenLog(doc.fileName, head)) void vscode.languages.setTextDocumentLanguage(doc, 'xen-log');
}

/** The CodeLens "N correlated events": shows them in the peek view, each a jump to its line. */
async function showCorrelated(uri: string, line: number, related: Array<{ file: string; line: number }>): Promise<void> {
  const here = vscode.Uri.parse(uri);
  const locations = related.map((r) => {
    if (!needsWindow(r.file)) return new vscode.Location(vscode.Uri.file(r.file), new vscode.Position(Math.max(0, r.line - 1), 0));
    const w = windowAround(r.file, r.line); // a big log: its window around the line
    return new vscode.Location(w.uri, new vscode.Position(w.docLine, 0));
  });
  await vscode.commands.executeCommand('editor.action.peekLocations', here, new vscode.Position(line, 0), locations, 'peek');
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Open Log Folder', canSelectFolders: true, canSelectFiles: false, openLabel: 'Open Log Folder', defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return picked?.[0];
}
