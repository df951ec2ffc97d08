// sanlock.conf / dlm.conf: the parser reproduces the daemons' line reader, each
// lock/* rule fires on what the daemon misreads and stays quiet on valid files,
// hover and completion speak the daemon's reading.
import * as assert from 'node:assert';
import type { Finding } from '../../server/src/core/findings';
import { atoi, strtoul } from '../../server/src/lockmgr/cnum';
import { completeLockConf } from '../../server/src/lockmgr/completion';
import { hoverLockConf } from '../../server/src/lockmgr/hover';
import { lintLockConf } from '../../server/src/lockmgr/lint';
import { parseLockConf, type LockKind } from '../../server/src/lockmgr/parser';
import { DLM_KEYS, SANLOCK_KEYS } from '../../server/src/lockmgr/schema';
import { LVM_RULES } from '../../server/src/lvm/rules/registry';

function lint(text: string, kind: LockKind): Finding[] {
  return lintLockConf(text, kind).findings;
}

function only(text: string, kind: LockKind, code: string): Finding[] {
  return lint(text, kind).filter((f) => f.code === code);
}

/** The text a finding underlines. */
function at(text: string, f: { start: number; end: number }): string {
  return text.slice(f.start, f.end);
}

/** The title of a finding's i-th fix (rename fixes have none: their target then). */
function title(f: Finding, i = 0): string {
  const fix = f.fixes![i];
  return fix.kind === 'rename-key' ? fix.to : fix.title;
}

/** Applies a finding's first fix the way the code action would. */
function applyFix(text: string, f: Finding): string {
  const fix = f.fixes![0];
  if (fix.kind === 'replace') return text.slice(0, fix.start ?? f.start) + fix.text + text.slice(fix.end ?? f.end);
  if (fix.kind === 'rename-key') return text.slice(0, f.start) + fix.to + text.slice(f.end);
  if (fix.kind === 'insert') return text.slice(0, fix.at) + fix.text + text.slice(fix.at);
  throw new Error(`no text fix: ${fix.kind}`);
}

// The example file sanlock ships (src/sanlock.conf): every setting commented out.
const SANLOCK_EXAMPLE = `# sanlock config file
#
# Values set here can be overriden on the command line.
# See 'man sanlock' and 'sanlock -h' for more information.
# 
# Example settings:
#
# quiet_fail = 1
# command line: -Q 0|1
#
# logfile_priority = 4
# command line: -L 4
#
# use_watchdog = 1
# command line: -w 1
#
# high_priority = 1
# command line: -h 1
#
# debug_cmd = +<name>
# debug_cmd = -<name>
# ...
# command line: n/a
#
# max_worker_threads = 8
# command line: -t 8
#
# io_timeout = 10
# command line: -o <seconds>
#
# watchdog_fire_timeout = 60
# command line: n/a
`;

const SANLOCK_TUNED = `# lvmlockd hosts
use_watchdog = 1
io_timeout = 5
watchdog_fire_timeout = 30
kill_grace_seconds = 0
max_worker_threads = 16
max_sectors_kb = align
debug_io = submit,complete
debug_cmd = +acquire
debug_cmd = -inq_lockspace
our_host_name = xen-host-01
renewal_read_extend_sec = 0
logfile_priority = 6   # info
`;

const DLM_CLEAN = `# /etc/dlm/dlm.conf
log_debug=1
protocol=tcp
post_join_delay=10
enable_fencing=1
port=21064

device  ipmi1 fence_ipmilan ipaddr=10.0.0.11 login=admin password=secret lanplus=1
connect ipmi1 node=1
connect ipmi1 node=2 ipport=623
unfence ipmi1

device  san:1 fence_scsi devices=/dev/sdb
connect san:1 node=1 key=1
connect san:1 node=2 key=2

lockspace lvm_vg0 nodir=1
master    lvm_vg0 node=1 weight=2
# second lock server
master    lvm_vg0 node=2

node id=1 mark=42
node id=2 mark=0x2a
`;

