// The keys sanlock and dlm_controld read from their config files, with the type
// the daemon's reader gives them, built-in defaults and the limits it enforces.
// Sources: sanlock main.c read_config_file / sanlock_internal.h DEFAULT_*;
// dlm_controld main.c set_opt_defaults, config.c set_opt_file, action.c.
import type { DlmKeyword, LockKind } from './parser';

/**
 * int: atoi. uint: strtoul base 0 (dlm port, mark). bool: atoi, 0 is off and any
 * other number on. flag: dlm switches that are on when the key is present, whatever
 * the value. string: the first word, verbatim. word-list: words the daemon acts on.
 */
export type LockValueType = 'int' | 'uint' | 'bool' | 'flag' | 'string' | 'word-list';

export interface LockKeySpec {
  key: string;
  type: LockValueType;
  /** The daemon's built-in value, as text. */
  default?: string;
  min?: number;
  max?: number;
  /** What the daemon does with a number outside min..max. */
  outside?: 'ignored' | 'clamped' | 'no-effect';
  unit?: string;
  /** word-list: the words the daemon acts on. */
  words?: string[];
  /** bool: what 0 does, as a clause after "use_watchdog = 0" ("disables the watchdog"). */
  off?: string;
  /** flag: what the switch turns on ("debug logging"). */
  on?: string;
  /** Command-line option that overrides the file. */
  cli?: string;
  /** Read from the file but not advertised in the man page or -h. */
  hidden?: boolean;
  /** Every line counts (the value accumulates), so a repeated key is not a duplicate. */
  repeatable?: boolean;
  /** string: longer values are cut to this many characters. */
  maxLength?: number;
  doc: string;
}

