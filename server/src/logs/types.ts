// The log engine's data model: formats, rules, events, incidents.

/** Stable category names (a contract: JSON output, settings and the editor use them). */
export const CATEGORIES = [
  'mce', 'domain-create', 'domain-suspend', 'domain-crash', 'disk-io', 'memory', 'lock-manager', 'lvm',
  'hypervisor-panic', 'hotplug', 'network', 'kernel-hang', 'app-crash',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type EventSeverity = 'error' | 'warning' | 'info';

/**
 * One rule of a rule pack (YAML). A line is an event of the rule when it contains one of
 * `literals` (the fast prefilter, case-sensitive) and `pattern` (a JavaScript regular
 * expression) matches it. Named groups feed the event: `domid`, `domain`, `bank`,
 * `status` (an MCi_STATUS word in hex), `epoch` (Unix seconds), `cpu`.
 */
export interface RuleSpec {
  id: string;
  category: Category;
  severity: EventSeverity;
  literals: string[];
  pattern?: string;
  /** Only for files of these formats. */
  formats?: string[];
  /** The following lines belong to this event (tracebacks, mcelog blocks, panic banners). */
  record?: RecordSpec;
  /** What the event means, shown with it (hover, export). */
  explain?: string;
  /** Lines that must be events of this rule (tests run them). */
  samples: string[];
  /** Lines that must not match this rule. */
  counter?: string[];
}

/**
 * How far a multi-line record goes: while its lines match `while` (or until one matches
 * `until`, which is left out), at most `max` lines.
 */
export interface RecordSpec {
  until?: string;
  while?: string;
  max: number;
  /** A line that ends the record and still belongs to it (a panic banner's "Reboot in five seconds..."). */
  last?: string;
  /** Named groups found in the record's lines fill what its first line left out (the domid of a crash dump). */
  fields?: string;
  /** The record's lines decide the severity: the first of error, warning, info whose pattern one of them matches. */
  severity?: Partial<Record<EventSeverity, string>>;
  /** The record only reads its lines (for `fields` and `severity`): they stay events of their own. */
  peek?: boolean;
}

/** Facts that tie domain ids to names (e.g. "Waiting for domain web05 (domid 12) to die"). */
export interface LinkSpec {
  id: string;
  literals: string[];
  /** Must capture `domid` and `domain`. */
  pattern: string;
  samples: string[];
}

export interface RulePack {
  rules: RuleSpec[];
  links: LinkSpec[];
}

/** Log formats the engine recognises (stable ids; settings may name them to force a format). */
export const LOG_FORMATS = {
  'xl': 'xl / libxl output (xl create, xl -v, xl save / migrate / restore on a terminal)',
  'xl-timestamped': 'libxl output with dates: xl -T, libvirt libxl-driver.log',
  'xl-domain-log': '/var/log/xen/xl-<domain>.log (no timestamps)',
  'qemu-dm': '/var/log/xen/qemu-dm-<domain>.log (no timestamps)',
  'xen-hotplug': '/var/log/xen/xen-hotplug.log (no timestamps)',
  'xend': 'xend.log (xm toolstack, Xen 4.4 and older; also the Oracle VM variant)',
  'xen-console': 'hypervisor console / xl dmesg: (XEN) lines, any console_timestamps mode',
  'dmesg': 'Linux kernel ring buffer, uptime stamps [    1.234567]',
  'dmesg-ctime': 'dmesg -T: [Mon Oct  3 13:52:42 2022]',
  'dmesg-iso': 'dmesg --time-format iso',
  'dmesg-raw': 'dmesg -r: <5>[    1.234567]',
  'syslog': 'RFC 3164 syslog file, journalctl -o short / short-precise (no year)',
  'rfc3339': 'rsyslog RFC 3339 file format, journalctl -o short-iso / short-iso-precise',
  'rfc5424': 'RFC 5424 syslog',
  'journal-monotonic': 'journalctl -o short-monotonic',
  'mcelog': 'mcelog output (/var/log/mcelog): decoded machine-check records',
  'ras-mc-ctl': 'rasdaemon ras-mc-ctl --errors records',
  'sanlock': 'sanlock.log',
  'dlm': 'dlm_controld log file',
  'app': 'application log: YYYY-MM-DD HH:MM:SS +ZZZZ LEVEL: message',
} as const;
export type LogFormat = keyof typeof LOG_FORMATS;
