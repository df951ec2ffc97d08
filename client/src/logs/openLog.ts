// Opening a log at a line, wherever the request comes from (the Incidents view, the
// merged timeline, a hover, the timeline webview). A log the editor cannot show whole
// (compressed, or above `xenops.logs.windowAboveMiB`) opens as a window of lines around
// the line instead: a read-only document the language server fills from its line index.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { windowUri } from '../../../server/src/logview/windowUri';

export function windowSettings(): { aboveBytes: number; lines: number } {
  const c = vscode.workspace.getConfiguration('xenops.logs');
  return { aboveBytes: c.get<number>('windowAboveMiB', 20) * 1048576, lines: c.get<number>('windowLines', 5000) };
}

/** Does this log open as a window rather than as a file? */
export function needsWindow(file: string): boolean {
  if (/\.gz$/i.test(file)) return true;
  try {
    return fs.statSync(file).size > windowSettings().aboveBytes;
  } catch {
    return false;
  }
}

/** The window of a big log centred on a 1-based line, and where the line is in it. */
export function windowAround(file: string, line: number): { uri: vscode.Uri; docLine: number } {
  const count = windowSettings().lines;
  const first = Math.max(1, line - Math.floor(count / 2));
  return { uri: vscode.Uri.parse(windowUri({ file, first, count })), docLine: line - first };
}

/** Opens `file` (absolute path) with the cursor on its 1-based `line`. */
export async function openLogLine(file: string, line: number, options: { beside?: boolean; preview?: boolean } = {}): Promise<vscode.TextEditor | undefined> {
  if (typeof file !== 'string' || !Number.isInteger(line) || line < 1) return undefined;
  const viewColumn = options.beside ? vscode.ViewColumn.Beside : undefined;
  if (needsWindow(file)) {
    const w = windowAround(file, line);
    const doc = await asLog(await vscode.workspace.openTextDocument(w.uri));
    return reveal(await vscode.window.showTextDocument(doc, { viewColumn, preview: options.preview ?? true }), w.docLine);
  }
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn, preview: options.preview ?? true });
  return reveal(editor, line - 1);
}

/** Windows are logs too: they get the xen-log language, so highlighting, hovers and lenses. */
export async function asLog(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
  return doc.languageId === 'xen-log' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'xen-log');
}

function reveal(editor: vscode.TextEditor, docLine: number): vscode.TextEditor {
  const position = new vscode.Position(Math.min(Math.max(0, docLine), editor.document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
