// Windows of big logs: the content of `xenops-log:` documents (read by the language
// server from its line index, never the whole file) and the commands that move a window.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseWindowUri, WINDOW_SCHEME, windowUri } from '../../../server/src/logview/windowUri';
import { asLog } from './openLog';

interface WindowText {
  text: string;
  first: number;
  /** Lines in the file. */
  total: number;
}

export class LogWindows implements vscode.TextDocumentContentProvider {
  private readonly totals = new Map<string, number>();

  constructor(private readonly client: LanguageClient) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(WINDOW_SCHEME, this),
      vscode.commands.registerCommand('xenops.logWindowEarlier', () => this.move(-1)),
      vscode.commands.registerCommand('xenops.logWindowLater', () => this.move(1)),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const w = await this.client.sendRequest<WindowText>('xenops/logWindow', { uri: uri.toString() }, token);
    const window = parseWindowUri(uri.toString());
    if (window) this.totals.set(window.file, w.total);
    return w.text;
  }

  /** Half a window earlier or later, keeping the line under the cursor in view when it still is. */
  private async move(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const w = editor && parseWindowUri(editor.document.uri.toString());
    if (!editor || !w) return;
    const total = this.totals.get(w.file) ?? Infinity;
    const first = Math.max(1, Math.min(w.first + direction * Math.floor(w.count / 2), Math.max(1, total - w.count + 1)));
    if (first === w.first) {
      void vscode.window.setStatusBarMessage(`xenops: already at the ${direction < 0 ? 'start' : 'end'} of the log`, 3000);
      return;
    }
    const fileLine = w.first + editor.selection.active.line;
    const doc = await asLog(await vscode.workspace.openTextDocument(vscode.Uri.parse(windowUri({ ...w, first }))));
    const next = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preview: true });
    const line = fileLine >= first && fileLine < first + w.count ? fileLine - first : direction < 0 ? doc.lineCount - 1 : 0;
    const position = new vscode.Position(Math.min(line, doc.lineCount - 1), 0);
    next.selection = new vscode.Selection(position, position);
    next.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  }
}
