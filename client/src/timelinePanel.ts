// The incident timeline in a webview panel: the language server builds the view, the
// page (media/timeline, bundled to dist/media) draws it, and a click on a failure opens
// its log at the line. Panels come back after a reload from the state the page keeps.
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromWebview, TimelineView, ToWebview, WebviewState } from '../../server/src/timeline/types';
import type { Choice } from './pickIncident';
import { openLogLine } from './logs/openLog';
import { timelineHtml } from './timeline/html';

export const TIMELINE_VIEW_TYPE = 'xenops.timeline';

export async function showTimeline(context: vscode.ExtensionContext, client: LanguageClient, choice: Choice): Promise<void> {
  const view = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'xenops: building the timeline', cancellable: true },
    (_progress, token) => client.sendRequest<TimelineView>('xenops/timeline', { folder: choice.folder.toString(), incident: choice.incident }, token),
  );
  const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, view.title, vscode.ViewColumn.Active, options(context));
  attach(context, panel, { ...view, folder: choice.folder.toString() });
}

/** Restores timeline panels after a reload: the page redraws from its saved state. */
export function timelineSerializer(context: vscode.ExtensionContext): vscode.WebviewPanelSerializer<WebviewState> {
  return {
    async deserializeWebviewPanel(panel, state) {
      panel.webview.options = options(context);
      attach(context, panel, state?.view);
    },
  };
}

function options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'media')] };
}

function attach(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, view: TimelineView | undefined): void {
  const media = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'dist', 'media', file)).toString();
  panel.webview.html = timelineHtml({
    cspSource: panel.webview.cspSource,
    nonce: crypto.randomBytes(16).toString('hex'),
    scriptUri: media('timeline.js'),
    styleUri: media('timeline.css'),
    title: view?.title ?? 'Incident timeline',
  });
  panel.webview.onDidReceiveMessage(async (m: FromWebview) => {
    if (m.type === 'ready' && view) await panel.webview.postMessage({ type: 'view', view } satisfies ToWebview);
    if (m.type === 'open' && view?.folder) await openFailure(vscode.Uri.parse(view.folder), m.file, m.line);
  });
}

/** A failure's log line, in an editor beside the timeline. Paths stay inside the folder. */
async function openFailure(folder: vscode.Uri, file: string, line: number): Promise<void> {
  const parts = typeof file === 'string' ? file.split('/') : [];
  if (!parts.length || parts.some((p) => p === '..' || p === '')) return;
  await openLogLine(vscode.Uri.joinPath(folder, ...parts).fsPath, line, { beside: true });
}
