// mpstat output has sar's layout; with -T its CORE, SOCK and NODE columns are blank on the
// `all` row, which therefore has three tokens fewer than its header.
import { parseTimeTable } from './timeTable';
import type { Parsed } from './reading';
import type { CaptureOptions } from './types';

export function parseMpstat(text: string, opts: CaptureOptions): Parsed {
  return parseTimeTable(text, opts, 'mpstat', { blankable: ['CORE', 'SOCK', 'NODE'] });
}
