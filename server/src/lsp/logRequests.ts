// The log engine's requests: `xenops/scanFolder` (the timeline, as `xenops scan --json`
// prints it), `xenops/timeline` (what the timeline webview draws) and `xenops/export`
// (an incident export written to a file). All scan with progress and cancellation, with
// the options not given taken from the `xenops.logs` and `xenops.spikes` settings.
import { type CancellationToken, type Connection, ErrorCodes, ResponseError, type WorkDoneProgressParams } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { URI } from '../core/uri';
import { exportContext } from '../export/context';
import { EXPORT_FORMATS, ExportExists, type ExportFormat, renderExport, writeExport } from '../export/index';
import { EXPORT_EXISTS } from '../export/protocol';
import { selectIncident } from '../export/select';
import type { Timeline } from '../logs/correlate';
import { parseTimeBound, scanFolderWithCaptures, type ScanResult } from '../logs/scan';
import { isTimeZone, parseDuration } from '../logs/time';
import type { LogLibrary } from '../logview/library';
import { scanSettings, withScanProgress } from './logSettings';
import type { TimelineView } from '../timeline/types';
import { buildView } from '../timeline/view';

export interface ScanParams extends WorkDoneProgressParams {
  folder: string;
  since?: string;
  until?: string;
  window?: string;
  tz?: string;
}

export interface TimelineParams extends ScanParams {
  /** 0-based index into the scan's incidents; absent: the whole folder. */
  incident?: number;
}

export interface ExportParams extends TimelineParams {
  format: ExportFormat;
  /** The file to write (a path or a file: URI). */
  out: string;
  /** Replace the file if it exists (the client asked the user). */
  force?: boolean;
}

export function registerLogRequests(connection: Connection, library: LogLibrary): void {
  const scan = async (p: ScanParams, token: CancellationToken): Promise<ScanResult & { folder: string }> => {
    checkScanParams(p);
    const folder = URI.toPath(p.folder) ?? p.folder;
    const settings = await scanSettings(connection, folder, p);
    // a folder open in the log viewer reads again only the files that changed since its scan
    const cache = library.cacheOf(folder);
    const result = await withScanProgress(connection, p, folder, token, (progress) => scanFolderWithCaptures({ ...settings, folder, cache, ...progress }));
    return { ...result, folder };
  };

  connection.onRequest('xenops/scanFolder', async (p: ScanParams, token): Promise<Timeline> => (await scan(p, token)).timeline);

  connection.onRequest('xenops/timeline', async (p: TimelineParams, token): Promise<TimelineView> => {
    const { timeline, captures, folder } = await scan(p, token);
    const incident = checkedIncident(timeline, p.incident);
    const title = incident === undefined ? `${path.basename(folder)}: ${timeline.events.length} failures, ${timeline.incidents.length} incidents` : `Incident ${incident + 1}: ${timeline.incidents[incident].summary}`;
    return buildView(timeline, captures, { incident, title });
  });

  connection.onRequest('xenops/export', async (p: ExportParams, token): Promise<{ file: string; incidents: number; events: number }> => {
    if (!(EXPORT_FORMATS as readonly string[]).includes(p.format)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format '${p.format}'`);
    const out = URI.toPath(p.out) ?? p.out;
    const { timeline, captures, folder } = await scan(p, token);
    const incident = checkedIncident(timeline, p.incident);
    const chosen = incident === undefined ? timeline : selectIncident(timeline, incident);
    try {
      writeExport(out, renderExport(p.format, chosen, captures, exportContext(folder, out)), !!p.force);
    } catch (e) {
      if (e instanceof ExportExists) throw new ResponseError(EXPORT_EXISTS, e.message);
      throw new ResponseError(ErrorCodes.InternalError, (e as Error).message);
    }
    return { file: out, incidents: chosen.incidents.length, events: chosen.events.length };
  });
}

/** A request's own options must be right: one that cannot be read is an error, not silently left out. */
function checkScanParams(p: ScanParams): void {
  const bad = (what: string) => new ResponseError(ErrorCodes.InvalidParams, what);
  if (p.tz !== undefined && p.tz !== null && (typeof p.tz !== 'string' || !isTimeZone(p.tz))) throw bad(`tz: unknown time zone '${p.tz}' (an IANA name such as Europe/Berlin)`);
  for (const key of ['since', 'until'] as const) {
    const text = p[key];
    if (text === undefined || text === null || text === '') continue;
    const t = typeof text === 'string' ? parseTimeBound(text, p.tz ?? 'UTC') : { error: `${JSON.stringify(text)} is not a string` };
    if ('error' in t) throw bad(`${key}: ${t.error}`);
  }
  if (p.window !== undefined && p.window !== null && p.window !== '') {
    const ms = typeof p.window === 'string' ? parseDuration(p.window) : undefined;
    if (ms === undefined || ms <= 0) throw bad(`window: wants a duration such as 60s or 5m, got ${JSON.stringify(p.window)}`);
  }
}

function checkedIncident(timeline: Timeline, incident: number | undefined): number | undefined {
  if (incident === undefined) return undefined;
  if (!Number.isInteger(incident) || incident < 0 || incident >= timeline.incidents.length) {
    throw new ResponseError(ErrorCodes.InvalidParams, `there is no incident ${incident + 1} (the scan found ${timeline.incidents.length})`);
  }
  return incident;
}
