// A deterministic Xen host log folder of a given size for the scan benchmark:
// hypervisor console, kernel log, syslog, per-domain xl logs, qemu-dm, mcelog,
// an application log, a rotated and a gzipped file — mostly routine lines with
// failures sprinkled in, as on a busy host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Random } from '../test/reference/generate';

const START = Date.UTC(2024, 6, 1, 0, 0, 0);
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function syslogStamp(ms: number): string {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
}

type Line = (r: Random, ms: number, i: number) => string;

interface FileSpec {
  name: string;
  share: number;
  routine: Line[];
  failures: Line[];
  /** One failure per this many lines. */
  every: number;
  gzip?: boolean;
}

const host = 'xen01';
const FILES: FileSpec[] = [
  {
    name: 'xen/xl-dmesg.log', share: 0.12, every: 20000,
    routine: [
      (r, ms) => `(XEN) [${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}] d${r.int(40)}v${r.int(4)} HVM restore: CPU ${r.int(4)}`,
      (r, ms) => `(XEN) [${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}] grant_table.c:${r.int(900)}:d0v${r.int(8)} Expanding d${r.int(40)} grant table from ${r.int(30)} to ${r.int(30) + 30} frames`,
    ],
    failures: [
      (r, ms) => `(XEN) [${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}] CPU${r.int(8)}: Machine Check Exception: 0000000000000005`,
      (r, ms) => `(XEN) [${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}] Bank ${r.int(8)}: d400008000040150 at    182c480179cf0`,
    ],
  },
  {
    name: 'kern.log', share: 0.3, every: 15000,
    routine: [
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] xenbr0: port ${r.int(40)}(vif${r.int(40)}.0) entered forwarding state`,
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] device vif${r.int(40)}.0 entered promiscuous mode`,
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] xen-blkback: backend/vbd/${r.int(40)}/51712: using 4 queues, protocol 1 (x86_64-abi) persistent grants`,
    ],
    failures: [
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] blk_update_request: I/O error, dev dm-${r.int(9)}, sector ${r.int(1e9)} op 0x1:(WRITE) flags 0x800 phys_seg 32 prio class 0`,
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] watchdog: BUG: soft lockup - CPU#${r.int(8)} stuck for 23s! [kworker/${r.int(8)}:1:${r.int(9999)}]`,
      (r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000 + 100).toFixed(6)}] INFO: task jbd2/dm-${r.int(9)}-8:${r.int(9999)} blocked for more than 120 seconds.`,
    ],
  },
  {
    name: 'syslog', share: 0.28, every: 25000,
    routine: [
      (r, ms) => `${syslogStamp(ms)} ${host} systemd[1]: Started Session ${r.int(99999)} of user root.`,
      (r, ms) => `${syslogStamp(ms)} ${host} sshd[${r.int(99999)}]: Accepted publickey for root from 192.0.2.${r.int(250)} port ${r.int(60000)} ssh2: RSA SHA256:abcdef`,
      (r, ms) => `${syslogStamp(ms)} ${host} CRON[${r.int(99999)}]: (root) CMD (/usr/lib/xen/bin/xenstore-ls > /dev/null)`,
    ],
    failures: [
      (r, ms) => `${syslogStamp(ms)} ${host} root: /etc/xen/scripts/block: Device /dev/vg0/web${r.int(40)} is mounted in a guest domain, and so cannot be mounted now.`,
      (r, ms) => `${syslogStamp(ms)} ${host} sanlock[${r.int(9999)}]: ${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} ${r.int(99999)} [${r.int(9999)}]: s1 delta_renew read timeout 10 sec offset 0 /dev/mapper/vg0-lvmlock`,
    ],
  },
  {
    name: 'app/web.log', share: 0.22, every: 30000,
    routine: [
      (r, ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 INFO: GET /api/v1/items/${r.int(1e6)} 200 ${r.int(900)}ms`,
      (r, ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 DEBUG: cache hit ratio ${r.int(100)}%`,
    ],
    failures: [
      (_r, ms) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 ERROR: SQLSTATE[HY000] [1040] Too many connections`,
    ],
  },
  {
    name: 'kern.log.1', share: 0.05, every: 20000,
    routine: [(r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000).toFixed(6)}] xenbr0: port ${r.int(40)}(vif${r.int(40)}.0) entered disabled state`],
    failures: [(r, ms) => `${syslogStamp(ms)} ${host} kernel: [${(ms / 1000 - START / 1000).toFixed(6)}] Out of memory: Killed process ${r.int(99999)} (qemu-system-i38) total-vm:2048000kB`],
  },
  {
    name: 'syslog.2.gz', share: 0.03, every: 20000, gzip: true,
    routine: [(r, ms) => `${syslogStamp(ms)} ${host} systemd[1]: Started Session ${r.int(99999)} of user root.`],
    failures: [(r, ms) => `${syslogStamp(ms)} ${host} kernel: [${r.int(99999)}.000000] mce: [Hardware Error]: Machine check events logged`],
  },
];

/** Writes the folder (about `totalBytes`) and returns its file names. */
export function writeLogFolder(dir: string, totalBytes: number, seed = 1): string[] {
  const r = new Random(seed);
  const names: string[] = [];
  for (const spec of FILES) {
    const file = path.join(dir, spec.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const target = totalBytes * spec.share;
    const fd = spec.gzip ? undefined : fs.openSync(file, 'w');
    const parts: string[] = [];
    let written = 0;
    let pending: string[] = [];
    let pendingBytes = 0;
    let ms = START;
    for (let i = 0; written + pendingBytes < target; i++) {
      ms += r.int(200);
      const line = i % spec.every === spec.every - 1 ? r.pick(spec.failures)(r, ms, i) : r.pick(spec.routine)(r, ms, i);
      pending.push(line);
      pendingBytes += line.length + 1;
      if (pendingBytes > 4 * 1024 * 1024) {
        const text = pending.join('\n') + '\n';
        if (fd !== undefined) fs.writeSync(fd, text);
        else parts.push(text);
        written += pendingBytes;
        pending = [];
        pendingBytes = 0;
      }
    }
    const rest = pending.length ? pending.join('\n') + '\n' : '';
    if (fd !== undefined) {
      fs.writeSync(fd, rest);
      fs.closeSync(fd);
    } else fs.writeFileSync(file, gzipSync(parts.join('') + rest));
    names.push(spec.name);
  }
  // per-domain logs without timestamps, as /var/log/xen has them
  for (let d = 0; d < 20; d++) {
    fs.mkdirSync(path.join(dir, 'xen'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'xen', `xl-web${d}.log`), `Waiting for domain web${d} (domid ${d + 1}) to die [pid ${4000 + d}]\n${d === 7 ? `Domain ${d + 1} has shut down, reason code 3 0x3\nAction for shutdown reason code 3 is destroy\nDomain ${d + 1} needs to be cleaned up: destroying the domain\n` : ''}`);
    names.push(`xen/xl-web${d}.log`);
  }
  return names;
}
