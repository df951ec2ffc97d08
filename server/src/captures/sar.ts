// sar text output, live (`sar -u 1 3`) or from a data file (`sar -A -f sa15`): one table
// per activity under a time-led header. CPU (-u, -P), disks (-d), I/O totals (-b), memory
// (-r), queue and load (-q) and interfaces (-n DEV) become series; other activities are skipped.
import { parseTimeTable } from './timeTable';
import type { Parsed } from './reading';
import type { CaptureOptions } from './types';

export function parseSar(text: string, opts: CaptureOptions): Parsed {
  return parseTimeTable(text, opts, 'sar');
}