describe('lockmgr parser', () => {
  it('reads key=value without spaces and keeps offsets for key, = and value', () => {
    const text = 'io_timeout=10\n';
    const [l] = parseLockConf(text, 'sanlock').lines;
    assert.strictEqual(l.type, 'setting');
    assert.strictEqual(at(text, l.key!), 'io_timeout');
    assert.strictEqual(l.eq, 10);
    assert.strictEqual(at(text, l.value!), '10');
    assert.deepStrictEqual([l.start, l.end], [0, 13]);
  });

  it('takes only the first word after = and records the rest as trailing text', () => {
    const text = 'debug_io = submit complete  \n';
    const [l] = parseLockConf(text, 'sanlock').lines;
    assert.strictEqual(l.value!.text, 'submit');
    assert.strictEqual(at(text, l.trailing!), 'complete');
  });

  it('reads the value after the first =, so key==5 has the value =5 (atoi 0)', () => {
    const [l] = parseLockConf('io_timeout==5', 'sanlock').lines;
    assert.strictEqual(l.value!.text, '=5');
  });

  it('skips a # only in the first column: an indented # is not a comment to the daemon', () => {
    const lines = parseLockConf('# real comment\n  # indented\n\tkey = 1\n   \n', 'sanlock').lines;
    assert.deepStrictEqual(lines.map((l) => l.type), ['comment', 'comment', 'setting', 'blank']);
    assert.strictEqual(lines[0].indent, undefined);
    assert.strictEqual(lines[1].indent!.text, '  ');
    assert.strictEqual(lines[2].indent!.text, '\t');
    assert.strictEqual(lines[2].key!.text, 'key');
  });

  it('sees CRLF like the C code: %s stops at \\r, the key loop does not', () => {
    const text = 'use_watchdog = 1\r\nlog_debug\r\n\r\n';
    const lines = parseLockConf(text, 'dlm').lines;
    assert.strictEqual(lines.length, 3);
    assert.ok(lines.every((l) => l.cr));
    assert.strictEqual(lines[0].value!.text, '1');
    assert.strictEqual(lines[1].key!.text, 'log_debug\r');
    assert.strictEqual(lines[2].type, 'blank');
  });

  it('cuts sanlock lines at 127 bytes and reads the rest as further lines', () => {
    const text = `# ${'x'.repeat(125)}use_watchdog = 0\n`;
    const [l] = parseLockConf(text, 'sanlock').lines;
    assert.strictEqual(l.cut, 127);
    assert.strictEqual(l.spill!.length, 1);
    assert.strictEqual(l.spill![0].key!.text, 'use_watchdog');
    assert.strictEqual(l.spill![0].value!.text, '0');
    assert.ok(l.spill![0].spilled);
  });

  it('counts bytes, not characters, and leaves a line of exactly 127 bytes whole', () => {
    assert.strictEqual(parseLockConf(`our_host_name = ${'h'.repeat(111)}`, 'sanlock').lines[0].cut, undefined);
    // é is two bytes in UTF-8: 64 of them are 128 bytes
    const [l] = parseLockConf(`#${'é'.repeat(64)}`, 'sanlock').lines;
    assert.strictEqual(l.cut, 64); // 1 + 63 * 2 = 127 bytes
  });

  it('gives dlm settings 255 bytes and device lines the fence reader\'s larger buffer', () => {
    const long = `device foo fence_foo ${'a=b '.repeat(80)}`;
    const [setting] = parseLockConf(`post_join_delay=${'1'.repeat(250)}`, 'dlm').lines;
    assert.strictEqual(setting.cut, 255);
    const [dev] = parseLockConf(long, 'dlm').lines;
    assert.strictEqual(dev.cut, undefined);
    assert.strictEqual(dev.words!.length, 83);
    assert.ok(dev.spill!.length > 0); // the settings reader still reads it in pieces
  });

  it('parses dlm device, connect, lockspace, master and node lines into words with positions', () => {
    const lines = parseLockConf(DLM_CLEAN, 'dlm').lines.filter((l) => l.type === 'directive');
    assert.deepStrictEqual(lines.map((l) => l.keyword),
      ['device', 'connect', 'connect', 'unfence', 'device', 'connect', 'connect', 'lockspace', 'master', 'master', 'node', 'node']);
    const master = lines[8];
    assert.deepStrictEqual(master.words!.map((w) => w.text), ['master', 'lvm_vg0', 'node=1', 'weight=2']);
    assert.strictEqual(at(DLM_CLEAN, master.words![3]), 'weight=2');
  });

  it('matches dlm keywords by prefix at column 0, like strncmp', () => {
    const lines = parseLockConf('devices x fence_x\nnodes=3\nunfence_all\n  master foo node=1\n', 'dlm').lines;
    assert.deepStrictEqual(lines.map((l) => l.keyword), ['device', 'node', 'unfence_all', 'master']);
    assert.ok(lines[3].indent);
  });

  it('does not know dlm line types in sanlock.conf', () => {
    assert.strictEqual(parseLockConf('device foo bar', 'sanlock').lines[0].type, 'setting');
  });

  it('handles empty text and a missing final newline', () => {
    assert.strictEqual(parseLockConf('', 'sanlock').lines.length, 1);
    assert.strictEqual(parseLockConf('a = 1\n', 'sanlock').lines.length, 1);
    assert.strictEqual(parseLockConf('a = 1\nb = 2', 'sanlock').lines.length, 2);
  });
});

