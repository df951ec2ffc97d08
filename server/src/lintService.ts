// Which checker a file gets, and the single-file analysis, shared by the language
// server and the CLI.
import { type HostConfigKind, hostConfigKind } from './lvm/detect';
import type { LintSettings } from './settings';
import { isDomainConfigName, looksLikeDomainConfig } from './xl/detect';
import { lintXl, type XlAnalysis } from './xl/lint';

export type FileKind = 'xen-cfg' | HostConfigKind;

/** The checker for a file, from its name and content; undefined when xenops has none. */
export function fileKind(path: string, text: string): FileKind | undefined {
  if (isDomainConfigName(path)) return 'xen-cfg';
  const host = hostConfigKind(path);
  if (host) return host;
  if (/\.cfg$/.test(path) && looksLikeDomainConfig(text)) return 'xen-cfg';
  return undefined;
}

export function analyseXl(text: string, filename: string, settings: LintSettings): XlAnalysis {
  return lintXl(text, { version: settings.xenVersion, filename });
}
