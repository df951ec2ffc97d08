// `xenops: Export Incident Timeline`: the folder or one incident, as Markdown, HTML, JSON
// or CSV, written by the language server. An existing file is replaced only when the
// user says so.
import * as vscode from 'vscode';
import { type LanguageClient, ResponseError } from 'vscode-languageclient/node';
import { EXPORT_EXISTS } from '../../server/src/export/protocol';
import { type Choice, pickIncident } from './pickIncident';

const FORMATS = [
  { label: 'HTML', description: 'one self-contained page with the charts', format: 'html' },
  { label: 'Markdown', description: 'tables with links to the log lines', format: 'md' },
  { label: 'JSON', description: "the schema of 'xenops scan --json'", format: 'json' },
  { label: 'CSV', description: 'one row per failure and per resource spike', format: 'csv' },
];

export async function exportTimeline(client: LanguageClient, target?: vscode.Uri | Choice): Promise<void> {
  const title = 'Export Incident Timeline';
  const choice = target && !(target instanceof vscode.Uri) ? target : await pickIncident(client, title, target);
  if (!choice) return;
  const format = await vscode.window.showQuickPick(FORMATS, { title });
  if (!format) return;
  const name = `${choice.incident === undefined ? 'timeline' : `incident-${choice.incident + 1}`}.${format.format}`;
  const out = await vscode.window.showSaveDialog({ title, defaultUri: vscode.Uri.joinPath(choice.folder, name), filters: { [format.label]: [format.format] } });
  if (!out) return;
  const params = { folder: choice.folder.toString(), incident: choice.incident, format: format.format, out: out.toString() };
  const run = (force: boolean) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}: writing ${vscode.workspace.asRelativePath(out)}`, cancellable: true }, (_p, token) =>
      client.sendRequest<{ file: string; events: number }>('xenops/export', { ...params, force }, token),
    );
  let written: { file: string; events: number };
  try {
    written = await run(false);
  } catch (e) {
    if (!(e instanceof ResponseError && e.code === EXPORT_EXISTS)) throw e;
    const replace = 'Replace';
    if ((await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(out)} already exists. Replace it?`, { modal: true }, replace)) !== replace) return;
    written = await run(true);
  }
  const open = 'Open';
  if ((await vscode.window.showInformationMessage(`Exported ${written.events} failures to ${vscode.workspace.asRelativePath(out)}.`, open)) === open) {
    await vscode.commands.executeCommand('vscode.open', out);
  }
}
