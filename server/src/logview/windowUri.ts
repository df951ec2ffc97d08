// A window of a log too big for the editor is a read-only virtual document:
// `xenops-log:///var/log/big.log?first=1001&count=2000` shows lines 1001–3000 of the
// file. The client and the server both read and write these URIs.
import { URI } from '../core/uri';

export const WINDOW_SCHEME = 'xenops-log';

export interface LogWindow {
  /** Absolute path of the log. */
  file: string;
  /** 1-based first line shown. */
  first: number;
  count: number;
}

export function windowUri(w: LogWindow): string {
  return `${WINDOW_SCHEME}:${URI.fromPath(w.file).slice('file:'.length)}?first=${w.first}&count=${w.count}`;
}

export function parseWindowUri(uri: string): LogWindow | undefined {
  if (!uri.startsWith(`${WINDOW_SCHEME}:`)) return undefined;
  const [rest, query = ''] = uri.slice(WINDOW_SCHEME.length + 1).split('?', 2);
  let params: URLSearchParams;
  let file: string | undefined;
  try {
    params = new URLSearchParams(decodeURIComponent(query)); // VS Code may send '=' and '&' encoded
    file = URI.toPath(`file:${rest}`);
  } catch {
    return undefined; // a malformed escape, a host, an encoded '/': not a window of ours
  }
  const first = Number(params.get('first'));
  const count = Number(params.get('count'));
  if (!file || !Number.isInteger(first) || first < 1 || !Number.isInteger(count) || count < 1) return undefined;
  return { file, first, count };
}

/** The file and the 1-based file line of a 0-based line of a document (a file or a window). */
export function logLocation(uri: string, docLine: number): { file: string; line: number } | undefined {
  const w = parseWindowUri(uri);
  if (w) return { file: w.file, line: w.first + docLine };
  let file: string | undefined;
  try {
    file = URI.toPath(uri);
  } catch {
    return undefined; // file://host/… (a UNC path) or an encoded '/': no file here
  }
  return file ? { file, line: docLine + 1 } : undefined;
}
