// The user's settings that change what the checkers report (`xenops.*`), shared by
// the language server (read from the editor) and the CLI (read from flags).
import type { SeveritySetting } from './core/findings';
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
