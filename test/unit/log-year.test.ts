// The year of yearless logs: which of the folder's dated sources (other logs' dates,
// machine-check TIME epochs, journal headers, banner-dated captures) it is taken from,
// and the mtime as the last resort.
import * as assert from 'node:assert';
import { chooseYear, datedUtc, mtimeYear, yearSources, type YearlessFile } from '../../server/src/logs/anchors';
import type { Capture } from '../../server/src/captures/types';
import type { FileResult, RawEvent } from '../../server/src/logs/fileScan';
import { headerInstant, type Stamp } from '../../server/src/logs/formats';
import type { LogFormat } from '../../server/src/logs/types';

const wall = (month: number, day: number, h: number, mi = 0, s = 0): Extract<Stamp, { kind: 'wall' }> => ({ kind: 'wall', month, day, h, mi, s, ms: 0 });
const dated = (year: number, month: number, day: number, h = 0): Stamp => ({ kind: 'wall', year, month, day, h, mi: 0, s: 0, ms: 0 });
const utc = (y: number, mo: number, d: number, h = 0) => Date.UTC(y, mo - 1, d, h);

function log(path: string, format: LogFormat, events: Array<Partial<RawEvent> & { line: number }>, extra: Partial<FileResult> = {}): FileResult {
  return {
    path,
    format,
    lines: 10,
    bytes: 100,
    mtimeMs: utc(2024, 3, 5, 12),
    events: events.map((e) => ({ rule: 'r', category: 'disk-io', severity: 'error', message: 'm', ...e })),
    links: [],
    anchors: [],
    ...extra,
  };
}

/** A yearless file from its first and last stamps (in UTC), with `rollovers` New Years between them. */
function yearless(first: Extract<Stamp, { kind: 'wall' }>, last: Extract<Stamp, { kind: 'wall' }>, mtimeMs: number, rollovers = 0): YearlessFile {
  const at = (s: Extract<Stamp, { kind: 'wall' }>, y: number) => Date.UTC(y, s.month - 1, s.day, s.h, s.mi, s.s, s.ms);
  return { mtimeMs, span: (y) => [at(first, y), at(last, y + rollovers)] };
}

const sources = (results: FileResult[]) => yearSources(results, () => 'UTC');

describe('the folder\'s dated sources', () => {
  it('come from full dates, MCE TIME epochs and journal headers, one span per file', () => {
    const s = sources([
      log('xen-console.log', 'xen-console', [{ line: 3, stamp: dated(2024, 3, 5, 10) }], { first: dated(2024, 3, 5, 9) }),
      log('mcelog', 'mcelog', [{ line: 1, epoch: 1709632801 }]),
      log('journal.txt', 'syslog', [{ line: 2, stamp: wall(3, 5, 10) }], { header: headerInstant('-- Journal begins at Tue 2024-03-05 08:00:00 UTC, ends at Tue 2024-03-05 11:00:00 UTC. --') }),
      log('kern.log', 'syslog', [{ line: 1, stamp: wall(3, 5, 10) }]),
      log('dmesg', 'dmesg', [{ line: 1, stamp: { kind: 'uptime', clock: 'kernel', seconds: 5 } }]),
      log('bad.log', 'syslog', [], { skipped: 'no known log format', first: dated(1999, 1, 1) }),
    ]);
    assert.deepStrictEqual(s, [
      { path: 'xen-console.log', min: utc(2024, 3, 5, 9), max: utc(2024, 3, 5, 10) },
      { path: 'mcelog', min: 1709632801000, max: 1709632801000 },
      { path: 'journal.txt', min: utc(2024, 3, 5, 8), max: utc(2024, 3, 5, 8) },
    ]);
  });

  it('include captures dated by their banner, not ones dated by their mtime', () => {
    const capture = (warnings: Capture['warnings']): Capture => ({
      path: 'x', kind: 'iostat', series: [{ metric: 'util', subject: { kind: 'device', name: 'xvda' }, times: [utc(2024, 7, 1, 9), utc(2024, 7, 1, 10)], values: [1, 2], lines: [4, 8] }], warnings,
      // the parser flags a capture it dated from the mtime, and says so in a warning
      ...(warnings.length ? { datedFromMtime: true as const } : {}),
    });
    const s = sources([
      log('iostat.txt', 'app', [], { format: undefined, capture: capture([]) }),
      log('xentop.txt', 'app', [], { format: undefined, capture: capture([{ line: 0, message: 'the capture has times of day but no date: dated so that its last sample falls at or before the file\'s modification time (2026-01-10T00:00:00.000Z)' }]) }),
    ]);
    assert.deepStrictEqual(s, [{ path: 'iostat.txt', min: utc(2024, 7, 1, 9), max: utc(2024, 7, 1, 10) }]);
  });

  it('read wall times in the file\'s zone unless they name their own', () => {
    assert.strictEqual(datedUtc(dated(2024, 7, 1, 12), 'Europe/Berlin'), utc(2024, 7, 1, 10));
    assert.strictEqual(datedUtc({ ...dated(2024, 1, 1, 12), zone: 'EST' } as Stamp, 'Europe/Berlin'), utc(2024, 1, 1, 17));
    assert.strictEqual(datedUtc(wall(7, 1, 12), 'UTC'), undefined);
  });
});

