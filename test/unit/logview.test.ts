// The log viewer's pure parts: finding failures by file and line, what is close in time,
// the hover and the CodeLens on a failure line, the merged timeline, window URIs, and the
// scan cache that lets a re-scan reuse the files that did not change.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Incident, Timeline, TimelineEvent } from '../../server/src/logs/correlate';
import { scanFolderWithCaptures } from '../../server/src/logs/scan';
import { ScanCache } from '../../server/src/logs/scanCache';
import { correlatedWith, eventAt, eventsInFile, incidentOf, windowText } from '../../server/src/logview/fileEvents';
import { type HoverContext, logHover } from '../../server/src/logview/hover';
import { failureLenses } from '../../server/src/logview/lenses';
import { renderMerged } from '../../server/src/logview/merged';
import { logLocation, parseWindowUri, windowUri } from '../../server/src/logview/windowUri';

const BASE = Date.UTC(2024, 6, 1, 9, 0, 0);

/** An ISO time `ms` milliseconds after 2024-07-01 09:00:00 UTC. */
function at(ms: number): string {
  return new Date(BASE + ms).toISOString();
}

function ev(e: Partial<TimelineEvent> & { file: string; line: number }): TimelineEvent {
  return { time: null, category: 'disk-io', severity: 'error', message: `failure at ${e.file}:${e.line}`, domain: null, rule: 'kernel-blk-io-error', ...e };
}

function inc(events: number[], summary = 'some failures'): Incident {
  return { start: null, end: null, events, resources: [], summary };
}

function timeline(events: TimelineEvent[], incidents: Incident[] = []): Timeline {
  return { files: [], events, resources: [], incidents };
}

describe('log viewer: failures by file, line and time', () => {
  it('lists the failures of each file in line order, whatever their time order', () => {
    const t = timeline([
      ev({ file: 'kern.log', line: 30, time: at(0) }),
      ev({ file: 'app.log', line: 7, time: at(1000) }),
      ev({ file: 'kern.log', line: 10, time: at(2000) }),
      ev({ file: 'app.log', line: 3, time: at(3000) }),
      ev({ file: 'kern.log', line: 20, time: null }),
    ]);
    assert.deepStrictEqual(eventsInFile(t, 'kern.log').map((l) => [l.index, l.event.line]), [[2, 10], [4, 20], [0, 30]]);
    assert.deepStrictEqual(eventsInFile(t, 'app.log').map((l) => [l.index, l.event.line]), [[3, 3], [1, 7]]);
    assert.deepStrictEqual(eventsInFile(t, 'syslog'), []);
    assert.strictEqual(eventsInFile(t, 'kern.log')[0].event, t.events[2], 'the located event is the timeline\'s own');
  });

  it('finds the failure on a line by binary search, and nothing on lines without one', () => {
    // 200 failures on the even lines 2..400, given in an order unrelated to their lines
    const events = Array.from({ length: 200 }, (_, k) => ev({ file: 'big.log', line: 2 * (((k * 37) % 200) + 1), time: at(k * 1000) }));
    events.push(ev({ file: 'other.log', line: 3, time: at(999999) }));
    const t = timeline(events);
    for (let line = 0; line <= 402; line++) {
      const found = eventAt(t, 'big.log', line);
      if (line >= 2 && line <= 400 && line % 2 === 0) {
        assert.ok(found, `line ${line}`);
        assert.strictEqual(found.event.line, line);
        assert.strictEqual(t.events[found.index], found.event);
      } else {
        assert.strictEqual(found, undefined, `line ${line} holds no failure`);
      }
    }
    assert.strictEqual(eventAt(t, 'big.log', 3), undefined);
    assert.strictEqual(eventAt(t, 'other.log', 2), undefined);
    assert.strictEqual(eventAt(t, 'other.log', 3)?.index, 200);
    assert.strictEqual(eventAt(t, 'missing.log', 2), undefined);
  });

  it('gives the first failure of a line that holds two', () => {
    const t = timeline([
      ev({ file: 'mcelog', line: 1, time: at(0) }),
      ev({ file: 'mcelog', line: 12, time: at(1000), category: 'mce', rule: 'first' }),
      ev({ file: 'mcelog', line: 12, time: at(1000), category: 'memory', rule: 'second' }),
      ev({ file: 'mcelog', line: 13, time: at(2000) }),
    ]);
    assert.strictEqual(eventAt(t, 'mcelog', 12)?.index, 1);
    assert.strictEqual(eventAt(t, 'mcelog', 12)?.event.rule, 'first');
    assert.strictEqual(eventAt(t, 'mcelog', 13)?.index, 3);
    assert.deepStrictEqual(eventsInFile(t, 'mcelog').map((l) => l.index), [0, 1, 2, 3]);
  });

  it('correlates failures within the window, both edges included, in time order, never itself', () => {
    const t = timeline([
      ev({ file: 'a.log', line: 1, time: at(-1) }), // 0: 1 ms too early
      ev({ file: 'a.log', line: 2, time: at(0) }), // 1: exactly 60 s before
      ev({ file: 'b.log', line: 1, time: at(30000) }), // 2
      ev({ file: 'a.log', line: 3, time: at(60000) }), // 3: the one asked about
      ev({ file: 'c.log', line: 1, time: at(60000) }), // 4: at the same instant
      ev({ file: 'b.log', line: 2, time: at(120000) }), // 5: exactly 60 s after
      ev({ file: 'a.log', line: 4, time: at(120001) }), // 6: 1 ms too late
      ev({ file: 'a.log', line: 5, time: null }), // 7: untimed, in the same incident
    ], [inc([0, 1, 2, 3, 4, 5, 6, 7])]);
    assert.deepStrictEqual(correlatedWith(t, 3, 60000), [1, 2, 4, 5]);
    assert.deepStrictEqual(correlatedWith(t, 4, 60000), [1, 2, 3, 5]);
    assert.deepStrictEqual(correlatedWith(t, 0, 60000), [1, 2], 'from the start of the timeline');
    assert.deepStrictEqual(correlatedWith(t, 6, 60000), [5], 'to the last timed event, never the untimed ones');
    assert.deepStrictEqual(correlatedWith(t, 6, 60001), [3, 4, 5]);
    assert.deepStrictEqual(correlatedWith(t, 3, 0), [4], 'a zero window: the same instant only');
    assert.deepStrictEqual(correlatedWith(t, 2, 1000), []);
  });

  it('lets the other failures of its incident stand in for an untimed failure\'s neighbours', () => {
    const t = timeline([
      ev({ file: 'a.log', line: 1, time: at(0) }),
      ev({ file: 'b.log', line: 1, time: at(600000) }),
      ev({ file: 'xl-db01.log', line: 4, time: null, domain: 'db01' }),
      ev({ file: 'xen-hotplug.log', line: 2, time: null }),
      ev({ file: 'xl-db01.log', line: 9, time: null, domain: 'db01' }),
    ], [inc([1]), inc([0, 2, 4])]);
    assert.deepStrictEqual(correlatedWith(t, 2, 60000), [0, 4], 'its incident, not the window');
    assert.deepStrictEqual(correlatedWith(t, 4, 1), [0, 2]);
    assert.deepStrictEqual(correlatedWith(t, 3, 60000), [], 'untimed and in no incident: nothing');
  });

  it('knows the incident of each failure', () => {
    const t = timeline([
      ev({ file: 'a.log', line: 1, time: at(0) }),
      ev({ file: 'a.log', line: 2, time: at(1000) }),
      ev({ file: 'a.log', line: 3, time: at(900000) }),
      ev({ file: 'a.log', line: 4, time: null }),
    ], [inc([2]), inc([0, 1])]);
    assert.deepStrictEqual([0, 1, 2, 3].map((i) => incidentOf(t, i)), [1, 1, 0, undefined]);
    assert.strictEqual(incidentOf(timeline([ev({ file: 'a.log', line: 1 })]), 0), undefined);
  });

  it('says a window as operators do', () => {
    assert.strictEqual(windowText(60000), '60 s');
    assert.strictEqual(windowText(1000), '1 s');
    assert.strictEqual(windowText(1499), '1 s');
    assert.strictEqual(windowText(119000), '119 s');
    assert.strictEqual(windowText(120000), '2 min');
    assert.strictEqual(windowText(150000), '2.5 min');
    assert.strictEqual(windowText(90 * 60000), '90 min');
    assert.strictEqual(windowText(2 * 3600000), '2 h');
    assert.strictEqual(windowText(2.5 * 3600000), '2.5 h');
  });
});

