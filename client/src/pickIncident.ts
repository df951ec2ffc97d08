// Choosing what the timeline and the export cover: a log folder (the one clicked in the
// explorer, or picked), then the whole folder or one of the incidents its scan found.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Timeline } from '../../server/src/logs/correlate';

export interface Choice {
  folder: vscode.Uri;
  /** 0-based incident index; undefined: the whole folder. */
  incident?: number;
}

export async function pickIncident(client: LanguageClient, title: string, clicked?: vscode.Uri): Promise<Choice | undefined> {
  const folder = clicked ?? (await pickFolder(title));
  if (!folder) return undefined;
  const timeline = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${title}: scanning ${vscode.workspace.asRelativePath(folder)}`, cancellable: true },
    (_progress, token) => client.sendRequest<Timeline>('xenops/scanFolder', { folder: folder.toString() }, token),
  );
  if (!timeline.incidents.length) return { folder };
  const items: Array<vscode.QuickPickItem & { incident?: number }> = [
    { label: 'Whole folder', description: `${timeline.events.length} failures, ${timeline.incidents.length} incidents` },
    ...timeline.incidents.map((inc, i) => ({ label: `Incident ${i + 1}`, description: inc.start ?? 'no time', detail: inc.summary, incident: i })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDetail: true });
  return picked && { folder, incident: picked.incident };
}

async function pickFolder(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: `${title}: the log folder`, canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return picked?.[0];
}
