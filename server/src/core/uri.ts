// Small helpers for file: URIs, so the server and the CLI name files the same way.
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

export const URI = {
  fromPath(p: string): string {
    return pathToFileURL(path.resolve(p)).href;
  },
  toPath(uri: string): string | undefined {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  },
  basename(uri: string): string {
    const p = URI.toPath(uri) ?? decodeURIComponent(uri.replace(/[?#].*$/, ''));
    return path.basename(p);
  },
};
