// The xenops extension: starts the language server and switches `.cfg` files that
// are Xen domain configs to the xen-cfg language. Nothing heavy runs here.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { looksLikeDomainConfig } from '../../server/src/xl/detect';

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
    ],
    synchronize: { configurationSection: 'xenops' },
  };
  client = new LanguageClient('xenops', 'xenops', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(detectDomainConfig),
    vscode.commands.registerCommand('xenops.restartServer', () => client?.restart()),
  );
  vscode.workspace.textDocuments.forEach(detectDomainConfig);
  await client.start();
}

/** A `.cfg` that reads like a domU config gets the xen-cfg language (and so diagnostics). */
function detectDomainConfig(doc: vscode.TextDocument): void {
  if (!GENERIC_LANGUAGES.has(doc.languageId) || !/\.cfg$/i.test(doc.fileName)) return;
  const head = doc.getText(new vscode.Range(0, 0, 200, 0));
  if (looksLikeDomainConfig(head)) void vscode.languages.setTextDocumentLanguage(doc, 'xen-cfg');
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