describe('lockmgr C number readers', () => {
  it('atoi reads a leading number and nothing else', () => {
    assert.deepStrictEqual(atoi('10s'), { value: 10, used: 2, base: 10 });
    assert.deepStrictEqual(atoi('yes'), { value: 0, used: 0, base: 10 });
    assert.strictEqual(atoi('-1').value, -1);
    assert.strictEqual(atoi('0x10').value, 0);
    assert.strictEqual(atoi('99999999999').value, 1215752191); // (int) of a long
  });

  it('strtoul with base 0 reads octal and hex prefixes into an unsigned int', () => {
    assert.deepStrictEqual(strtoul('021064'), { value: 8756, used: 6, base: 8 });
    assert.strictEqual(strtoul('0x2a').value, 42);
    assert.strictEqual(strtoul('0').base, 10);
    assert.strictEqual(strtoul('-1').value, 4294967295);
    assert.strictEqual(strtoul('abc').used, 0);
  });
});

describe('lockmgr rules', () => {
  it('uses only the lock/* ids of the registry, never lock/limits', () => {
    const ids = new Set(LVM_RULES.map((r) => r.id));
    const bad = 'use_watchdog = yes\nio_timout = 1\nio_timeout = 0\nuse_watchdog\n';
    const findings = [...lint(bad, 'sanlock'), ...lint('log_debug=0\nmaster x node=1\n', 'dlm')];
    assert.ok(findings.length >= 4, `only ${findings.length} findings: the check below would pass on none`);
    for (const f of findings) {
      assert.ok(ids.has(f.code) && f.code.startsWith('lock/') && f.code !== 'lock/limits', f.code);
    }
  });

  it('reports nothing on the example sanlock.conf, a tuned one, the same with CRLF, and a clean dlm.conf', () => {
    assert.deepStrictEqual(lint(SANLOCK_EXAMPLE, 'sanlock'), []);
    assert.deepStrictEqual(lint(SANLOCK_TUNED, 'sanlock'), []);
    assert.deepStrictEqual(lint(SANLOCK_TUNED.replace(/\n/g, '\r\n'), 'sanlock'), []);
    assert.deepStrictEqual(lint(DLM_CLEAN, 'dlm'), []);
  });

  describe('lock/boolean', () => {
    it('says what atoi makes of yes: the watchdog is off', () => {
      const text = 'use_watchdog = yes\n';
      const [f] = only(text, 'sanlock', 'lock/boolean');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(at(text, f), 'yes');
      assert.strictEqual(f.message, 'sanlock reads `yes` with atoi as 0: use_watchdog = 0 disables the watchdog');
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '1', title: 'Write 1' }]);
      assert.strictEqual(applyFix(text, f), 'use_watchdog = 1\n');
    });

    it('maps no/off/false to Write 0 and leaves unknown words without a fix', () => {
      assert.strictEqual(title(only('high_priority = off', 'sanlock', 'lock/boolean')[0]), 'Write 0');
      assert.strictEqual(only('use_watchdog = watchdog', 'sanlock', 'lock/boolean')[0].fixes, undefined);
    });

    it('flags enable_fencing=true in dlm.conf: it disables fencing', () => {
      const [f] = only('enable_fencing=true\n', 'dlm', 'lock/boolean');
      assert.strictEqual(f.message, 'dlm_controld reads `true` with atoi as 0: enable_fencing = 0 disables fencing');
      assert.strictEqual(title(f), 'Write 1');
    });

    it('says atoi reads 10s as 10 and offers 10', () => {
      const text = 'io_timeout = 10s\n';
      const [f] = only(text, 'sanlock', 'lock/boolean');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(f.message, 'sanlock reads `10s` with atoi as 10 and ignores `s` (io_timeout is in seconds)');
      assert.strictEqual(applyFix(text, f), 'io_timeout = 10\n');
    });

    it('joins the range outcome when a word becomes 0 on a key that must be positive', () => {
      const [f] = only('io_timeout = ten', 'sanlock', 'lock/boolean');
      assert.strictEqual(f.message, 'sanlock reads `ten` with atoi as 0: io_timeout = 0 is ignored (it must be greater than 0): 10 stays');
      assert.strictEqual(only('io_timeout = ten', 'sanlock', 'lock/range').length, 0);
    });

    it('does not read hexadecimal with atoi', () => {
      const [f] = only('io_timeout = 0x10', 'sanlock', 'lock/boolean');
      assert.match(f.message, /it does not read hexadecimal/);
      assert.strictEqual(title(f), 'Write 16');
    });

    it('warns that a dlm switch set to 0 is ON, and removes the line', () => {
      const text = 'post_join_delay=10\nlog_debug=0\nprotocol=tcp\n';
      const [f] = only(text, 'dlm', 'lock/boolean');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(at(text, f), 'log_debug=0');
      assert.strictEqual(f.message, 'log_debug=0 turns kernel dlm debug logging ON: dlm_controld enables it when the key is present, whatever the value');
      assert.strictEqual(title(f), 'Remove the line');
      assert.strictEqual(applyFix(text, f), 'post_join_delay=10\nprotocol=tcp\n');
      assert.strictEqual(only('plock_debug=no', 'dlm', 'lock/boolean').length, 1);
    });

    it('reads a leading 0 in port as octal', () => {
      const [f] = only('port=021064', 'dlm', 'lock/boolean');
      assert.strictEqual(f.message, 'dlm_controld reads `021064` with strtoul as octal: port = 8756, not 21064');
      assert.strictEqual(title(f), 'Write 21064');
    });

    it('accepts numbers, bare dlm switches and switches set to 1', () => {
      assert.deepStrictEqual(only('use_watchdog = 0\nio_timeout = -1\nhigh_priority=1', 'sanlock', 'lock/boolean'), []);
      assert.deepStrictEqual(only('log_debug\nplock_debug=1\nport=0x5348\nenable_fencing=1', 'dlm', 'lock/boolean'), []);
    });
  });

  describe('lock/unknown-key', () => {
    it('suggests the key meant and renames it', () => {
      const text = 'io_timout = 5\n';
      const [f] = only(text, 'sanlock', 'lock/unknown-key');
      assert.strictEqual(at(text, f), 'io_timout');
      assert.strictEqual(f.message, 'Unknown key `io_timout`: sanlock ignores it silently. Did you mean `io_timeout`?');
      assert.deepStrictEqual(f.fixes, [{ kind: 'rename-key', to: 'io_timeout' }]);
      assert.strictEqual(applyFix(text, f), 'io_timeout = 5\n');
    });

    it('says only lowercase names match', () => {
      const [f] = only('USE_WATCHDOG = 0', 'sanlock', 'lock/unknown-key');
      assert.match(f.message, /^Only lowercase names match/);
      assert.deepStrictEqual(f.fixes, [{ kind: 'rename-key', to: 'use_watchdog' }]);
    });

    it('explains that an indented key is empty to the daemon and removes the indentation', () => {
      const text = '  use_watchdog = 0\n';
      const [f] = only(text, 'sanlock', 'lock/unknown-key');
      assert.strictEqual(at(text, f), '  use_watchdog');
      assert.strictEqual(f.message, 'Indented `use_watchdog`: sanlock takes the key from the first column up to the first space, so this line\'s key is empty and `use_watchdog` is not set');
      assert.strictEqual(applyFix(text, f), 'use_watchdog = 0\n');
    });

    it('flags an indented dlm line type', () => {
      const [f] = only('lockspace foo\n  master foo node=1\n', 'dlm', 'lock/unknown-key');
      assert.match(f.message, /reads `master` lines only from the first column/);
    });

    it('knows daemon_debug is ignored in dlm.conf and which file a key belongs to', () => {
      assert.match(only('daemon_debug=1', 'dlm', 'lock/unknown-key')[0].message, /ignores `daemon_debug` in dlm.conf/);
      assert.strictEqual(only('enable_fencing = 1', 'sanlock', 'lock/unknown-key')[0].message,
        '`enable_fencing` is a dlm.conf setting: sanlock does not read it from sanlock.conf');
    });

    it('spots a bare dlm switch that CRLF turned into another key', () => {
      const text = 'log_debug\r\n';
      const [f] = only(text, 'dlm', 'lock/unknown-key');
      assert.match(f.message, /carriage return/);
      assert.strictEqual(applyFix(text, f), 'log_debug\n');
    });

    it('spots a byte-order mark glued to the first key', () => {
      const [f] = only('\uFEFFuse_watchdog = 1', 'sanlock', 'lock/unknown-key');
      assert.match(f.message, /byte-order mark/);
      assert.strictEqual(title(f), 'Remove the byte-order mark');
    });

    it('leaves known keys, comments and dlm line types alone', () => {
      assert.deepStrictEqual(only(SANLOCK_TUNED, 'sanlock', 'lock/unknown-key'), []);
      assert.deepStrictEqual(only(DLM_CLEAN, 'dlm', 'lock/unknown-key'), []);
    });
  });

  describe('lock/range', () => {
    const cases: Array<[string, LockKind, string]> = [
      ['io_timeout = 0', 'sanlock', 'sanlock ignores io_timeout = 0 (it must be greater than 0): 10 stays'],
      ['kill_grace_seconds = 61', 'sanlock', 'sanlock ignores kill_grace_seconds = 61 (0–60 seconds): 40 stays'],
      ['max_worker_threads = 1', 'sanlock', 'sanlock raises max_worker_threads = 1 to 2 (at least 2)'],
      ['write_init_io_timeout = -5', 'sanlock', 'sanlock ignores write_init_io_timeout = -5 (it must be greater than 0): 60 stays'],
      ['mlock_level = 3', 'sanlock', 'mlock_level = 3 has no effect: sanlock acts only on 0–2'],
      ['max_sectors_kb = 1023', 'sanlock', 'sanlock logs "ignore invalid num max_sectors_kb 1023" and keeps its earlier setting: the number must be even and at most 8192'],
      ['max_sectors_kb = 16384', 'sanlock', 'sanlock logs "ignore invalid num max_sectors_kb 16384" and keeps its earlier setting: the number must be even and at most 8192'],
      ['max_sectors_kb = allign', 'sanlock', 'sanlock logs "ignore unknown max_sectors_kb allign" and keeps its earlier setting: use ignore, align or an even number of KB'],
      ['debug_cmd = +aquire', 'sanlock', 'sanlock knows no command `aquire`: debug_cmd = +aquire does nothing'],
      ['protocol=udp', 'dlm', 'dlm_controld does not know protocol `udp` (tcp, sctp or detect): it sets no protocol and the kernel dlm keeps its default'],
      ['port=0', 'dlm', 'port = 0 is not a usable port (1–65535), yet dlm_controld hands it to the kernel dlm'],
      ['port=70000', 'dlm', 'port = 70000 is not a usable port (1–65535), yet dlm_controld hands it to the kernel dlm'],
    ];
    for (const [text, kind, message] of cases) {
      it(text, () => {
        const found = only(text, kind, 'lock/range');
        assert.deepStrictEqual(found.map((f) => f.message), [message]);
        assert.strictEqual(found[0].severity, 'warning');
      });
    }

    it('offers the default or the closest word as fixes', () => {
      assert.strictEqual(title(only('kill_grace_seconds = 61', 'sanlock', 'lock/range')[0]), 'Write 40 (the default)');
      assert.strictEqual(title(only('max_sectors_kb = allign', 'sanlock', 'lock/range')[0]), 'Write align');
      assert.strictEqual(title(only('debug_cmd = +aquire', 'sanlock', 'lock/range')[0]), 'Write +acquire');
    });

    it('accepts the limits themselves and the words the daemon knows', () => {
      const ok = 'io_timeout = 1\nkill_grace_seconds = 60\nkill_grace_seconds = 0\nmax_worker_threads = 2\nmax_sectors_kb = 8192\nmax_sectors_kb = ignore\nmlock_level = 2\n';
      assert.deepStrictEqual(only(ok, 'sanlock', 'lock/range'), []);
      assert.deepStrictEqual(only('protocol=TCP\nprotocol=sctp\nprotocol=detect\nport=1\nport=65535', 'dlm', 'lock/range'), []);
    });
  });

  describe('lock/syntax', () => {
    it('explains a key without = and inserts it', () => {
      const text = 'use_watchdog 0\n';
      const [f] = only(text, 'sanlock', 'lock/syntax');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(at(text, f), 'use_watchdog');
      assert.match(f.message, /^No `=` after `use_watchdog`: sanlock reads no number/);
      assert.strictEqual(applyFix(text, f), 'use_watchdog = 0\n');
    });

    it('says dlm_controld logs "Failed to parse config line" for a missing value', () => {
      const [f] = only('post_join_delay=\n', 'dlm', 'lock/syntax');
      assert.strictEqual(f.message,
        '`post_join_delay` has no value after `=`: dlm_controld logs "Failed to parse config line" and sets post_join_delay to the number left over from an earlier line (0 if none)');
    });

    it('accepts a bare dlm switch without =', () => {
      assert.deepStrictEqual(only('log_debug\nplock_debug\n', 'dlm', 'lock/syntax'), []);
    });

    it('warns that words after the value are ignored, but not a trailing # comment', () => {
      const text = 'debug_io = submit complete\nio_timeout = 10 # seconds\n';
      const found = only(text, 'sanlock', 'lock/syntax');
      assert.strictEqual(found.length, 1);
      assert.strictEqual(at(text, found[0]), 'complete');
      assert.strictEqual(applyFix(text, found[0]), 'debug_io = submit,complete\nio_timeout = 10 # seconds\n');
    });

    it('reports a line over the length limit, as an error when the rest sets a key', () => {
      const comment = `# ${'x'.repeat(125)}use_watchdog = 0\n`;
      const [f] = only(comment, 'sanlock', 'lock/syntax');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(at(comment, f), 'use_watchdog = 0');
      assert.strictEqual(f.message, 'sanlock reads at most 127 bytes of a line; this one has 143, so it is cut here, and the rest is read as a line of its own that sets `use_watchdog`');
      const harmless = `# ${'word '.repeat(40)}\n`;
      assert.strictEqual(only(harmless, 'sanlock', 'lock/syntax')[0].severity, 'warning');
      const cutValue = `our_host_name = ${'h'.repeat(120)}\n`;
      assert.match(only(cutValue, 'sanlock', 'lock/syntax')[0].message, /`our_host_name` is read as `h+…` instead of/);
      assert.deepStrictEqual(only(`# ${'x'.repeat(125)}`, 'sanlock', 'lock/syntax'), []);
    });

    it('reports a later line overriding an earlier one, pointing at the winner', () => {
      const text = 'io_timeout = 5\nuse_watchdog = 1\nio_timeout = 10\ndebug_cmd = +acquire\ndebug_cmd = +release\n';
      const [f] = only(text, 'sanlock', 'lock/duplicate');
      assert.strictEqual(f.severity, 'warning');
      assert.deepStrictEqual(only(text, 'sanlock', 'lock/syntax'), []);
      assert.strictEqual(f.message, '`io_timeout` is set again on line 3; sanlock applies the lines in order, so the later value wins');
      assert.strictEqual(at(text, f.related![0]), 'io_timeout = 10');
    });

    describe('dlm fence sections', () => {
      it('needs an empty line before a new device', () => {
        const text = 'device foo fence_foo\nconnect foo node=1\ndevice bar fence_bar\nconnect bar node=1\n';
        const found = only(text, 'dlm', 'lock/syntax');
        assert.strictEqual(found.length, 1);
        assert.strictEqual(at(text, found[0]), 'device bar fence_bar');
        assert.match(found[0].message, /^A new device section needs an empty line before it/);
        assert.deepStrictEqual(only(applyFix(text, found[0]), 'dlm', 'lock/syntax'), []);
      });

      it('does not end a section at a CRLF empty line', () => {
        const text = 'device foo fence_foo\r\nconnect foo node=1\r\n\r\nlog_debug=1\r\n';
        const f = only(text, 'dlm', 'lock/syntax').find((x) => x.severity === 'error')!;
        assert.strictEqual(at(text, f), '\r');
        assert.match(f.message, /holds a carriage return/);
      });

      it('warns that CRLF reaches the fence agent as part of the last argument', () => {
        const text = 'device foo fence_foo password=y\r\nconnect foo node=1\r\n';
        const found = only(text, 'dlm', 'lock/syntax');
        assert.deepStrictEqual(found.map((f) => at(text, f)), ['password=y', 'node=1']);
        assert.strictEqual(found[0].message, 'The line ends in a carriage return (CRLF): dlm_controld passes it to the fence agent at the end of `password=y` (an agent that does not strip it sees a wrong value)');
        assert.strictEqual(applyFix(text, found[0]), 'device foo fence_foo password=y\nconnect foo node=1\r\n');
      });

      it('rejects a device line without an agent and a connect for another device', () => {
        assert.match(only('device foo\nconnect foo node=1\n', 'dlm', 'lock/syntax')[0].message, /^A device line needs a name and an agent/);
        assert.match(only('device foo fence_foo\nconnect bar node=1\n', 'dlm', 'lock/syntax')[0].message, /^connect names `bar` inside the section of device `foo`/);
      });

      it('flags a connect line without node= (dlm_controld crashes on it)', () => {
        assert.match(only('device foo fence_foo\nconnect foo port=1\n', 'dlm', 'lock/syntax')[0].message, /needs node=ID/);
      });

      it('flags connect lines left outside their section', () => {
        const text = 'device foo fence_foo\nconnect foo node=1\n # spare\nconnect foo node=2\n';
        const found = only(text, 'dlm', 'lock/syntax');
        assert.strictEqual(found.length, 1);
        assert.strictEqual(found[0].message, '`connect` outside a device section: dlm_controld ignores it (the section above ended at line 3, which starts with a space)');
      });

      it('does not combine fence_all with devices', () => {
        assert.match(only('device foo fence_foo\nconnect foo node=1\n\nfence_all dlm_stonith\n', 'dlm', 'lock/syntax')[0].message,
          /^fence_all cannot be combined with device sections/);
        assert.deepStrictEqual(only('fence_all dlm_stonith\nunfence_all\n', 'dlm', 'lock/syntax'), []);
        assert.match(only('fence_all dlm_stonith\n\nunfence_all\n', 'dlm', 'lock/syntax')[0].message, /right after fence_all/);
      });
    });

    describe('dlm lockspace blocks and node lines', () => {
      it('flags master outside a lockspace block', () => {
        const text = 'lockspace foo nodir=1\n\nmaster foo node=1\n';
        const [f] = only(text, 'dlm', 'lock/syntax');
        assert.strictEqual(f.severity, 'error');
        assert.strictEqual(at(text, f), 'master');
        assert.match(f.message, /^`master` outside a lockspace block: dlm_controld ignores it/);
      });

      it('stops at a master for another lockspace or without a node id', () => {
        assert.match(only('lockspace foo\nmaster bar node=1\n', 'dlm', 'lock/syntax')[0].message,
          /^master names `bar` but follows lockspace `foo`: dlm_controld stops reading masters for `foo` here/);
        assert.match(only('lockspace foo\nmaster foo weight=2\n', 'dlm', 'lock/syntax')[0].message, /needs node=ID/);
      });

      it('says a malformed node line stops dlm_controld', () => {
        const [f] = only('node id=1\n', 'dlm', 'lock/syntax');
        assert.match(f.message, /^dlm_controld logs "Invalid configuration line" and exits at startup/);
        assert.strictEqual(only('node id=200 mark=1\n', 'dlm', 'lock/range').length, 1);
      });
    });
  });
});

