// One small icon per failure category, in the category's fixed colour (the timeline's
// palette): the gutter of a log and the Incidents view show the same marks. Gutter icons
// must be files, so they are written once into the extension's storage.
import * as vscode from 'vscode';
import { CATEGORIES, type Category } from '../../../server/src/logs/types';
import { categoryColor } from '../../../server/src/timeline/palette';

/** A filled disc, with a white ring so it reads on any editor background. */
function svg(color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><circle cx="8" cy="8" r="5.5" fill="${color}" stroke="#fff" stroke-width="1"/></svg>`;
}

export async function writeCategoryIcons(storage: vscode.Uri): Promise<Record<Category, vscode.Uri>> {
  const dir = vscode.Uri.joinPath(storage, 'category-icons');
  await vscode.workspace.fs.createDirectory(dir);
  const icons = {} as Record<Category, vscode.Uri>;
  for (const c of CATEGORIES) {
    const uri = vscode.Uri.joinPath(dir, `${c}.svg`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(svg(categoryColor(c))));
    icons[c] = uri;
  }
  return icons;
}
