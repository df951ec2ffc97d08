// sadf -d and -p: dated rows whose zone token is exact for UTC and read in the configured
// zone for the standard-time abbreviations sadf prints all year.
import * as assert from 'node:assert';
import { find, iso, parse, points, subjects } from './captures-helpers';

const cpuTable = (stamp: string) =>
  [
    '# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle',
    `SYSSTAT.TEST;31;2019-04-18 ${stamp};-1;2.15;12.50;2.36;0.12;0.00;82.88`,
    `SYSSTAT.TEST;31;2019-04-18 ${stamp};0;2.71;0.03;3.12;0.00;0.00;94.14`,
  ].join('\n');

describe('captures: sadf -d', () => {
  it('reads UTC rows exactly; CPU -1 is all', () => {
    const c = parse(cpuTable('13:20:19 UTC'), { zone: 'Asia/Tokyo' }, 'sa18.csv');
    assert.strictEqual(c.kind, 'sadf-d');
    assert.strictEqual(c.host, 'SYSSTAT.TEST');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'user', 'all', 'cpu'), [[iso(2019, 4, 18, 13, 20, 19), 2.15]]);
    assert.deepStrictEqual(points(c, 'system', '0', 'cpu'), [[iso(2019, 4, 18, 13, 20, 19), 3.12]]);
  });

  it('reads EST in America/New_York as that zone says (summer time in April), without a warning', () => {
    const c = parse(cpuTable('09:20:19 EST'), { zone: 'America/New_York' }, 'sa18.csv');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'user', 'all').map((p) => p[0]), [iso(2019, 4, 18, 13, 20, 19)]);
  });

  it('reads CET in Europe/Paris the same way', () => {
    const c = parse(cpuTable('15:20:19 CET'), { zone: 'Europe/Paris' }, 'sa18.csv');
    assert.deepStrictEqual(c.warnings, []);
    assert.deepStrictEqual(points(c, 'user', 'all').map((p) => p[0]), [iso(2019, 4, 18, 13, 20, 19)]);
  });

  it('reads an abbreviation foreign to the configured zone in that zone, with one warning', () => {
    const c = parse(`${cpuTable('09:20:19 EST')}\nSYSSTAT.TEST;31;2019-04-18 09:20:29 EST;-1;2.28;0.00;1.93;0.48;0.00;95.31`, { zone: 'UTC' }, 'sa18.csv');
    assert.deepStrictEqual(points(c, 'user', 'all').map((p) => p[0]), [iso(2019, 4, 18, 9, 20, 19), iso(2019, 4, 18, 9, 20, 29)]);
    assert.deepStrictEqual(c.warnings.map((w) => w.line), [2]);
    assert.match(c.warnings[0].message, /EST is not one of UTC's/);
  });

  it('reads epoch stamps (-U), disks and interfaces, and skips restart records', () => {
    const text = [
      '# hostname;interval;timestamp;DEV;tps;rkB/s;wkB/s;dkB/s;areq-sz;aqu-sz;await;%util',
      'xen01;10;1718236800;dev8-0;10,00;40,00;80,00;0,00;12,00;0,50;5,00;25,00',
      'xen01;10;1718236810;dev8-0;0,00;0,00;0,00;0,00;0,00;0,00;0,00;0,00',
      'xen01;-1;1718236815;LINUX-RESTART\t(4 CPU)',
      '# hostname;interval;timestamp;IFACE;rxpck/s;txpck/s;rxkB/s;txkB/s;rxcmp/s;txcmp/s;rxmcst/s;%ifutil',
      'xen01;10;1718236820;vif1.0;1,00;2,00;3,00;4,00;0,00;0,00;0,00;0,50',
      'xen01;10;1718236820;vif1.0;1,00',
    ].join('\n');
    const c = parse(text, {}, 'sa.csv');
    assert.deepStrictEqual(points(c, 'util', 'dev8-0', 'device'), [[iso(2024, 6, 13, 0, 0, 0), 25], [iso(2024, 6, 13, 0, 0, 10), 0]]);
    assert.deepStrictEqual(find(c, 'await', 'dev8-0').values, [5, 0]);
    assert.deepStrictEqual(points(c, 'txkB/s', 'vif1.0', 'interface'), [[iso(2024, 6, 13, 0, 0, 20), 4]]);
    assert.deepStrictEqual(c.warnings.map((w) => [w.line, w.message.replace(/ \(.*/, '')]), [[7, 'row does not match its header']]);
  });
});

describe('captures: sadf -p', () => {
  it('reads one value per line into CPU, disk, interface and host series', () => {
    const rows = [
      ['all', '%usr', '2.15'],
      ['cpu0', '%usr', '2.71'],
      ['-', 'tps', '20.85'],
      ['-', 'bread/s', '57.43'],
      ['sda', 'tps', '9.00'],
      ['sda', '%util', '12.50'],
      ['eth0', 'rxkB/s', '0.31'],
      ['-', 'runq-sz', '3'],
      ['-', '%memused', '46.11'],
      ['-', 'kbmemfree', '1437740'],
      ['-', 'proc/s', '3.56'],
    ];
    const text = [
      ...rows.map(([d, f, v]) => `SYSSTAT.TEST\t31\t2019-04-18 13:20:19 UTC\t${d}\t${f}\t${v}`),
      'SYSSTAT.TEST\t-1\t2019-04-18 13:37:29 UTC\tLINUX-RESTART\t(9 CPU)',
      'SYSSTAT.TEST\t31\t2019-04-18 13:54:35 UTC\tsda\t%util\t100.00',
      'SYSSTAT.TEST\t31\t2019-04-18 13:54:35 UTC\tsda\t%util',
    ].join('\n');
    const c = parse(text, {}, 'sadf-p.txt');
    assert.strictEqual(c.kind, 'sadf-p');
    const t = iso(2019, 4, 18, 13, 20, 19);
    assert.deepStrictEqual(points(c, 'user', 'all', 'cpu'), [[t, 2.15]]);
    assert.deepStrictEqual(points(c, 'user', '0', 'cpu'), [[t, 2.71]]);
    assert.deepStrictEqual(points(c, 'tps', 'host', 'host'), [[t, 20.85]]);
    assert.deepStrictEqual(points(c, 'rkB/s', 'host', 'host'), [[t, 28.715]]);
    assert.deepStrictEqual(points(c, 'tps', 'sda', 'device'), [[t, 9]]);
    assert.deepStrictEqual(points(c, 'util', 'sda'), [[t, 12.5], [iso(2019, 4, 18, 13, 54, 35), 100]]);
    assert.deepStrictEqual(points(c, 'rxkB/s', 'eth0', 'interface'), [[t, 0.31]]);
    assert.deepStrictEqual(find(c, 'runq', 'host').values, [3]);
    assert.deepStrictEqual(find(c, 'memused%', 'host').values, [46.11]);
    assert.deepStrictEqual(find(c, 'memfree', 'host').values, [1437740]);
    assert.deepStrictEqual(subjects(c, 'device'), ['sda']);
    assert.deepStrictEqual(c.warnings.map((w) => w.line), [14]);
    assert.deepStrictEqual(find(c, 'util', 'sda').lines, [6, 13]);
  });
});
