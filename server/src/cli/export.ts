// `xenops export FOLDER --format md|html|json|csv --out FILE [--incident N] [--force] [options]`
import * as fs from 'node:fs';
import { exportContext } from '../export/context';
import { EXPORT_FORMATS, ExportExists, type ExportFormat, formatOfFile, renderExport, writeExport } from '../export/index';
import { selectIncident } from '../export/select';
import { parseArgs, single, UsageError } from './args';
import { scanWithProgress } from './scan';
import { folderScanOptions, SCAN_FLAGS, SCAN_OPTIONS_HELP } from './scanOptions';

export const EXPORT_USAGE = `usage: xenops export FOLDER --out FILE [--format md|html|json|csv] [--incident N] [--title TEXT] [--force] [options]
Scans FOLDER as 'xenops scan' does and writes the incident timeline: Markdown (tables of failures with
links to the log lines and the resource spikes around them), one self-contained HTML page (charts as
images, no script, no network), JSON (the schema of 'xenops scan --json') or CSV. The format defaults to
the extension of FILE. An existing FILE is only replaced with --force.
  --incident N        only incident N, as 'xenops scan' numbers them (1 = most severe)
${SCAN_OPTIONS_HELP}`;

export async function runExport(argv: string[], stderr: NodeJS.WriteStream): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, { out: true, incident: true, title: true, force: false, ...SCAN_FLAGS });
  const out = single(args, 'out');
  if (!out) throw new UsageError('export needs --out FILE');
  const format = exportFormat(args.flags.get('format'), out);
  // --format is shared with scan's GLOB=FORMAT: the export format is the one without '='
  const scanArgs = { ...args, flags: new Map([...args.flags].map(([k, v]) => [k, k === 'format' ? v.filter((f) => f.includes('=')) : v])) };
  const opts = folderScanOptions(scanArgs, 'export');
  if (!args.flags.has('force') && fs.existsSync(out)) throw new UsageError(`${out} already exists; pass --force to replace it`);
  const incidentText = single(args, 'incident');
  const incident = incidentText === undefined ? undefined : Number(incidentText);
  if (incident !== undefined && !(Number.isInteger(incident) && incident >= 1)) throw new UsageError(`--incident wants an incident number (1, 2, …), got '${incidentText}'`);

  const { timeline, captures } = await scanWithProgress(opts, stderr);
  if (incident !== undefined && incident > timeline.incidents.length) throw new UsageError(`there is no incident ${incident}: the scan found ${timeline.incidents.length}`);
  const chosen = incident === undefined ? timeline : selectIncident(timeline, incident - 1);
  const text = renderExport(format, chosen, captures, exportContext(opts.folder, out, single(args, 'title')));
  try {
    writeExport(out, text, args.flags.has('force'));
  } catch (e) {
    if (e instanceof ExportExists) throw new UsageError(e.message);
    throw e;
  }
  const what = incident === undefined ? `${chosen.incidents.length} incidents, ${chosen.events.length} failures` : `incident ${incident}, ${chosen.events.length} failures`;
  return { output: `wrote ${out} (${format}: ${what}, ${chosen.resources.length} resource spikes)\n`, exitCode: 0 };
}

function exportFormat(given: string[] | undefined, out: string): ExportFormat {
  const named = (given ?? []).filter((f) => !f.includes('='));
  if (named.length > 1) throw new UsageError('--format (md, html, json, csv) given more than once');
  const format = named[0] ?? formatOfFile(out);
  if (!format) throw new UsageError(`say which format to write with --format (${EXPORT_FORMATS.join(', ')}); '${out}' does not tell`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format wants one of ${EXPORT_FORMATS.join(', ')}, got '${format}'`);
  return format as ExportFormat;
}