describe('lockmgr hover', () => {
  it('shows type, default, range and how the current value is read', () => {
    const conf = parseLockConf('use_watchdog = yes\nkill_grace_seconds = 61\n', 'sanlock');
    const h = hoverLockConf(conf, 3, 'sanlock')!;
    assert.deepStrictEqual([h.start, h.end], [0, 12]);
    assert.match(h.markdown, /^\*\*use_watchdog\*\* — sanlock.conf setting/);
    assert.match(h.markdown, /Default: 1/);
    assert.match(h.markdown, /Here: `yes` is read as 0 \(atoi\): off, disables the watchdog/);
    const onValue = hoverLockConf(conf, 16, 'sanlock')!;
    assert.strictEqual(conf.text.slice(onValue.start, onValue.end), 'yes');
    const range = hoverLockConf(conf, 22, 'sanlock')!.markdown;
    assert.match(range, /Range: 0–60 seconds; other values are ignored/);
    assert.match(range, /Here: `61` is read as 61 \(atoi\): sanlock ignores kill_grace_seconds = 61/);
  });

  it('explains dlm switches, strtoul and line keywords', () => {
    const conf = parseLockConf('log_debug=0\nport=021064\ndevice foo fence_ipmilan ipaddr=1\nconnect foo node=1\n', 'dlm');
    assert.match(hoverLockConf(conf, 2, 'dlm')!.markdown, /switches kernel dlm debug logging on because the key is present \(the value `0` is not read\)/);
    assert.match(hoverLockConf(conf, 14, 'dlm')!.markdown, /`021064` is read as 8756 \(strtoul as octal\)/);
    const device = hoverLockConf(conf, 26, 'dlm')!;
    assert.strictEqual(conf.text.slice(device.start, device.end), 'device');
    assert.match(device.markdown, /device NAME\[:N\] AGENT/);
    assert.match(hoverLockConf(conf, 40, 'dlm')!.markdown, /the fence agent dlm_controld runs/);
    assert.match(hoverLockConf(conf, 72, 'dlm')!.markdown, /^\*\*node\*\* — The node id/);
  });

  it('says an indented # is not a comment and an unknown key is ignored', () => {
    const conf = parseLockConf('  # note\nio_timout = 5\n', 'sanlock');
    assert.match(hoverLockConf(conf, 4, 'sanlock')!.markdown, /^\*\*Not a comment to sanlock\*\*/);
    assert.match(hoverLockConf(conf, 10, 'sanlock')!.markdown, /not a key sanlock reads: the line is ignored/);
    assert.strictEqual(hoverLockConf(conf, 20, 'sanlock'), undefined); // between = and value
  });
});

