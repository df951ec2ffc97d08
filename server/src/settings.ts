// The user's settings that change what the checkers report (`xenops.*`), shared by
// the language server (read from the editor) and the CLI (read from flags).
import { DEFAULT_SPIKES, type SpikeSettings } from './captures/spikes';
import type { SeveritySetting } from './core/findings';
import { isTimeZone } from './logs/time';
import { LOG_FORMATS, type LogFormat } from './logs/types';
import { DEFAULT_XEN_VERSION, XEN_VERSIONS, type XenVersion } from './xl/schema/types';

export interface LintSettings {
  xenVersion: XenVersion;
  /** Per-rule severity overrides, by rule id. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: LintSettings = { xenVersion: DEFAULT_XEN_VERSION, rules: {} };

const SEVERITIES = new Set<string>(['off', 'info', 'warning', 'error']);

/** Cleans settings from an untrusted source (an editor's configuration, a command line). */
export function normaliseSettings(raw: unknown): LintSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as { xenVersion?: unknown; rules?: unknown };
  const xenVersion = XEN_VERSIONS.includes(r.xenVersion as XenVersion) ? (r.xenVersion as XenVersion) : DEFAULT_XEN_VERSION;
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
    }
  }
  return { xenVersion, rules };
}

/** `xenops.logs.*`: how log folders are read. */
export interface LogSettings {
  /** IANA zone of logs that print local times without a zone. */
  timezone: string;
  windowMs: number;
  /** Forced formats by glob. */
  formats: Record<string, LogFormat>;
  ignore: string[];
  maxFileBytes: number;
  /** Per-rule overrides of the log rule pack, by rule id. */
  rules: Record<string, SeveritySetting>;
  /** Zones of some files by glob: logs of hosts in other zones. */
  timezones: Record<string, string>;
}

export function normaliseLogSettings(raw: unknown): LogSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const formats: Record<string, LogFormat> = {};
  if (r.formats && typeof r.formats === 'object') {
    for (const [glob, f] of Object.entries(r.formats as Record<string, unknown>)) if (typeof f === 'string' && f in LOG_FORMATS) formats[glob] = f as LogFormat;
  }
  const seconds = typeof r.correlationWindow === 'number' && r.correlationWindow > 0 ? r.correlationWindow : 60;
  const mib = typeof r.maxFileSizeMiB === 'number' && r.maxFileSizeMiB > 0 ? r.maxFileSizeMiB : 4096;
  return {
    timezone: typeof r.timezone === 'string' && isTimeZone(r.timezone) ? r.timezone : 'UTC',
    windowMs: seconds * 1000,
    formats,
    ignore: Array.isArray(r.ignore) ? r.ignore.filter((g): g is string => typeof g === 'string') : [],
    maxFileBytes: mib * 1024 * 1024,
    rules: normaliseSettings({ rules: r.rules }).rules,
    timezones: Object.fromEntries(
      Object.entries(r.timezones && typeof r.timezones === 'object' ? (r.timezones as Record<string, unknown>) : {})
        .filter((e): e is [string, string] => typeof e[1] === 'string' && isTimeZone(e[1])),
    ),
  };
}

/** `xenops.spikes.*`: positive numbers replace the defaults, anything else is ignored. */
export function normaliseSpikeSettings(raw: unknown): SpikeSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_SPIKES };
  for (const key of Object.keys(out) as Array<keyof SpikeSettings>) {
    const v = r[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[key] = v;
  }
  return out;
}