describe('log viewer: the hover on a failure line', () => {
  const MCE_MESSAGE = 'Hardware event. This is not a software error. MCG status:MCIP [uncorrected memory controller error, bank 8, SRAR]';
  const SUMMARY = 'machine check (uncorrected memory controller error, bank 8, SRAR), then disk I/O errors (db01): 4 events in 3 files, over 2 min; preceded by dm-12 at 100 %util for 3 min (7 spikes)';

  function ctx(links: Array<[string, number]> = [], explain: Record<string, string> = {}): HoverContext {
    return {
      windowMs: 60000,
      explain: (rule) => explain[rule],
      link: (file, line) => {
        links.push([file, line]);
        return `LINK/${encodeURIComponent(file)}/${line}`;
      },
    };
  }

  /** The example incident: I/O errors, the machine check that crashed db01, the application losing its database. */
  function incident(): Timeline {
    return timeline([
      ev({ file: 'kern.log', line: 6, time: at(890000), message: 'blk_update_request: I/O error, dev dm-12, sector 4196352' }), // 09:14:50
      ev({ file: 'mcelog', line: 12, time: at(931000), category: 'mce', rule: 'mcelog-uncorrected', message: MCE_MESSAGE, domain: 'db01' }), // 09:15:31
      ev({ file: 'app.log', line: 3, time: at(940000), category: 'app-crash', severity: 'warning', rule: 'db-gone', message: 'lost connection to MySQL server' }), // 09:15:40
      ev({ file: 'kern.log', line: 9, time: at(1020000), message: 'Buffer I/O error on dev dm-12' }), // 09:17:00, 89 s after the machine check
      ev({ file: 'notes.log', line: 1, time: null, category: 'hotplug', rule: 'hotplug-failed', message: 'script failed' }),
    ], [inc([0, 1, 2, 3], SUMMARY), inc([4], 'hotplug script failure: 1 event in 1 file, no timestamps')]);
  }

  it('says what the failure is, when, in which incident, and what its machine check status means', () => {
    const links: Array<[string, number]> = [];
    const h = logHover(incident(), 1, ctx(links, { 'mcelog-uncorrected': 'The CPU could not correct a memory error.' }));
    const lines = h.split('\n');
    assert.strictEqual(lines[0], '**Machine check** · error · `mcelog-uncorrected`');
    assert.strictEqual(lines[2], '2024-07-01 09:15:31 UTC · incident 1 of 2 · domain db01');
    assert.ok(lines.includes('Machine check status: **uncorrected memory controller error, bank 8, SRAR**'), h);
    assert.ok(lines.includes('The CPU could not correct a memory error.'), h);
    assert.ok(lines.includes('Resource context: preceded by dm-12 at 100 %util for 3 min (7 spikes)'), h);
    assert.ok(lines.includes('**2 correlated within 60 s:**'), h);
    const items = lines.filter((l) => l.startsWith('- '));
    assert.deepStrictEqual(items, [
      '- −41 s disk-io [kern.log:6](LINK/kern.log/6) blk\\_update\\_request: I/O error, dev dm-12, sector 4196352',
      '- +9 s app-crash [app.log:3](LINK/app.log/3) lost connection to MySQL server',
    ]);
    assert.deepStrictEqual(links, [['kern.log', 6], ['app.log', 3]], 'links come from the context, one per neighbour');
    assert.ok(!h.includes('kern.log:9'), '89 s away is outside the window');
  });

  it('keeps the time\'s milliseconds, and reads a status only from a machine check', () => {
    const t = timeline([
      ev({ file: 'kern.log', line: 1, time: '2024-07-01T09:00:00.250Z', message: 'odd line [corrected memory controller error, bank 1]' }),
    ]);
    const h = logHover(t, 0, ctx());
    assert.strictEqual(h.split('\n')[0], '**Disk I/O errors** · error · `kernel-blk-io-error`');
    assert.strictEqual(h.split('\n')[2], '2024-07-01 09:00:00.250 UTC', 'no incident, no domain');
    assert.ok(!h.includes('Machine check status'), h);
    assert.ok(!h.includes('Resource context'), h);
    assert.strictEqual(h.split('\n').pop(), 'No other failure within 60 s.');
    const mce = logHover(timeline([ev({ file: 'mcelog', line: 1, time: at(0), category: 'mce', message: 'MCE 0 [corrected memory controller error, bank 1] CPU 3' })]), 0, ctx());
    assert.ok(!mce.includes('Machine check status'), 'the status must end the message');
    const corrected = logHover(timeline([ev({ file: 'mcelog', line: 1, time: at(0), category: 'mce', message: 'MCE 0 [corrected memory read error, bank 1]' })]), 0, ctx());
    assert.ok(corrected.includes('Machine check status: **corrected memory read error, bank 1**'), corrected);
  });

  it('names the incident\'s other failures for an untimed line, without offsets', () => {
    const t = timeline([
      ev({ file: 'xl-db01.log', line: 40, time: at(0), category: 'domain-crash', domain: 'db01', message: 'domain crashed' }),
      ev({ file: 'qemu-dm-db01.log', line: 2, time: null, category: 'domain-create', domain: 'db01', message: 'qemu exited' }),
      ev({ file: 'xen-hotplug.log', line: 5, time: null, category: 'hotplug', message: 'vif script failed' }),
    ], [inc([0, 1], 'domain crash (db01): 2 events in 2 files, within a second; with vif1.0 at 99 runq in one sample')]);
    const h = logHover(t, 1, ctx());
    const lines = h.split('\n');
    assert.strictEqual(lines[2], 'no time could be found for this line · incident 1 of 1 · domain db01');
    assert.ok(lines.includes('Resource context: with vif1.0 at 99 runq in one sample'), h);
    assert.ok(lines.includes('**1 in the same incident:**'), h);
    assert.deepStrictEqual(lines.filter((l) => l.startsWith('- ')), ['- domain-crash [xl-db01.log:40](LINK/xl-db01.log/40) domain crashed']);
    const alone = logHover(t, 2, ctx());
    assert.strictEqual(alone.split('\n')[2], 'no time could be found for this line');
    assert.strictEqual(alone.split('\n').pop(), 'No other failure in its incident.');
  });

  it('lists at most 12 neighbours and counts the rest', () => {
    const events = [ev({ file: 'center.log', line: 1, time: at(0) })];
    for (let k = 1; k <= 20; k++) events.push(ev({ file: `n${k}.log`, line: k, time: at(k * 1000), message: `neighbour ${k}` }));
    const links: Array<[string, number]> = [];
    const h = logHover(timeline(events), 0, ctx(links));
    const lines = h.split('\n');
    assert.ok(lines.includes('**20 correlated within 60 s:**'), h);
    const items = lines.filter((l) => l.startsWith('- '));
    assert.strictEqual(items.length, 13);
    assert.strictEqual(items[0], '- +1 s disk-io [n1.log:1](LINK/n1.log/1) neighbour 1');
    assert.strictEqual(items[11], '- +12 s disk-io [n12.log:12](LINK/n12.log/12) neighbour 12');
    assert.strictEqual(items[12], '- … and 8 more');
    assert.strictEqual(links.length, 12, 'no links are built for the neighbours left out');
    const twelve = logHover(timeline(events.slice(0, 13)), 0, ctx());
    assert.ok(!twelve.includes('more'), 'exactly 12: no "and more" line');
    assert.strictEqual(twelve.split('\n').filter((l) => l.startsWith('- ')).length, 12);
  });

  it('cuts a long neighbour message', () => {
    const t = timeline([ev({ file: 'a.log', line: 1, time: at(0) }), ev({ file: 'b.log', line: 1, time: at(1000), message: 'x'.repeat(300) })]);
    const item = logHover(t, 0, ctx()).split('\n').find((l) => l.startsWith('- '))!;
    assert.ok(item.endsWith(` ${'x'.repeat(119)}…`), item);
    assert.ok(!item.includes('x'.repeat(120)));
  });

  it('lets no log text inject a Markdown link or HTML', () => {
    const hostile = '[click](command:evil) <img src=x onerror=alert(1)> ![i](https://evil/x.png) a\\](command:evil2) `code` *em* | cell | <script>';
    const t = timeline([
      ev({ file: 'a.log', line: 1, time: at(0), category: 'mce', message: 'boom [uncorrected <img src=y> (x)(command:evil) `c` | z]', domain: '<b>db01</b>](command:evil)' }),
      ev({ file: 'b.log', line: 2, time: at(1000), message: hostile }),
      ev({ file: 'x](command:evil).log', line: 3, time: at(2000), message: 'a [link](javascript:alert(1)) here' }),
      ev({ file: 'c.log', line: 4, time: at(3000), message: 'html <a href="command:evil">click</a> &lt;img&gt;' }),
    ], [inc([0, 1, 2, 3], `machine check: 4 events in 4 files, over 3 s; with ${hostile}`)]);
    const h = logHover(t, 0, ctx([], { 'kernel-blk-io-error': `explained ${hostile}` }));
    for (const shown of ['Machine check status:', 'Resource context: with', 'explained', 'b.log:2', 'c.log:4']) assert.ok(h.includes(shown), `${shown} is there:\n${h}`);
    assert.ok(!h.includes('<'), `no raw HTML:\n${h}`);
    assert.ok(h.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the text is still shown, escaped');
    // a character is escaped when an odd number of backslashes precede it
    const unescaped = (i: number) => {
      let n = 0;
      while (i - n - 1 >= 0 && h[i - n - 1] === '\\') n++;
      return n % 2 === 0;
    };
    const openers = [...h.matchAll(/\]\(/g)].filter((m) => unescaped(m.index!)).map((m) => h.slice(m.index!, m.index! + 7));
    assert.deepStrictEqual(openers, ['](LINK/', '](LINK/', '](LINK/'], `only the hover's own links:\n${h}`);
    for (const c of ['[', '`', '*', '|']) {
      const own = c === '[' ? 3 : c === '`' ? 2 : c === '*' ? 12 : 0; // link texts; the rule's code span; bold heading, status, count
      const found = h.split('').filter((ch, i) => ch === c && unescaped(i)).length;
      assert.strictEqual(found, own, `unescaped ${c} in:\n${h}`);
    }
    assert.ok(h.includes('[x\\](command:evil).log:3](LINK/x%5D(command%3Aevil).log/3)'), `a hostile file name is escaped in the link text:\n${h}`);
  });
});

describe('log viewer: CodeLenses on failure lines', () => {
  function t(): Timeline {
    return timeline([
      ev({ file: 'kern.log', line: 5, time: at(0), rule: 'one' }), // 0
      ev({ file: 'kern.log', line: 5, time: at(0), rule: 'two' }), // 1: a second failure on the same line
      ev({ file: 'app.log', line: 2, time: at(10000) }), // 2
      ev({ file: 'kern.log', line: 9, time: at(65000) }), // 3: only app.log:2 within 60 s
      ev({ file: 'kern.log', line: 20, time: at(300000) }), // 4: alone
      ev({ file: 'kern.log', line: 40, time: null }), // 5: untimed, in the incident
      ev({ file: 'kern.log', line: 50, time: null }), // 6: untimed, in no incident
    ], [inc([0, 1, 2, 3, 5]), inc([4])]);
  }

  it('puts one lens on each failure line, with the count of correlated failures', () => {
    const lenses = failureLenses(t(), 'kern.log', 60000);
    assert.deepStrictEqual(lenses.map((l) => [l.line, l.title]), [
      [5, '2 correlated events within 60 s'],
      [9, '1 correlated event within 60 s'],
      [20, 'no correlated events within 60 s'],
      [40, '4 correlated events in its incident'],
      [50, 'no correlated events in its incident'],
    ]);
    assert.deepStrictEqual(lenses[0].related, [{ file: 'kern.log', line: 5 }, { file: 'app.log', line: 2 }]);
    assert.deepStrictEqual(lenses[1].related, [{ file: 'app.log', line: 2 }]);
    assert.deepStrictEqual(lenses[2].related, []);
    assert.deepStrictEqual(lenses[3].related, [{ file: 'kern.log', line: 5 }, { file: 'kern.log', line: 5 }, { file: 'app.log', line: 2 }, { file: 'kern.log', line: 9 }]);
    assert.deepStrictEqual(lenses[4].related, []);
    assert.deepStrictEqual(failureLenses(t(), 'app.log', 60000), [{ line: 2, title: '3 correlated events within 60 s', related: [{ file: 'kern.log', line: 5 }, { file: 'kern.log', line: 5 }, { file: 'kern.log', line: 9 }] }]);
    assert.deepStrictEqual(failureLenses(t(), 'syslog', 60000), []);
  });

  it('says the window in its title', () => {
    assert.deepStrictEqual(failureLenses(t(), 'kern.log', 120000).slice(0, 3).map((l) => l.title), [
      '3 correlated events within 2 min',
      '3 correlated events within 2 min',
      'no correlated events within 2 min',
    ]);
  });

  it('keeps to the lines asked for, both ends included', () => {
    assert.deepStrictEqual(failureLenses(t(), 'kern.log', 60000, { first: 9, last: 40 }).map((l) => l.line), [9, 20, 40]);
    assert.deepStrictEqual(failureLenses(t(), 'kern.log', 60000, { first: 5, last: 5 }).map((l) => l.line), [5]);
    assert.deepStrictEqual(failureLenses(t(), 'kern.log', 60000, { first: 6, last: 8 }), []);
    assert.deepStrictEqual(failureLenses(t(), 'kern.log', 60000, { first: 41, last: 1000 }).map((l) => l.line), [50]);
  });
});

describe('log viewer: the merged timeline', () => {
  function t(): Timeline {
    return timeline([
      ev({ file: 'kern.log', line: 1, time: at(5000), message: 'I/O error, dev dm-3' }), // 0
      ev({ file: 'app.log', line: 2, time: at(8000), category: 'app-crash', domain: 'web05', message: 'Too many connections' }), // 1
      ev({ file: 'xl-dmesg.log', line: 2, time: at(10000), category: 'hypervisor-panic', message: 'Panic on CPU 3:' }), // 2
      ev({ file: 'xl-db01.log', line: 7, time: at(1800000), category: 'domain-crash', domain: 'db01', message: 'domain db01 crashed' }), // 3
      ev({ file: 'kern.log', line: 30, time: at(2700000), category: 'network', message: 'eth0: link down' }), // 4: in no incident
      ev({ file: 'qemu-dm-db01.log', line: 3, time: null, category: 'domain-create', domain: 'db01', message: 'qemu exited' }), // 5
      ev({ file: 'xen-hotplug.log', line: 4, time: null, category: 'hotplug', message: 'vif script failed' }), // 6
    ], [
      inc([3, 5], 'domain crash (db01): 2 events in 2 files, within a second'),
      inc([0, 1, 2], 'disk I/O errors, then service failures, then hypervisor panic: 3 events in 3 files, over 5 s'),
      inc([6], 'hotplug script failure: 1 event in 1 file, no timestamps'),
    ]);
  }

  /** The failure lines of a merged document, as "file:line". */
  function shown(text: string): string[] {
    return text.split('\n').flatMap((l) => /^\S.{18}  \S+ +(\S+:\d+)  /.exec(l)?.[1] ?? []);
  }

  it('lists every failure in time order under the heading of its incident, the untimed ones last', () => {
    const doc = renderMerged(t(), 'logs: merged timeline of 7 failures');
    const lines = doc.text.split('\n');
    assert.strictEqual(lines[0], '# logs: merged timeline of 7 failures');
    assert.match(lines[1], /^# .*in time order/);
    assert.ok(!lines[1].includes('filter:'), lines[1]);
    assert.deepStrictEqual(lines.filter((l) => l.startsWith('## ')), [
      '## Incident 2: disk I/O errors, then service failures, then hypervisor panic: 3 events in 3 files, over 5 s',
      '## Incident 1: domain crash (db01): 2 events in 2 files, within a second',
      '## Not in an incident',
      '## Without a time',
    ]);
    assert.deepStrictEqual(shown(doc.text), ['kern.log:1', 'app.log:2', 'xl-dmesg.log:2', 'xl-db01.log:7', 'kern.log:30', 'qemu-dm-db01.log:3', 'xen-hotplug.log:4']);
    // categories padded to the longest (hypervisor-panic), no milliseconds, '(no time)' as wide as a time
    assert.ok(lines.includes(`2024-07-01 09:00:05  ${'disk-io'.padEnd(16)}  kern.log:1  I/O error, dev dm-3`), doc.text);
    assert.ok(lines.includes(`(no time)${' '.repeat(10)}  ${'hotplug'.padEnd(16)}  xen-hotplug.log:4  vif script failed`), doc.text);
    assert.ok(doc.text.endsWith('vif script failed\n'));
  });

  it('links each failure line to its file and line', () => {
    const doc = renderMerged(t(), 'merged');
    const lines = doc.text.split('\n');
    assert.strictEqual(doc.links.length, 7);
    assert.deepStrictEqual(doc.links.map((l) => `${l.file}:${l.target}`), shown(doc.text));
    for (const link of doc.links) assert.ok(lines[link.line].includes(`  ${link.file}:${link.target}  `), `line ${link.line}: ${lines[link.line]}`);
    // no other line of the document is a failure line
    const linked = new Set(doc.links.map((l) => l.line));
    lines.forEach((l, i) => assert.strictEqual(/:\d+ {2}/.test(l) && !l.startsWith('#'), linked.has(i), `line ${i}: ${l}`));
  });

  it('filters by category and by domain', () => {
    const byCategory = renderMerged(t(), 'merged', { categories: ['disk-io', 'network'] });
    assert.deepStrictEqual(shown(byCategory.text), ['kern.log:1', 'kern.log:30']);
    assert.deepStrictEqual(byCategory.links.map((l) => [l.file, l.target]), [['kern.log', 1], ['kern.log', 30]]);
    assert.strictEqual(byCategory.text.split('\n')[1], '# filter: categories disk-io, network');
    const byDomain = renderMerged(t(), 'merged', { domains: ['db01'] });
    assert.deepStrictEqual(shown(byDomain.text), ['xl-db01.log:7', 'qemu-dm-db01.log:3'], 'untimed failures stay without a time range');
    assert.strictEqual(byDomain.text.split('\n')[1], '# filter: domains db01');
    assert.deepStrictEqual(shown(renderMerged(t(), 'merged', { categories: ['app-crash', 'domain-crash'], domains: ['web05'] }).text), ['app.log:2']);
    assert.strictEqual(shown(renderMerged(t(), 'merged', { categories: [], domains: [] }).text).length, 7, 'empty lists filter nothing');
  });

  it('filters by time range, both ends included, and leaves the untimed failures out', () => {
    const range = renderMerged(t(), 'merged', { since: at(8000), until: at(1800000) });
    assert.deepStrictEqual(shown(range.text), ['app.log:2', 'xl-dmesg.log:2', 'xl-db01.log:7']);
    assert.strictEqual(range.text.split('\n')[1], `# filter: from ${at(8000)}; until ${at(1800000)}`);
    assert.ok(!range.text.includes('Without a time'));
    assert.deepStrictEqual(shown(renderMerged(t(), 'merged', { since: at(8001) }).text), ['xl-dmesg.log:2', 'xl-db01.log:7', 'kern.log:30']);
    assert.deepStrictEqual(shown(renderMerged(t(), 'merged', { until: at(7999) }).text), ['kern.log:1']);
    assert.deepStrictEqual(shown(renderMerged(t(), 'merged', { domains: ['db01'], since: at(0) }).text), ['xl-db01.log:7']);
  });

  it('says when nothing matches', () => {
    const none = renderMerged(t(), 'merged', { categories: ['mce'] });
    assert.deepStrictEqual(none.links, []);
    assert.strictEqual(none.text, '# merged\n# filter: categories mce\n\nNo failure matches the filter.\n');
    assert.ok(renderMerged(timeline([]), 'empty').text.endsWith('\n\nNo failure matches the filter.\n'));
    assert.ok(!renderMerged(t(), 'merged').text.includes('No failure matches'));
  });

  it('keeps each failure on its line whatever control characters its message holds', () => {
    const nasty = 'a\nb\rc\r\nd\u0000e\u001b[31mf\u007fg\u000bh\u000ci\u0008j\tk';
    const doc = renderMerged(timeline([
      ev({ file: 'a.log', line: 1, time: at(0), message: nasty }),
      ev({ file: 'b.log', line: 2, time: at(1000), message: '\n## Incident 9: forged\n2024-07-01 09:00:00  mce  forged.log:1  x' }),
      ev({ file: 'c.log', line: 3, time: null, message: nasty }),
    ], [inc([0, 1], 'summary\nwith a newline\r\nand more')]), 'merged');
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f]/.test(doc.text), JSON.stringify(doc.text));
    const lines = doc.text.split(/\r\n|\r|\n/);
    assert.deepStrictEqual(lines, doc.text.split('\n'));
    assert.deepStrictEqual(lines.filter((l) => l.startsWith('## ')), ['## Incident 1: summary with a newline and more', '## Without a time']);
    assert.ok(lines[doc.links[0].line].endsWith('  a.log:1  a b c d e [31mf g h i j k'), lines[doc.links[0].line]);
    assert.ok(lines[doc.links[1].line].includes('  b.log:2   ## Incident 9: forged 2024-07-01'), lines[doc.links[1].line]);
    assert.ok(lines[doc.links[2].line].endsWith('  c.log:3  a b c d e [31mf g h i j k'));
    assert.strictEqual(lines.length, 10, JSON.stringify(lines));
  });
});

