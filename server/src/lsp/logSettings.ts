// How the language server scans a log folder: the `xenops.logs` and `xenops.spikes`
// settings of the folder, a request's own options over them, and whether the folder's
// own rule pack may be used (not in an untrusted workspace: its patterns are the
// workspace's code, and a hostile one could stall the server).
import { type CancellationToken, type Connection, ErrorCodes, LSPErrorCodes, ResponseError, type WorkDoneProgressParams } from 'vscode-languageserver/node';
import { Cancelled } from '../logs/fileScan';
import { URI } from '../core/uri';
import { parseDuration, parseWhen } from '../logs/time';
import type { ScanSettings } from '../logview/library';
import { normaliseLogSettings, normaliseSpikeSettings } from '../settings';

let trusted = true;

/** The client says whether the workspace is trusted (at start and when the user grants trust). */
export function setTrusted(value: boolean): void {
  trusted = value;
}

export interface ScanOverrides {
  since?: string;
  until?: string;
  window?: string;
  tz?: string;
}

export async function scanSettings(connection: Connection, folder: string, p: ScanOverrides = {}): Promise<ScanSettings> {
  const settings = (section: string) => connection.workspace.getConfiguration({ scopeUri: URI.fromPath(folder), section }).catch(() => undefined);
  const logs = normaliseLogSettings(await settings('xenops.logs'));
  const spikes = normaliseSpikeSettings(await settings('xenops.spikes'));
  const zone = p.tz ?? logs.timezone;
  return {
    zone,
    zones: p.tz ? undefined : logs.timezones,
    windowMs: (p.window ? parseDuration(p.window) : undefined) ?? logs.windowMs,
    sinceMs: p.since ? parseWhen(p.since, zone) : undefined,
    untilMs: p.until ? parseWhen(p.until, zone) : undefined,
    formats: logs.formats,
    ignore: logs.ignore,
    maxFileBytes: logs.maxFileBytes,
    ruleOverrides: logs.rules,
    noWorkspaceRules: !trusted,
    spikes,
  };
}

/**
 * Runs a scan of `folder` for a request: its progress in MiB on the client's progress
 * token, stopped when the request is cancelled, and its failures as LSP errors.
 */
export async function withScanProgress<T>(
  connection: Connection,
  p: WorkDoneProgressParams,
  folder: string,
  token: CancellationToken,
  scan: (options: Pick<ScanSettings, 'onProgress' | 'cancelled'>) => Promise<T>,
): Promise<T> {
  const progress = connection.window.attachWorkDoneProgress(p.workDoneToken);
  progress.begin('xenops: scanning logs', 0, folder, true);
  try {
    return await scan({
      onProgress: (done, total) => progress.report(total ? Math.round((done / total) * 100) : 0, `${Math.round(done / 1048576)} of ${Math.round(total / 1048576)} MiB`),
      cancelled: () => token.isCancellationRequested,
    });
  } catch (e) {
    if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'scan cancelled');
    throw new ResponseError(ErrorCodes.InternalError, `cannot scan ${folder}: ${(e as Error).message}`);
  } finally {
    progress.done();
  }
}