describe('lockmgr completion', () => {
  it('offers keys at the start of a line, with = and the default as a snippet', () => {
    const conf = parseLockConf('use_watchdog = 1\nio', 'sanlock');
    const items = completeLockConf(conf, conf.text.length, 'sanlock');
    assert.ok(!items.some((i) => i.label === 'use_watchdog'), 'keys already set are left out');
    const io = items.find((i) => i.label === 'io_timeout')!;
    assert.strictEqual(io.kind, 10); // Property
    assert.strictEqual(io.insertText, 'io_timeout = ${1:10}');
    assert.strictEqual(io.insertTextFormat, 2); // Snippet
    assert.deepStrictEqual(Object.keys(io.documentation as object).sort(), ['kind', 'value']);
    assert.strictEqual((io.documentation as { kind: string }).kind, 'markdown');
    const bool = items.find((i) => i.label === 'high_priority')!;
    assert.strictEqual(bool.insertText, 'high_priority = ${1|0,1|}');
    assert.ok(items.some((i) => i.label === 'debug_cmd'));
  });

  it('offers 0/1 for booleans and the words of word lists after =', () => {
    const s = parseLockConf('use_watchdog = ', 'sanlock');
    assert.deepStrictEqual(completeLockConf(s, 15, 'sanlock').map((i) => i.label), ['1', '0']);
    const d = parseLockConf('protocol=', 'dlm');
    assert.deepStrictEqual(completeLockConf(d, 9, 'dlm').map((i) => i.label), ['tcp', 'sctp', 'detect']);
    assert.deepStrictEqual(completeLockConf(parseLockConf('log_debug=', 'dlm'), 10, 'dlm').map((i) => i.label), ['1']);
  });

  it('offers dlm line keywords and the device names a connect line can use', () => {
    const conf = parseLockConf('device ipmi1 fence_ipmilan\nconnect ', 'dlm');
    const keys = completeLockConf(parseLockConf('', 'dlm'), 0, 'dlm');
    assert.ok(keys.some((i) => i.label === 'lockspace' && i.kind === 14));
    assert.ok(keys.some((i) => i.label === 'enable_fencing' && i.insertText === 'enable_fencing=${1|1,0|}'));
    assert.deepStrictEqual(completeLockConf(conf, conf.text.length, 'dlm').map((i) => i.label), ['ipmi1']);
  });

  it('offers nothing in the middle of a comment or a device line', () => {
    const conf = parseLockConf('# use_', 'sanlock');
    assert.deepStrictEqual(completeLockConf(conf, 6, 'sanlock'), []);
    const device = 'device foo fence_foo';
    assert.deepStrictEqual(completeLockConf(parseLockConf(device, 'dlm'), device.indexOf('fence_') + 3, 'dlm'), []);
  });
});

describe('lockmgr schema and effective values', () => {
  it('has unique keys with a doc for each', () => {
    for (const table of [SANLOCK_KEYS, DLM_KEYS]) {
      assert.strictEqual(new Set(table.map((k) => k.key)).size, table.length);
      for (const k of table) assert.ok(k.doc.length > 20, k.key);
    }
  });
});
