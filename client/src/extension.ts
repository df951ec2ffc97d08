// The xenops extension: starts the language server, switches `.cfg` files that are Xen
// domain configs to the xen-cfg language, and sets up the log viewer and the timeline.
// Nothing heavy runs here: scanning and parsing happen in the language server.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeDomainConfig } from '../../server/src/xl/detect';
import { compareConfigs } from './compareConfigs';
import { exportTimeline } from './exportTimeline';
import type { IncidentNode } from './logs/incidentsTree';
import { activateLogViewer } from './logs/logViewer';
import { type Choice, pickIncident } from './pickIncident';
import { showTimeline, TIMELINE_VIEW_TYPE, timelineSerializer } from './timelinePanel';

let client: LanguageClient | undefined;

/** Languages VS Code gives `.cfg` files before we look inside them. */
const GENERIC_LANGUAGES = new Set(['plaintext', 'properties', 'ini']);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'xen-cfg' },
      { scheme: 'untitled', language: 'xen-cfg' },
      { scheme: 'file', language: 'lvm-conf' },
      { scheme: 'untitled', language: 'lvm-conf' },
      { scheme: 'file', language: 'lockmgr-conf' },
      { scheme: 'untitled', language: 'lockmgr-conf' },
      { scheme: 'file', pattern: '**/xenops.yaml' },
      // logs: hovers and CodeLenses on failure lines (the server reads the files from disk)
      { scheme: 'file', language: 'xen-log' },
      { scheme: 'xenops-log', language: 'xen-log' },
    ],
    // the workspace's own rule pack is only used once the workspace is trusted
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    // hovers link to log lines through this command only
    markdown: { isTrusted: { enabledCommands: ['xenops.openLogLine'] }, supportHtml: false },
    synchronize: {
      configurationSection: 'xenops',
      // configs and inventories changed outside the editor trigger a re-check; the server
      // registers its own watchers for the LVM reports the inventory names and for folders
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.cfg,*.xl,*.xlcfg,*.conf,*.profile,xenops.yaml}'),
    },
  };
  client = new LanguageClient('xenops', 'xenops', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(detectDomainConfig),
    vscode.commands.registerCommand('xenops.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('xenops.showShellCommand', showShellCommand),
    vscode.commands.registerCommand('xenops.useLfLineEndings', useLfLineEndings),
    vscode.commands.registerCommand('xenops.compareConfigs', (clicked?: vscode.Uri, selected?: vscode.Uri[]) => client && compareConfigs(client, clicked, selected)),
    vscode.commands.registerCommand('xenops.showTimeline', async (clicked?: vscode.Uri | IncidentNode) => {
      const choice = client && (incidentChoice(clicked) ?? (await pickIncident(client, 'Show Incident Timeline', clicked as vscode.Uri | undefined)));
      if (choice) await showTimeline(context, client!, choice);
    }),
    vscode.commands.registerCommand('xenops.exportIncidentTimeline', (clicked?: vscode.Uri | IncidentNode) => client && exportTimeline(client, incidentChoice(clicked) ?? (clicked as vscode.Uri | undefined))),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('xenops/trusted', { trusted: true })),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, timelineSerializer(context)),
  );
  vscode.workspace.textDocuments.forEach(detectDomainConfig);
  await client.start();
  await activateLogViewer(context, client);
}

/** An incident (or a folder) of the Incidents view, as the timeline and the export take it. */
function incidentChoice(node: vscode.Uri | IncidentNode | undefined): Choice | undefined {
  if (!node || node instanceof vscode.Uri) return undefined;
  if (node.kind === 'incident') return { folder: node.folder.folder, incident: node.incident };
  return { folder: node.folder.folder };
}

/** A `.cfg` that reads like a domU config gets the xen-cfg language (and so diagnostics). */
function detectDomainConfig(doc: vscode.TextDocument): void {
  if (!GENERIC_LANGUAGES.has(doc.languageId) || !/\.cfg$/i.test(doc.fileName)) return;
  const head = doc.getText(new vscode.Range(0, 0, 200, 0));
  if (looksLikeDomainConfig(head)) void vscode.languages.setTextDocumentLanguage(doc, 'xen-cfg');
}

/**
 * The CRLF fixes: VS Code keeps one line ending per document and would turn an inserted LF back
 * into CRLF, so the document's line ending is switched instead (saved with the file).
 */
async function useLfLineEndings(uri: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.LF));
}

/** Fixes that need the host (lvcreate, lvextend) come with a command for the operator to run. */
async function showShellCommand(command: string): Promise<void> {
  const copy = 'Copy command';
  const choice = await vscode.window.showInformationMessage(`Run on the host: ${command}`, copy);
  if (choice === copy) await vscode.env.clipboard.writeText(command.replace(/\s+#.*$/, ''));
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