export const SANLOCK_KEYS: LockKeySpec[] = [
  { key: 'quiet_fail', type: 'bool', default: '1', cli: '-Q', doc: 'Keeps routine lease contention (another host holds the lease) out of the error log. Set 0 while chasing lease conflicts.' },
  { key: 'debug_renew', type: 'bool', default: '0', cli: '-R', doc: 'Logs a debug line for every lockspace lease renewal: useful on slow storage, noisy otherwise.' },
  { key: 'use_aio', type: 'bool', default: '1', off: 'switches lease I/O from native async I/O to synchronous I/O', doc: 'Uses Linux native asynchronous I/O for lease reads and writes. Leave it at 1 unless support asks otherwise.' },
  { key: 'logfile_priority', type: 'int', default: '4', unit: 'syslog level', cli: '-L', doc: 'The least important syslog level written to /var/log/sanlock.log (3 errors, 4 warnings, 6 info, 7 debug; -1 writes nothing).' },
  { key: 'logfile_use_utc', type: 'bool', default: '0', doc: 'Stamps sanlock.log lines in UTC instead of local time.' },
  { key: 'syslog_priority', type: 'int', default: '3', unit: 'syslog level', cli: '-S', doc: 'The least important level that also goes to syslog (3 errors; -1 for none).' },
  { key: 'names_log_priority', type: 'int', default: '4', unit: 'syslog level', doc: 'Level at which sanlock logs every requested resource name and disk location; they reach sanlock.log when logfile_priority includes this level.' },
  { key: 'use_watchdog', type: 'bool', default: '1', cli: '-w', off: 'disables the watchdog', doc: 'Arms the host watchdog through wdmd, so a host that cannot renew its leases is reset before other hosts take them over. 0 removes that guarantee: on shared storage two hosts may then write the same disks (data corruption).' },
  { key: 'io_timeout', type: 'int', default: '10', min: 1, outside: 'ignored', unit: 'seconds', cli: '-o', doc: 'Timeout for lease I/O and the base of every other sanlock timeout (renewal failure, lease expiry). Use the same value on all hosts; 0, negatives and words are ignored.' },
  { key: 'watchdog_fire_timeout', type: 'int', default: '60', min: 1, outside: 'ignored', unit: 'seconds', doc: 'Seconds the watchdog device waits before it resets the host. The device must support it and every host must use the same value, or the lease protection is void; tune it with io_timeout (e.g. 30 with 5).' },
  { key: 'kill_grace_seconds', type: 'int', default: '40', min: 0, max: 60, outside: 'ignored', unit: 'seconds', cli: '-g', doc: 'When a lockspace fails, how long lease holders get to exit (SIGTERM or their killpath) before sanlock escalates to SIGKILL. Values outside 0–60 are ignored.' },
  { key: 'high_priority', type: 'bool', default: '0', cli: '-h', off: 'leaves sanlock at normal scheduling priority', doc: 'Runs sanlock with realtime round-robin scheduling so lease renewals are not starved on a busy host (the example file sanlock ships sets 1).' },
  { key: 'mlock_level', type: 'int', default: '1', min: 0, max: 2, outside: 'no-effect', cli: '-l', doc: 'Locks sanlock in memory so renewals never wait for swap: 1 current pages, 2 current and future pages, 0 nothing. Any other number locks nothing.' },
  { key: 'sh_retries', type: 'int', default: '8', doc: 'How many times to retry the paxos lease while acquiring a shared lease that another host is acquiring too.' },
  { key: 'uname', type: 'string', default: 'sanlock', cli: '-U', doc: 'User the daemon runs as and that owns its socket. A name that does not exist makes sanlock log an error and use uid 0.' },
  { key: 'gname', type: 'string', default: 'sanlock', cli: '-G', doc: 'Group that owns the sanlock socket; clients must be in it. A name that does not exist makes sanlock use gid 0.' },
  { key: 'our_host_name', type: 'string', maxLength: 48, cli: '-e', doc: 'The name this host writes into its delta leases. Without it sanlock makes up a new UUID at every start; only the first 48 characters are kept.' },
  { key: 'renewal_read_extend_sec', type: 'int', min: 0, unit: 'seconds', doc: 'Extra seconds a timed-out renewal read may still complete at the next renewal. Unset means io_timeout seconds; 0 is valid and means no extra wait.' },
  { key: 'write_init_io_timeout', type: 'int', default: '60', min: 1, outside: 'ignored', unit: 'seconds', doc: 'I/O timeout for writing new lockspace and resource areas (init), not used by the lease algorithms. 0 or less is ignored.' },
  { key: 'renewal_history_size', type: 'int', default: '180', cli: '-H', doc: 'Renewal records kept per lockspace for `sanlock client renewal` (180 is about an hour); 0 keeps none.' },
  { key: 'paxos_debug_all', type: 'bool', default: '0', doc: 'Puts every detail of paxos lease operations into the debug log.' },
  { key: 'debug_io', type: 'word-list', words: ['submit', 'complete', 'submit,complete'], repeatable: true, doc: 'Debug-logs each lease I/O when it is submitted (`submit`), when it completes (`complete`) or both (`submit,complete`, no space).' },
  { key: 'debug_clients', type: 'bool', default: '0', doc: 'Debug-logs every client connection to the daemon.' },
  { key: 'debug_cmd', type: 'string', repeatable: true, doc: '`+NAME` or `-NAME` turns command-level debug logging on or off for one command (e.g. `+acquire`), `+all` / `-all` for all of them. One command per line; repeat the line.' },
  { key: 'max_sectors_kb', type: 'word-list', default: '1024', words: ['ignore', 'align'], max: 8192, doc: 'How sanlock sets the lockspace disk\'s max_sectors_kb: `ignore` leaves it alone, `align` uses the lease alignment size, an even number of KB (at most 8192) sets that. By default sanlock raises it to 1024 so a 1 MiB lease read is not split.' },
  { key: 'max_worker_threads', type: 'int', default: '8', min: 2, outside: 'clamped', cli: '-t', doc: 'Upper bound of the worker threads that run client requests. Values below 2 become 2.' },
];