describe('log viewer: window URIs', () => {
  const paths = [
    '/var/log/xen/kern.log',
    '/tmp/my logs/kern log.1',
    '/srv/logs/#1/a#b.log',
    '/srv/100%/x%20y%2Fz.log',
    '/srv/журнал/日本語 ✓ 🚀.log',
    '/srv/a?b/c&d=e;f,g+h.log',
  ];

  it('round-trips any path, with the query last', () => {
    for (const file of paths) {
      const w = { file, first: 1001, count: 2000 };
      const uri = windowUri(w);
      assert.ok(uri.startsWith('xenops-log:///'), uri);
      assert.ok(uri.endsWith('?first=1001&count=2000'), uri);
      assert.strictEqual(uri.indexOf('?'), uri.lastIndexOf('?'), `the path's '?' is escaped: ${uri}`);
      assert.ok(!/[ #\u0080-\uffff]/.test(uri), `escaped: ${uri}`);
      assert.deepStrictEqual(parseWindowUri(uri), w, uri);
    }
  });

  it('reads a query whose = and & arrive percent-encoded', () => {
    assert.deepStrictEqual(parseWindowUri('xenops-log:///var/log/big.log?first%3D10%26count%3D20'), { file: '/var/log/big.log', first: 10, count: 20 });
    for (const file of paths) {
      // what VS Code's Uri.toString() sends back: the path escaped again, '=' and '&' encoded
      const uri = windowUri({ file, first: 7, count: 3 }).replace('?first=7&count=3', '?first%3D7%26count%3D3');
      assert.deepStrictEqual(parseWindowUri(uri), { file, first: 7, count: 3 }, uri);
    }
  });

  it('rejects what is not a window', () => {
    const bad = [
      'file:///var/log/big.log?first=1&count=2',
      'untitled:Untitled-1',
      'xenops-logs:///var/log/big.log?first=1&count=2',
      'xenops-log:///var/log/big.log',
      'xenops-log:///var/log/big.log?first=0&count=20',
      'xenops-log:///var/log/big.log?first=-5&count=20',
      'xenops-log:///var/log/big.log?first=1.5&count=20',
      'xenops-log:///var/log/big.log?first=abc&count=20',
      'xenops-log:///var/log/big.log?first=10',
      'xenops-log:///var/log/big.log?first=10&count=',
      'xenops-log:///var/log/big.log?first=10&count=0',
      'xenops-log:///var/log/big.log?count=20',
    ];
    for (const uri of bad) assert.strictEqual(parseWindowUri(uri), undefined, uri);
  });

  it('rejects a malformed window URI instead of throwing', () => {
    const malformed = [
      'xenops-log:///var/log/big.log?first=1&count=2%', // a dangling escape
      'xenops-log:///var/log/big.log?first=1&count=2&x=%zz',
      'xenops-log://fileserver/var/log/big.log?first=1&count=2', // a host: no local file
      'xenops-log:///var/log/a%2Fb.log?first=1&count=2', // an encoded '/'
    ];
    for (const uri of malformed) {
      assert.doesNotThrow(() => parseWindowUri(uri), uri);
      assert.strictEqual(parseWindowUri(uri), undefined, uri);
      assert.strictEqual(logLocation(uri, 0), undefined, uri);
    }
    assert.doesNotThrow(() => logLocation('file://fileserver/share/kern.log', 0));
    assert.strictEqual(logLocation('file://fileserver/share/kern.log', 0), undefined);
  });

  it('maps a document line to its file line, for a file and for a window', () => {
    assert.deepStrictEqual(logLocation('file:///var/log/kern.log', 0), { file: '/var/log/kern.log', line: 1 });
    assert.deepStrictEqual(logLocation('file:///var/log/my%20logs/kern%23.log', 41), { file: '/var/log/my logs/kern#.log', line: 42 });
    const file = '/srv/журнал/big log#1.log';
    assert.deepStrictEqual(logLocation(windowUri({ file, first: 1001, count: 2000 }), 0), { file, line: 1001 });
    assert.deepStrictEqual(logLocation(windowUri({ file, first: 1001, count: 2000 }), 1999), { file, line: 3000 });
    assert.deepStrictEqual(logLocation('xenops-log:///var/log/big.log?first%3D5%26count%3D10', 2), { file: '/var/log/big.log', line: 7 });
    assert.strictEqual(logLocation('untitled:Untitled-1', 0), undefined);
    assert.strictEqual(logLocation('xenops-merged:/logs', 0), undefined);
  });
});

describe('log viewer: re-scans reuse the files that did not change', function () {
  this.timeout(60000);
  /** 2024-07-01 09:00:30 UTC, in whole seconds so that stat gives it back exactly. */
  const MTIME = BASE / 1000 + 30;
  const APP = '2024-07-01 09:00:07 +0000 DEBUG: pool stats\n2024-07-01 09:00:08 +0000 ERROR: SQLSTATE[HY000] [1040] Too many connections\n';
  const KERN =
    'Jul  1 09:00:05 xen01 kernel: [  105.000000] blk_update_request: I/O error, dev dm-3, sector 1234 op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0\n' +
    'Jul  1 09:00:06 xen01 kernel: [  106.000000] Out of memory: Killed process 4711 (qemu-system-i38) total-vm:123kB\n';
  const OLD = 'Jul  1 08:59:55 xen01 kernel: [   95.000000] Buffer I/O error on dev dm-3, logical block 12, lost async page write\n';
  const CONSOLE = '(XEN) [2024-07-01 09:00:00.000] Xen version 4.17\n(XEN) [2024-07-01 09:00:10.000] Panic on CPU 3:\n(XEN) [2024-07-01 09:00:10.000] Xen BUG at mm.c:1234\n';
  let dir: string;

  const file = (name: string) => path.join(dir, name);
  /** Writes a file with the fixed mtime: rewritten at the same size, it looks unchanged. */
  const write = (name: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(file(name)), { recursive: true });
    fs.writeFileSync(file(name), text);
    fs.utimesSync(file(name), MTIME, MTIME);
  };
  const scan = (cache?: ScanCache, extra: { ruleOverrides?: Record<string, 'off' | 'error' | 'warning' | 'info'>; zone?: string; zones?: Record<string, string> } = {}) =>
    scanFolderWithCaptures({ folder: dir, workers: 1, cache, ...extra }).then((r) => r.timeline);
  const summary = (t: Timeline) => t.events.map((e) => `${e.file}:${e.line} ${e.time} ${e.rule} ${e.severity}`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-logview-'));
    write('app.log', APP);
    write('kern.log', KERN);
    write('xen/xl-dmesg.log', CONSOLE);
  });
  afterEach(() => {
    for (const name of ['app.log', 'kern.log', 'old/kern.log.1.gz']) if (fs.existsSync(file(name))) fs.chmodSync(file(name), 0o644);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scans the test folder as expected', async () => {
    const t = await scan(new ScanCache());
    assert.deepStrictEqual(summary(t), [
      'kern.log:1 2024-07-01T09:00:05.000Z kernel-blk-io-error error',
      'kern.log:2 2024-07-01T09:00:06.000Z kernel-oom-kill error',
      'app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections error',
      'xen/xl-dmesg.log:2 2024-07-01T09:00:10.000Z xen-panic error',
    ]);
  });

  it('gives the old results of a file whose size and mtime did not change', async () => {
    const cache = new ScanCache();
    const first = await scan(cache);
    assert.strictEqual(cache.size, 3);
    // the same size and mtime, another time in the line: only a re-read would see it
    write('app.log', APP.replace('09:00:08', '09:00:09'));
    assert.strictEqual(fs.statSync(file('app.log')).size, Buffer.byteLength(APP));
    const second = await scan(cache);
    assert.deepStrictEqual(second, first, 'the cached results, correlated again, give the same timeline');
    assert.ok(summary(second).includes('app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections error'));
    const fresh = await scan(new ScanCache());
    assert.ok(summary(fresh).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'), 'a new cache reads the file');
  });

  it('does not read an unchanged file again (it may have become unreadable)', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads a file whatever its mode
    const cache = new ScanCache();
    const first = await scan(cache);
    fs.chmodSync(file('app.log'), 0o000);
    const second = await scan(cache);
    assert.deepStrictEqual(second, first);
    const uncached = await scan(new ScanCache());
    assert.ok(!summary(uncached).some((s) => s.startsWith('app.log')), 'read again, the file gives nothing');
  });

  it('tries a file it could not read again, once it can', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads a file whatever its mode
    const cache = new ScanCache();
    write('old/kern.log.1.gz', gzipSync(OLD));
    for (const name of ['app.log', 'old/kern.log.1.gz']) fs.chmodSync(file(name), 0o000);
    const first = await scan(cache);
    for (const name of ['app.log', 'old/kern.log.1.gz']) assert.match(first.files.find((f) => f.path === name)?.skipped ?? '', /permission denied|EACCES/, name);
    for (const name of ['app.log', 'old/kern.log.1.gz']) fs.chmodSync(file(name), 0o644); // size and mtime unchanged
    const second = await scan(cache);
    for (const name of ['app.log', 'old/kern.log.1.gz']) assert.strictEqual(second.files.find((f) => f.path === name)?.skipped, undefined, `${name} is read again, not the cached failure`);
    assert.ok(summary(second).includes('app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections error'));
    assert.ok(second.events.some((e) => e.file === 'old/kern.log.1.gz' && e.category === 'disk-io'));
  });

  it('reads a grown file again, and only that one', async () => {
    const cache = new ScanCache();
    await scan(cache);
    write('app.log', APP.replace('09:00:08', '09:00:09')); // same size and mtime: stays cached
    fs.appendFileSync(file('kern.log'), 'Jul  1 09:00:20 xen01 kernel: [  120.000000] Buffer I/O error on dev dm-3, logical block 12, lost async page write\n');
    fs.utimesSync(file('kern.log'), MTIME, MTIME); // only its size tells
    const t = await scan(cache);
    assert.deepStrictEqual(summary(t), [
      'kern.log:1 2024-07-01T09:00:05.000Z kernel-blk-io-error error',
      'kern.log:2 2024-07-01T09:00:06.000Z kernel-oom-kill error',
      'app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections error',
      'xen/xl-dmesg.log:2 2024-07-01T09:00:10.000Z xen-panic error',
      `kern.log:3 2024-07-01T09:00:20.000Z ${t.events[4].rule} error`,
    ]);
    assert.strictEqual(t.events[4].category, 'disk-io');
    assert.strictEqual(t.files.find((f) => f.path === 'kern.log')?.lines, 3);
  });

  it('forgets a deleted file', async () => {
    const cache = new ScanCache();
    await scan(cache);
    fs.rmSync(file('kern.log'));
    const t = await scan(cache);
    assert.deepStrictEqual(t.files.map((f) => f.path), ['app.log', 'xen/xl-dmesg.log']);
    assert.ok(!t.events.some((e) => e.file === 'kern.log'));
    assert.strictEqual(cache.size, 2);
    // back, with the very same size and mtime: read again, not resurrected from the cache
    write('kern.log', KERN.replace('09:00:06', '09:00:07'));
    assert.ok(summary(await scan(cache)).includes('kern.log:2 2024-07-01T09:00:07.000Z kernel-oom-kill error'));
  });

  it('reads everything again when the folder\'s rule pack changes', async () => {
    write('backup.log', '2024-07-01 09:00:30 +0000 INFO: backup job failed: disk full\n');
    const cache = new ScanCache();
    const before = await scan(cache);
    assert.ok(!before.events.some((e) => e.file === 'backup.log'));
    write('app.log', APP.replace('09:00:08', '09:00:09')); // looks unchanged
    write('.xenops/rules.yaml', "rules:\n  - id: custom-backup\n    category: app-crash\n    severity: error\n    literals: ['backup job failed']\n    samples: ['backup job failed: disk full']\n");
    const after = await scan(cache);
    assert.ok(after.events.some((e) => e.file === 'backup.log' && e.rule === 'custom-backup'), summary(after).join('\n'));
    assert.ok(summary(after).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'), 'the unchanged-looking file was read again');
    // unchanged pack: cached again; a changed pack (here: one severity) reads again
    write('app.log', APP.replace('09:00:08', '09:00:10'));
    assert.ok(summary(await scan(cache)).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'));
    write('.xenops/rules.yaml', fs.readFileSync(file('.xenops/rules.yaml'), 'utf8').replace('severity: error', 'severity: info'));
    const changed = await scan(cache);
    assert.ok(changed.events.some((e) => e.rule === 'custom-backup' && e.severity === 'info'));
    assert.ok(summary(changed).includes('app.log:2 2024-07-01T09:00:10.000Z db-too-many-connections error'));
    fs.rmSync(file('.xenops'), { recursive: true });
    const without = await scan(cache);
    assert.ok(!without.events.some((e) => e.rule === 'custom-backup'), 'the pack is gone: its events too');
  });

  it('reads a file again when its zone changes', async () => {
    const cache = new ScanCache();
    await scan(cache);
    write('app.log', APP.replace('09:00:08', '09:00:09')); // looks unchanged
    const berlin = await scan(cache, { zones: { 'app.log': 'Europe/Berlin' } });
    assert.ok(summary(berlin).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'), 'read again under its new zone');
    assert.ok(summary(berlin).includes('kern.log:1 2024-07-01T09:00:05.000Z kernel-blk-io-error error'), 'the other files keep theirs');
    write('app.log', APP.replace('09:00:08', '09:00:10'));
    assert.ok(summary(await scan(cache, { zones: { 'app.log': 'Europe/Berlin' } })).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'), 'the same zone: cached');
    const kern = await scan(cache, { zone: 'Europe/Berlin' });
    assert.ok(summary(kern).includes('kern.log:1 2024-07-01T07:00:05.000Z kernel-blk-io-error error'), 'syslog local times read in the new zone');
    assert.ok(summary(kern).includes('app.log:2 2024-07-01T09:00:09.000Z db-too-many-connections error'), 'the same zone, by default now instead of by glob: cached');
    assert.ok(summary(await scan(cache)).includes('app.log:2 2024-07-01T09:00:10.000Z db-too-many-connections error'), 'no zone again: read again');
  });

  it('applies rule overrides to the scan, never to what the cache keeps', async () => {
    const cache = new ScanCache();
    const original = await scan(cache);
    const overridden = await scan(cache, { ruleOverrides: { 'kernel-oom-kill': 'off', 'db-too-many-connections': 'warning' } });
    assert.deepStrictEqual(summary(overridden), [
      'kern.log:1 2024-07-01T09:00:05.000Z kernel-blk-io-error error',
      'app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections warning',
      'xen/xl-dmesg.log:2 2024-07-01T09:00:10.000Z xen-panic error',
    ]);
    // the files now differ unseen: the next scan can only come from the cache
    write('app.log', APP.replace('09:00:08', '09:00:09'));
    write('kern.log', KERN.replace('09:00:06', '09:00:07'));
    const again = await scan(cache);
    assert.deepStrictEqual(again, original, 'the original severities and events, from the cache');
    const off = await scan(cache, { ruleOverrides: { 'xen-panic': 'off', 'kernel-blk-io-error': 'info' } });
    assert.deepStrictEqual(summary(off), [
      'kern.log:1 2024-07-01T09:00:05.000Z kernel-blk-io-error info',
      'kern.log:2 2024-07-01T09:00:06.000Z kernel-oom-kill error',
      'app.log:2 2024-07-01T09:00:08.000Z db-too-many-connections error',
    ]);
    assert.deepStrictEqual(await scan(cache, { ruleOverrides: {} }), original);
  });
});
