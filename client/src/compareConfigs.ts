// xenops: Compare Domain Configs — two domU configs, or two hosts' folders of them (paired
// by domain name), compared by the language server (`xenops/diff`) and shown as Markdown.
// From two items selected in the Explorer, one clicked item and a pick, or two picks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface DiffResult {
  markdown: string;
  count: number;
}

interface Candidate extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  folder: boolean;
}

const TITLE = 'Compare Domain Configs';

export async function compareConfigs(client: LanguageClient, clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<void> {
  const pair = selected?.length === 2 ? selected : await pickPair(clicked);
  if (!pair) return;
  const folders = await Promise.all(pair.map(isFolder));
  if (folders[0] !== folders[1]) {
    void vscode.window.showErrorMessage(`${TITLE}: select two domain configs or two folders, not one of each.`);
    return;
  }
  let result: DiffResult;
  try {
    result = await client.sendRequest<DiffResult>('xenops/diff', { a: pair[0].toString(), b: pair[1].toString() });
  } catch (e) {
    void vscode.window.showErrorMessage(`${TITLE}: ${(e as Error).message}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ content: result.markdown, language: 'markdown' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** The first item (clicked, or picked) and a second one of the same kind. */
async function pickPair(clicked?: vscode.Uri): Promise<vscode.Uri[] | undefined> {
  const candidates = await workspaceCandidates();
  const first = clicked ?? (await pick(candidates, 'first config or host folder', undefined));
  if (!first) return undefined;
  const folder = await isFolder(first);
  const others = candidates.filter((c) => c.folder === folder && c.uri?.toString() !== first.toString());
  const second = await pick(others, folder ? 'second host folder' : 'second config', folder);
  return second ? [first, second] : undefined;
}

/** A quick pick over `items`, with a Browse… entry for anything outside them. */
async function pick(items: Candidate[], what: string, folder: boolean | undefined): Promise<vscode.Uri | undefined> {
  const browse: Candidate = { label: '$(folder-opened) Browse…', folder: !!folder };
  const chosen = await vscode.window.showQuickPick([...items, browse], { title: `${TITLE}: ${what}`, matchOnDescription: true });
  if (!chosen) return undefined;
  if (chosen.uri) return chosen.uri;
  const picked = await vscode.window.showOpenDialog({
    title: `${TITLE}: ${what}`,
    canSelectFiles: folder !== true,
    canSelectFolders: folder !== false,
    canSelectMany: false,
  });
  return picked?.[0];
}

/** Every config in the workspace, and every folder holding some (a host's folder). */
async function workspaceCandidates(): Promise<Candidate[]> {
  const files = await vscode.workspace.findFiles('**/*.{cfg,xl,xlcfg}', '**/node_modules/**', 5000);
  const perFolder = new Map<string, { uri: vscode.Uri; count: number }>();
  for (const uri of files) {
    const dir = vscode.Uri.joinPath(uri, '..');
    const entry = perFolder.get(dir.toString()) ?? { uri: dir, count: 0 };
    entry.count++;
    perFolder.set(dir.toString(), entry);
  }
  const folders = [...perFolder.values()].map(({ uri, count }): Candidate => ({
    label: `$(folder) ${vscode.workspace.asRelativePath(uri)}`,
    description: `${count} config${count === 1 ? '' : 's'}`,
    uri,
    folder: true,
  }));
  const configs = files.map((uri): Candidate => ({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, uri, folder: false }));
  return [...folders, ...configs];
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}
