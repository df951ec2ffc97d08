// The options `xenops scan` and `xenops export` share: which logs to read, how to read
// their times, how to group failures, and when a resource counts as spiking.
import * as fs from 'node:fs';
import { DEFAULT_SPIKES, type SpikeSettings } from '../captures/spikes';
import { LOG_FORMATS, type LogFormat } from '../logs/types';
import { DEFAULT_MAX_FILE_BYTES, type FolderScanOptions, parseTimeBound } from '../logs/scan';
import { isTimeZone, parseDuration } from '../logs/time';
import { type ParsedArgs, single, UsageError } from './args';

export const SCAN_FLAGS = { since: true, until: true, window: true, tz: true, 'max-file-size': true, format: true, spike: true } as const;

export const SCAN_OPTIONS_HELP = `  --since/--until T   ISO 8601 (2024-07-01T09:00:00Z, or local to --tz) or Unix seconds
  --window D          events closer than D chain into one incident (default 60s)
  --tz ZONE           IANA zone of logs that print local times without a zone (default UTC)
  --max-file-size S   skip files bigger than S (default 4G)
  --format GLOB=F     read files matching GLOB as format F when detection guesses wrong
                      (${Object.keys(LOG_FORMATS).join(', ')})
  --spike NAME=VALUE  a spike threshold for captures (${Object.entries(DEFAULT_SPIKES).map(([k, v]) => `${k}=${v}`).join(', ')})`;

const SIZE = /^(\d+(?:\.\d+)?)([KMGT]?)i?B?$/i;

function parseSize(text: string): number | undefined {
  const m = SIZE.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase());
}

/** The scan of the one folder (or file) named on the command line. */
export function folderScanOptions(args: ParsedArgs, command: string): FolderScanOptions {
  if (args.positional.length !== 1) throw new UsageError(`${command} needs one folder (or file)`);
  const folder = args.positional[0];
  if (!fs.existsSync(folder)) throw new UsageError(`${folder}: no such file or directory`);
  const zone = single(args, 'tz') ?? 'UTC';
  if (!isTimeZone(zone)) throw new UsageError(`unknown time zone '${zone}' (an IANA name such as Europe/Berlin)`);
  const when = (flag: string) => {
    const v = single(args, flag);
    if (v === undefined) return undefined;
    const t = parseTimeBound(v, zone);
    if ('error' in t) throw new UsageError(`--${flag}: ${t.error}`);
    return t.ms;
  };
  const windowText = single(args, 'window');
  const windowMs = windowText === undefined ? 60000 : parseDuration(windowText);
  if (windowMs === undefined || windowMs <= 0) throw new UsageError(`--window wants a duration such as 60s or 5m, got '${windowText}'`);
  const sizeText = single(args, 'max-file-size');
  const maxFileBytes = sizeText === undefined ? DEFAULT_MAX_FILE_BYTES : parseSize(sizeText);
  if (!maxFileBytes) throw new UsageError(`--max-file-size wants a size such as 4G or 500M, got '${sizeText}'`);
  const formats: Record<string, LogFormat> = {};
  for (const f of args.flags.get('format') ?? []) {
    const m = /^(.+)=([a-z0-9-]+)$/.exec(f);
    if (!m || !(m[2] in LOG_FORMATS)) throw new UsageError(`--format wants GLOB=FORMAT with a known format, got '${f}'`);
    formats[m[1]] = m[2] as LogFormat;
  }
  return { folder, zone, windowMs, sinceMs: when('since'), untilMs: when('until'), maxFileBytes, formats, spikes: spikeSettings(args.flags.get('spike') ?? []) };
}

function spikeSettings(given: string[]): SpikeSettings {
  const out = { ...DEFAULT_SPIKES };
  for (const g of given) {
    const m = /^(\w+)=(\d+(?:\.\d+)?)$/.exec(g);
    if (!m || !(m[1] in out)) throw new UsageError(`--spike wants NAME=NUMBER with NAME one of ${Object.keys(out).join(', ')}, got '${g}'`);
    out[m[1] as keyof SpikeSettings] = Number(m[2]);
  }
  return out;
}
