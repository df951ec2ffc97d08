// What every export needs besides the timeline: a title, how to name the folder, and
// how to link a log file from where the export is written.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ExportContext {
  title: string;
  folderLabel: string;
  /** The path of a scanned file (relative to the folder) as seen from the export's own folder. */
  linkTo(file: string): string;
}

export function exportContext(folder: string, outFile: string, title?: string): ExportContext {
  const scanned = path.resolve(folder);
  // file paths in a scan are relative to the folder, or to the file's folder when one file was scanned
  const root = fs.statSync(scanned).isDirectory() ? scanned : path.dirname(scanned);
  const from = path.dirname(path.resolve(outFile));
  return {
    title: title ?? `Incident timeline: ${path.basename(scanned)}`,
    folderLabel: scanned,
    linkTo: (file) => path.relative(from, path.join(root, file)).split(path.sep).join('/'),
  };
}