describe('choosing the year of a yearless file', () => {
  const console2024 = log('xen-console.log', 'xen-console', [{ line: 3, stamp: dated(2024, 3, 5, 10) }], { first: dated(2024, 3, 5, 10), last: dated(2024, 3, 5, 10) });
  const xend2012 = log('xend.log.5', 'xend', [{ line: 2, stamp: dated(2012, 6, 30, 13) }], { first: dated(2012, 6, 30, 13), last: dated(2012, 6, 30, 13) });
  const kern = (mtimeMs: number) => yearless(wall(3, 5, 9, 59), wall(3, 5, 10, 0, 3), mtimeMs);

  it('takes the source the lines fall into, not a year between sources years apart', () => {
    const s = sources([console2024, xend2012]);
    assert.strictEqual(chooseYear(kern(utc(2024, 3, 5, 10)), s), 2024);
    assert.strictEqual(chooseYear(kern(utc(2026, 11, 21)), s), 2024, 'copied files: the mtime is the copy\'s');
  });

  it('prefers the source closest to the file\'s mtime when several fit', () => {
    const xendMarch = log('xend.log.5', 'xend', [], { first: dated(2012, 3, 5, 9), last: dated(2012, 3, 5, 11) });
    const s = sources([console2024, xendMarch]);
    assert.strictEqual(chooseYear(kern(utc(2024, 3, 6)), s), 2024);
    assert.strictEqual(chooseYear(kern(utc(2012, 3, 6)), s), 2012, 'lines are not written after their file');
    assert.strictEqual(chooseYear(kern(utc(2030, 1, 1)), s), 2024);
    assert.strictEqual(chooseYear(kern(utc(2000, 1, 1)), s), 2012, 'an mtime before every source is broken: the nearest source still counts');
  });

  it('is dated by a machine check\'s TIME epoch in a sibling log', () => {
    const s = sources([log('kern.log', 'syslog', [{ line: 1, stamp: wall(3, 5, 10, 0, 1), epoch: 1709632801 }])]);
    assert.strictEqual(chooseYear(yearless(wall(3, 5, 10, 0, 5), wall(3, 5, 10, 0, 5), utc(2026, 1, 10)), s), 2024);
  });

  it('is dated by a capture\'s banner beside it', () => {
    const iostat: Capture = { path: 'iostat.txt', kind: 'iostat', series: [{ metric: 'util', subject: { kind: 'device', name: 'xvda' }, times: [utc(2024, 7, 1, 9)], values: [1], lines: [4] }], warnings: [] };
    const s = sources([log('iostat.txt', 'app', [], { format: undefined, capture: iostat })]);
    assert.strictEqual(chooseYear(yearless(wall(7, 1, 9, 0, 5), wall(7, 1, 9, 0, 5), utc(2026, 1, 10)), s), 2024);
  });

  it('crosses a New Year next to a source', () => {
    const s = sources([log('xl.log', 'xl-timestamped', [], { first: { kind: 'instant', ms: utc(2024, 1, 1, 0) } })]);
    assert.strictEqual(chooseYear(yearless(wall(12, 31, 23, 59), wall(12, 31, 23, 59), utc(2026, 1, 1)), s), 2023);
    assert.strictEqual(chooseYear(yearless(wall(12, 31, 23, 0), wall(1, 1, 0, 30), utc(2026, 1, 1), 1), s), 2023, 'the rollover inside the file counts');
  });

  it('falls back to the mtime when no source is within a month', () => {
    assert.strictEqual(chooseYear(kern(utc(2024, 3, 6)), sources([xend2012])), 2024);
    assert.strictEqual(chooseYear(kern(utc(2024, 3, 6)), []), 2024);
    assert.strictEqual(chooseYear(kern(utc(2024, 3, 1)), []), 2023, 'March 5 has not come yet in the mtime\'s year');
  });

  it('counts rollovers back from the mtime', () => {
    assert.strictEqual(mtimeYear(yearless(wall(12, 31, 23, 59), wall(1, 1, 0, 0, 30), utc(2024, 1, 2), 1)), 2023);
    assert.strictEqual(mtimeYear(yearless(wall(11, 1, 0), wall(2, 1, 0), utc(2024, 2, 2), 2)), 2022);
  });
});
