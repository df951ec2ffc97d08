// Whether an editor should open a file as a Xen host log (language `xen-log`). Names
// decide for the files a host writes under /var/log; anything else must read like a
// log or capture the scanner knows, so the editor and `xenops scan` agree on what a
// log is. The scanner's detectors settle for one fitting line, which suits a folder
// of logs but not an arbitrary text file being opened, hence the extra checks here.
import { detectCapture } from '../captures/index';
import { cleanLine, detectFormat, formatDef } from './formats';

/** logrotate's suffixes: kern.log.1, syslog.2.gz, messages-20240301. */
const ROTATED = String.raw`(?:[.-]\d+)*(?:\.gz)?`;

const LOG_NAME = new RegExp(
  String.raw`^(?:xl-.+\.log|qemu-dm-.+\.log|xen.*\.log|hypervisor\.log|kern\.log|mcelog|syslog|messages` +
    // dmesg, dmesg.txt, dmesg-boot.log; not dmesg.c
    String.raw`|dmesg(?:[_-][\w-]*)?(?:\.(?:log|txt))?)${ROTATED}$`,
);

/** Captures have rows of figures; prose can begin with "Device" or "Time:" too. */
const FIGURES = /(?<![\d.,])\d[\d.,]*[ \t;]+\d[\d.,]*[ \t;]+\d/;

/** True for a hypervisor, toolstack, kernel or machine-check log, or a sysstat/vmstat/xentop capture. */
export function looksLikeXenLog(fileName: string, head: string): boolean {
  if (LOG_NAME.test(fileName.split(/[\\/]/).pop() ?? '')) return true;
  const lines = head.split('\n', 200);
  const capture = detectCapture(fileName, lines);
  // iostat's JSON output reads better as JSON
  if (capture) return capture !== 'iostat-json' && lines.some((l) => FIGURES.test(l));
  const found = detectFormat(fileName, lines);
  // an application's own log is not a host log
  if (!('format' in found) || found.format === 'app') return false;
  // one quoted log line (or one `+ cmd` trace line) does not make a log: ask for two when there are two
  const pattern = formatDef(found.format)?.line;
  const text = lines.map(cleanLine).filter((l) => l.trim());
  const hits = pattern ? text.filter((l) => pattern.test(l)).length : 0;
  return hits > 0 && hits >= Math.min(2, text.length);
}
