// Failure marks on open logs: a gutter icon and an overview-ruler mark per category, from
// the language server's classification, asked for the visible lines only (with a margin)
// so a log of any length costs the editor only what is on screen.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LogEventMark } from '../../../server/src/lsp/logView';
import { CATEGORIES, type Category } from '../../../server/src/logs/types';
import { categoryColor } from '../../../server/src/timeline/palette';

/** Lines above and below the visible ones that are marked too, so scrolling shows marks at once. */
const MARGIN = 200;

export class FailureDecorations implements vscode.Disposable {
  private readonly types: Record<Category, vscode.TextEditorDecorationType>;
  private readonly pending = new Map<vscode.TextEditor, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient, icons: Record<Category, vscode.Uri>) {
    this.types = Object.fromEntries(CATEGORIES.map((c) => [c, vscode.window.createTextEditorDecorationType({
      gutterIconPath: icons[c],
      gutterIconSize: 'contain',
      overviewRulerColor: categoryColor(c),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      isWholeLine: true,
    })])) as Record<Category, vscode.TextEditorDecorationType>;
    this.subscriptions.push(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.schedule(e))),
      vscode.workspace.onDidOpenTextDocument(() => this.refresh()),
    );
  }

  /** Marks every visible log again (after a re-scan). */
  refresh(): void {
    vscode.window.visibleTextEditors.forEach((e) => this.schedule(e));
  }

  private schedule(editor: vscode.TextEditor): void {
    if (editor.document.languageId !== 'xen-log') return;
    clearTimeout(this.pending.get(editor));
    this.pending.set(editor, setTimeout(() => void this.update(editor), 60));
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    this.pending.delete(editor);
    const ranges = editor.visibleRanges.map((r) => ({ start: Math.max(0, r.start.line - MARGIN), end: r.end.line + MARGIN }));
    let marks: LogEventMark[];
    try {
      marks = await this.client.sendRequest<LogEventMark[]>('xenops/logEvents', { uri: editor.document.uri.toString(), ranges });
    } catch {
      return; // the file went away, or the server restarts: the next scroll asks again
    }
    const byCategory = new Map<Category, vscode.Range[]>();
    for (const m of marks) {
      if (m.line >= editor.document.lineCount) continue;
      const list = byCategory.get(m.category) ?? [];
      list.push(new vscode.Range(m.line, 0, m.line, 0));
      byCategory.set(m.category, list);
    }
    for (const c of CATEGORIES) editor.setDecorations(this.types[c], byCategory.get(c) ?? []);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    Object.values(this.types).forEach((t) => t.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }
}