export const DLM_KEYS: LockKeySpec[] = [
  { key: 'log_debug', type: 'flag', default: '0', on: 'kernel dlm debug logging', cli: '-K', doc: 'Turns on debug messages of the kernel dlm. The key switches it on by being present: `log_debug=0` turns it on too.' },
  { key: 'protocol', type: 'word-list', default: 'detect', words: ['tcp', 'sctp', 'detect'], cli: '-r', doc: 'Kernel dlm transport: `tcp`, `sctp`, or `detect` (asks corosync: sctp with redundant rings, tcp without). Case does not matter, 0/1/2 work too; any other word sets nothing and the kernel keeps its default.' },
  { key: 'port', type: 'uint', default: '21064', min: 1, max: 65535, outside: 'no-effect', cli: '-R', doc: 'TCP/SCTP port of the kernel dlm; every node must use the same. Read with strtoul, so a leading 0 means octal.' },
  { key: 'bind_all', type: 'int', default: '0', hidden: true, doc: 'Undocumented: sets `bind_all` for every node in the kernel dlm configuration (listen on all local addresses).' },
  { key: 'mark', type: 'uint', default: '0', doc: 'Socket mark (SO_MARK) for dlm traffic, for policy routing or firewall rules; `node id=N mark=M` lines override it per node.' },
  { key: 'debug_logfile', type: 'flag', default: '0', on: 'writing debug output to /var/log/dlm_controld/dlm_controld.log', cli: '-L', doc: 'Writes dlm_controld debug output to a log file. On by presence: `debug_logfile=0` turns it on too.' },
  { key: 'enable_fscontrol', type: 'bool', default: '0', hidden: true, doc: 'Undocumented and deprecated: hands lockspace recovery to a file-system control daemon (old gfs_controld setups). Leave it at 0.' },
  { key: 'enable_plock', type: 'bool', default: '1', cli: '-p', off: 'disables POSIX locks (fcntl) on GFS2/OCFS2', doc: 'Handles POSIX (fcntl) locks for cluster file systems. With 0, applications that lock files on GFS2/OCFS2 get errors.' },
  { key: 'plock_debug', type: 'flag', default: '0', on: 'plock debug logging', cli: '-P', doc: 'Debug-logs every POSIX lock operation. On by presence: `plock_debug=0` turns it on too.' },
  { key: 'plock_rate_limit', type: 'int', default: '0', unit: 'ops/s', cli: '-l', doc: 'Caps the POSIX lock operations read from the kernel per second; 0 means no limit. A low cap makes lock-heavy applications on the cluster file system crawl.' },
  { key: 'plock_ownership', type: 'bool', default: '0', cli: '-o', doc: 'Caches POSIX lock ownership on the node that uses the locks, which speeds up single-node use but slows recovery.' },
  { key: 'drop_resources_time', type: 'int', default: '10000', unit: 'ms', cli: '-t', doc: 'With plock_ownership: how often unused cached plock resources are dropped.' },
  { key: 'drop_resources_count', type: 'int', default: '10', cli: '-c', doc: 'With plock_ownership: how many cached plock resources to drop each time.' },
  { key: 'drop_resources_age', type: 'int', default: '10000', unit: 'ms', cli: '-a', doc: 'With plock_ownership: how long a cached plock resource must be unused before it may be dropped.' },
  { key: 'post_join_delay', type: 'int', default: '30', unit: 'seconds', cli: '-j', doc: 'Seconds to wait after the cluster forms before fencing nodes that have not joined, so slow nodes are not fenced at boot.' },
  { key: 'enable_fencing', type: 'bool', default: '1', cli: '-f', off: 'disables fencing', doc: 'Fences failed nodes before their locks are recovered. 0 is dangerous: a node that only looks dead may still write shared storage while others take over its locks.' },
  { key: 'enable_concurrent_fencing', type: 'bool', default: '0', doc: 'Fences several failed nodes at the same time instead of one after the other.' },
  { key: 'enable_startup_fencing', type: 'bool', default: '1', cli: '-s', off: 'disables fencing of nodes not seen since startup', doc: 'Fences nodes that are cluster members but have not joined since this node started. 0 trusts that they are clean, which is unsafe unless you know they are down.' },
  { key: 'repeat_failed_fencing', type: 'bool', default: '1', off: 'stops retrying a fence operation that failed', doc: 'Retries fencing until it succeeds; with 0 a failed fence leaves lockspaces blocked.' },
  { key: 'enable_quorum_fencing', type: 'bool', default: '1', cli: '-q', off: 'lets this node fence without quorum', doc: 'Fences only while the cluster is quorate. 0 lets both halves of a split cluster fence each other.' },
  { key: 'enable_quorum_lockspace', type: 'bool', default: '1', off: 'allows lockspace changes without quorum', doc: 'Joins and leaves lockspaces only while the cluster is quorate.' },
  { key: 'enable_helper', type: 'bool', default: '1', doc: 'Runs fence agents and other commands from a separate helper process, so a hanging agent does not block the daemon.' },
  { key: 'timewarn', type: 'int', default: '0', unit: 'centiseconds', hidden: true, doc: 'Undocumented: the kernel dlm warns about locks waiting longer than this (0 keeps the kernel default).' },
  { key: 'foreground', type: 'flag', default: '0', on: 'running in the foreground', doc: 'Keeps dlm_controld from forking. dlm.service already passes --foreground; an init script would then wait for the daemon forever.' },
];

