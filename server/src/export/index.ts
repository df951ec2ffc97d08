// Incident export: one timeline, four formats, and a writer that never replaces a file
// it was not told to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Capture } from '../captures/types';
import type { Timeline } from '../logs/correlate';
import type { ExportContext } from './context';
import { toCsv } from './csv';
import { toHtml } from './html';
import { toMarkdown } from './markdown';

export const EXPORT_FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function renderExport(format: ExportFormat, timeline: Timeline, captures: Capture[], ctx: ExportContext): string {
  switch (format) {
    case 'md':
      return toMarkdown(timeline, ctx);
    case 'html':
      return toHtml(timeline, captures, ctx);
    case 'csv':
      return toCsv(timeline);
    case 'json':
      return `${JSON.stringify(timeline, null, 2)}\n`;
  }
}

/** The format a file name asks for (`.md`, `.markdown`, `.html`, `.htm`, `.json`, `.csv`). */
export function formatOfFile(file: string): ExportFormat | undefined {
  const ext = /\.(\w+)$/.exec(file)?.[1].toLowerCase();
  return ext === 'markdown' ? 'md' : ext === 'htm' ? 'html' : (EXPORT_FORMATS as readonly string[]).includes(ext ?? '') ? (ext as ExportFormat) : undefined;
}

export class ExportExists extends Error {}

/** Writes the export (creating its folder); an existing file is replaced only with `force`. */
export function writeExport(file: string, text: string, force: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new ExportExists(`${file} already exists; pass --force to replace it`);
    throw e;
  }
}
