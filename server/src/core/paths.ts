// Naming files for people: the folder several paths share.
import * as path from 'node:path';

/** The deepest folder that holds every path (files or folders). */
export function commonFolder(paths: string[]): string {
  let root = path.dirname(paths[0]);
  while (!paths.every((p) => p.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) && path.dirname(root) !== root) {
    root = path.dirname(root);
  }
  return root;
}