export interface DlmDirectiveDoc {
  keyword: DlmKeyword;
  syntax: string;
  doc: string;
}

export const DLM_DIRECTIVES: DlmDirectiveDoc[] = [
  { keyword: 'device', syntax: 'device NAME[:N] AGENT [key=value ...]', doc: 'Starts a fence device section: the fence agent and its arguments. `connect` and `unfence` lines follow; only an empty line ends the section. Devices `foo:1`, `foo:2` with the same base name are fenced in parallel; other devices are tried in order.' },
  { keyword: 'connect', syntax: 'connect NAME[:N] node=ID [key=value ...]', doc: 'Inside a device section: which node the device fences and the agent arguments for it (e.g. `port=3`). The name must be the section\'s device name.' },
  { keyword: 'unfence', syntax: 'unfence NAME', doc: 'At the end of a device section: nodes connected to the device unfence themselves with it when dlm_controld starts.' },
  { keyword: 'fence_all', syntax: 'fence_all AGENT [key=value ...]', doc: 'One fence agent for every node, with no per-node arguments (`node=ID` is added for the agent). Cannot be combined with device sections.' },
  { keyword: 'unfence_all', syntax: 'unfence_all', doc: 'On the line right after `fence_all`: every node unfences itself with that agent at startup.' },
  { keyword: 'lockspace', syntax: 'lockspace NAME [nodir=1]', doc: 'Per-lockspace settings; `nodir=1` drops the resource directory. `master` lines for this lockspace must follow directly.' },
  { keyword: 'master', syntax: 'master NAME node=ID [weight=N]', doc: 'Right after its `lockspace` line: makes node ID a lock master (lock server) for the lockspace. With masters defined, other nodes master nothing; `weight` shares resources between masters.' },
  { keyword: 'node', syntax: 'node id=ID mark=VALUE', doc: 'Per-node socket mark for dlm traffic to that node. A malformed node line makes dlm_controld exit at startup.' },
];

const TABLES: Record<LockKind, LockKeySpec[]> = { sanlock: SANLOCK_KEYS, dlm: DLM_KEYS };
const BY_KEY: Record<LockKind, Map<string, LockKeySpec>> = {
  sanlock: new Map(SANLOCK_KEYS.map((k) => [k.key, k])),
  dlm: new Map(DLM_KEYS.map((k) => [k.key, k])),
};

export function lockKeys(kind: LockKind): LockKeySpec[] {
  return TABLES[kind];
}

export function lockKeySpec(kind: LockKind, key: string): LockKeySpec | undefined {
  return BY_KEY[kind].get(key);
}

export function directiveDoc(keyword: DlmKeyword): DlmDirectiveDoc {
  return DLM_DIRECTIVES.find((d) => d.keyword === keyword)!;
}

/** Name the daemon goes by in messages. */
export const DAEMON: Record<LockKind, string> = { sanlock: 'sanlock', dlm: 'dlm_controld' };
export const FILE_NAME: Record<LockKind, string> = { sanlock: 'sanlock.conf', dlm: 'dlm.conf' };

/** Command names `debug_cmd = +NAME` accepts (sanlock main.c cmd_str_to_num). */
export const SANLOCK_DEBUG_CMDS = [
  'inq_lockspace', 'read_resource_owners', 'get_lockspaces', 'get_hosts', 'register', 'add_lockspace', 'rem_lockspace',
  'shutdown', 'status', 'acquire', 'release', 'inquire', 'restrict', 'request', 'align', 'examine_lockspace',
  'examine_resource', 'host_status', 'killpath', 'write_lockspace', 'write_resource', 'read_lockspace', 'read_resource',
  'set_lvb', 'get_lvb', 'convert', 'version', 'shutdown_wait', 'reg_event', 'end_event', 'set_event', 'set_config',
  'renewal', 'format_rindex', 'update_rindex', 'lookup_rindex', 'create_resource', 'delete_resource', 'rebuild_rindex',
  'log_dump',
];
