// Editor basics for xen-log: the TextMate grammar on real line shapes, and which files
// open in that language.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vsctm from 'vscode-textmate';
import { looksLikeXenLog } from '../../server/src/logs/detectLanguage';
import { expectNoScope, expectScope, loadGrammar, type Tok, tokenize as tokenizeWith } from './textmate';

const ROOT = path.resolve(__dirname, '../../..');
const LANGUAGE_CONFIG = path.join(ROOT, 'syntaxes/xen-log.language-configuration.json');

let grammar: vsctm.IGrammar;

function tokenize(text: string): Tok[][] {
  return tokenizeWith(grammar, text);
}

function one(text: string): Tok[] {
  return tokenize(text)[0];
}

const HARD = 'invalid.illegal.failure';
const SOFT = 'invalid.deprecated.failure';

describe('xen-log grammar', () => {
  before(async () => {
    grammar = await loadGrammar('text.xen-log', 'syntaxes/xen-log.tmLanguage.json');
  });

  describe('timestamps', () => {
    it('ISO 8601 / RFC 3339 with a fraction and an offset, or with a space', () => {
      const rsyslog = one('2024-03-01T09:14:02.123+00:00 xen01 kernel: [ 1234.567890] mce: [Hardware Error]: Machine check events logged');
      expectScope(rsyslog, '2024-03-01T09:14:02.123+00:00', 'constant.numeric.date.iso.xen-log');
      expectScope(one('2024-03-01 09:14:02 xen01 sanlock'), '2024-03-01 09:14:02', 'constant.numeric.date.iso.xen-log');
      expectScope(one('2009-02-13T23:31:30,123456+00:00 example[0]'), '2009-02-13T23:31:30,123456+00:00', 'constant.numeric.date.iso.xen-log');
    });

    it('syslog, kernel uptime and dmesg -T', () => {
      const kern = one('Mar  1 09:14:02 xen01 kernel: [ 1234.567890] xenbr0: port 3(vif7.0) entered forwarding state');
      expectScope(kern, 'Mar  1 09:14:02', 'constant.numeric.date.syslog.xen-log');
      expectScope(kern, '1234.567890', 'constant.numeric.date.uptime.xen-log');
      expectScope(kern, '[', 'punctuation.definition.timestamp.begin.xen-log');
      const ctime = one('[Mon Oct  3 13:52:42 2022] EDAC sbridge MC1: HANDLING MCE MEMORY ERROR');
      expectScope(ctime, 'Mon Oct  3 13:52:42 2022', 'constant.numeric.date.ctime.xen-log');
    });

    it('the hypervisor console in date and boot modes', () => {
      const date = one('(XEN) [2024-03-01 09:14:02.123] CPU4: Machine Check Exception: 0000000000000005');
      expectScope(date, '2024-03-01 09:14:02.123', 'constant.numeric.date.iso.xen-log');
      const boot = one('(XEN) [  123.456789] HVM restore d1: CPU 0');
      expectScope(boot, '123.456789', 'constant.numeric.date.uptime.xen-log');
    });

    it('xl -T / libxl-driver.log stamps with a zone name, and the libxl source position', () => {
      const line = one('2016-01-26 12:50:24 EST libxl: error: libxl_create.c:1234:domcreate_launch_dm: Domain 8:unable to add disk devices');
      expectScope(line, '2016-01-26 12:50:24 EST', 'constant.numeric.date.iso.xen-log');
      expectScope(line, 'libxl', 'entity.name.namespace.component.xen-log');
      expectScope(line, 'libxl_create.c', 'entity.name.filename.xen-log');
      expectScope(line, '1234', 'constant.numeric.line-number.xen-log');
      expectScope(line, 'domcreate_launch_dm', 'entity.name.function.xen-log');
    });

    it('sysstat times and dates, not MAC addresses or bare decimals', () => {
      expectScope(one('09:14:02 AM     all     14.00      0.00      3.10'), '09:14:02 AM', 'constant.numeric.date.clock.xen-log');
      const report = one('06/14/2018 06:22:42 PM');
      expectScope(report, '06/14/2018', 'constant.numeric.date.clock.xen-log');
      expectScope(report, '06:22:42 PM', 'constant.numeric.date.clock.xen-log');
      expectScope(one('09:14:02        dm-12     95.00'), '09:14:02', 'constant.numeric.date.clock.xen-log');
      const other = one('vif7.0: mac 00:16:35:5a:01:ff, 14.00 tps');
      expectNoScope(other, '00:16:35', 'constant.numeric.date');
      expectNoScope(other, '14.00', 'constant.numeric.date');
    });
  });

  describe('levels', () => {
    const ERROR = 'keyword.other.level.error.xen-log';
    const WARNING = 'keyword.other.level.warning.xen-log';

    it('error-ish words, upper case anywhere and lower case in level position', () => {
      const xend = one('[2009-06-30 13:46:14 5499] ERROR (XendDomainInfo:1942) XendDomainInfo.destroy: xc.domain_destroy failed.');
      expectScope(xend, 'ERROR', ERROR);
      expectScope(xend, 'ERROR', 'markup.deleted.level.xen-log');
      expectScope(one('libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: exited'), 'error', ERROR);
      expectScope(one('kern  :err   : [   27.000000] example[3]'), 'err', ERROR);
      expectScope(one('kern  :crit  : [    8.000000] example[2]'), 'crit', ERROR);
      expectScope(one('2024-03-01 09:14:02 CRIT disk gone'), 'CRIT', ERROR);
      expectScope(one('2024-03-01 09:14:02 FATAL disk gone'), 'FATAL', ERROR);
      expectScope(one('cpu 3 panic: stack overflow'), 'panic', ERROR);
    });

    it('warning-ish words', () => {
      expectScope(one('Jul  1 09:10:00 xen01 dmeventd[812]: WARNING: Thin pool data is now 92.31% full.'), 'WARNING', WARNING);
      expectScope(one('2024-03-01 09:14:02 WARN slow'), 'WARN', WARNING);
      const libxl = one('libxl: warning: libxl_dom.c:49:libxl__domain_type: unable to get domain type');
      expectScope(libxl, 'warning', WARNING);
      expectScope(libxl, 'warning', 'markup.changed.level.xen-log');
    });

    it('info and debug apart from each other and from errors', () => {
      expectScope(one('xc: info: Saving domain 1, type x86 PV'), 'info', 'keyword.other.level.info.xen-log');
      expectScope(one('[2009-06-30 13:46:11 5499] INFO (XendCheckpoint:365) Restore exit'), 'INFO', 'keyword.other.level.info.xen-log');
      const debug = one('[2009-06-30 13:46:11 5499] DEBUG (balloon:151) Balloon: 398436 KiB free');
      expectScope(debug, 'DEBUG', 'keyword.other.level.debug.xen-log');
      expectNoScope(debug, 'DEBUG', 'keyword.other.level.error');
      expectScope(one('libxl: debug: libxl_event.c:639:libxl__ev_xswatch_register: watch'), 'debug', 'keyword.other.level.debug.xen-log');
    });

    it('leaves the lower-case words of a message alone', () => {
      const line = one('/etc/xen/scripts/block add [5511] exited with error status 1');
      expectNoScope(line, 'error', 'keyword.other.level');
    });
  });

  describe('hypervisor and guest prefixes, domain ids', () => {
    it('(XEN), (d12), (d12v0) and d12v1', () => {
      expectScope(one('(XEN) [2024-07-01 07:58:02.118] Bootloader: GRUB 2.06'), '(XEN)', 'entity.name.tag.hypervisor.xen-log');
      const guest = one('(d12) HVM Loader');
      expectScope(guest, '(d12)', 'entity.name.tag.guest.xen-log');
      expectScope(guest, 'd12', 'variable.other.domain.xen-log');
      expectScope(one('(d12v0) Detected Xen v4.12.1-1.el7'), 'd12v0', 'variable.other.domain.xen-log');
      const grant = one('(XEN) d12v1 Expanding d7 grant table from 1 to 2 frames');
      expectScope(grant, 'd12v1', 'variable.other.domain.xen-log');
      expectScope(grant, 'd7', 'variable.other.domain.xen-log');
    });

    it('Domain 12, domid 12, domid=12, dom12', () => {
      const line = one('Domain 12 has shut down; (domid 13) domid=14 dom15');
      for (const id of ['12', '13', '14', '15']) expectScope(line, id, 'variable.other.domain.xen-log');
      expectScope(line, 'Domain', 'support.type.domain.xen-log');
      expectScope(one('domid=14'), 'domid', 'support.type.domain.xen-log');
    });

    it('not in hex numbers or in words that contain "dom"', () => {
      const line = one('MCE 0 STATUS d400400000000813 random 12');
      expectNoScope(line, 'd400400000000813', 'variable.other.domain');
      expectNoScope(line, '12', 'variable.other.domain');
    });
  });

  describe('failure phrases', () => {
    it('machine checks and memory errors', () => {
      const kernel = one('Jul  1 09:15:31 xen01 kernel: [ 5006.221398] mce: [Hardware Error]: Machine check events logged');
      expectScope(kernel, 'mce:', `${SOFT}.hardware.xen-log`);
      expectScope(kernel, '[Hardware Error]', `${HARD}.hardware.xen-log`);
      expectScope(kernel, 'Machine check events logged', `${HARD}.hardware.xen-log`);
      expectScope(one('(XEN) CPU4: Machine Check Exception: 0000000000000005'), 'Machine Check Exception', `${HARD}.hardware.xen-log`);
      expectScope(one('{1}Hardware error from APEI Generic Hardware Error Source: 4'), 'Hardware error', `${HARD}.hardware.xen-log`);
      expectScope(one('(XEN) MCE: This error page is ownded by DOM 7'), 'MCE', `${SOFT}.hardware.xen-log`);
      expectScope(one('Uncorrected error'), 'Uncorrected error', `${HARD}.hardware.xen-log`);
    });

    it('EDAC: UE is a hard failure, CE a soft one, and neither leaks into the next line', () => {
      const [ue, ce, next] = tokenize(
        [
          '[Mon Oct  3 13:52:42 2022] EDAC MC0: 1 UE memory read error on CPU_SrcID#0_Ha#0_Chan#2_DIMM#0',
          '[Mon Oct  3 13:52:42 2022] EDAC MC1: 262 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0',
          'CE UE',
        ].join('\n'),
      );
      expectScope(ue, 'EDAC', `${SOFT}.hardware.xen-log`);
      expectScope(ue, 'UE', `${HARD}.hardware.xen-log`);
      expectScope(ce, 'CE', `${SOFT}.hardware.xen-log`);
      expectNoScope(ce, 'CE', HARD);
      expectScope(ce, 'Mon Oct  3 13:52:42 2022', 'constant.numeric.date.ctime.xen-log');
      expectNoScope(next, 'CE', 'invalid');
      expectNoScope(next, 'UE', 'invalid');
    });

    it('not the boot notices about machine-check support', () => {
      const line = one('(XEN) [2024-07-01 07:58:02.201] CPU0: Intel machine check reporting enabled');
      expectNoScope(line, 'machine check', 'invalid');
      expectNoScope(one('(XEN) mcheck_poll: Machine check polling timer started.'), 'Machine check', 'invalid');
    });

    it('panics and traps', () => {
      expectScope(one('Kernel panic - not syncing: Fatal machine check on current CPU'), 'Kernel panic', `${HARD}.panic.xen-log`);
      expectScope(one('(XEN) [2020-12-21 16:33:04] Panic on CPU 0:'), 'Panic on CPU 0', `${HARD}.panic.xen-log`);
      const trap = one('(XEN) FATAL TRAP: vector = 8 (double fault)');
      expectScope(trap, 'FATAL TRAP', `${HARD}.panic.xen-log`);
      expectNoScope(trap, 'FATAL', 'keyword.other.level');
    });

    it('storage errors', () => {
      const request = one('Jul  1 09:14:50 xen01 kernel: [ 4965.104402] blk_update_request: I/O error, dev dm-12, sector 4196352 op 0x1:(WRITE)');
      expectScope(request, 'blk_update_request', `${HARD}.io.xen-log`);
      expectScope(request, 'I/O error', `${HARD}.io.xen-log`);
      expectScope(one('[ 4965.104455] Buffer I/O error on dev dm-12, logical block 524544'), 'Buffer I/O error', `${HARD}.io.xen-log`);
    });

    it('lockups, hung tasks and RCU stalls', () => {
      expectScope(one('[  100.123456] watchdog: BUG: soft lockup - CPU#3 stuck for 23s!'), 'soft lockup', `${HARD}.hang.xen-log`);
      const hung = one('[ 4935.336711] INFO: task jbd2/dm-12-8:2231 blocked for more than 120 seconds.');
      expectScope(hung, 'blocked for more than 120 seconds', `${HARD}.hang.xen-log`);
      expectScope(hung, 'INFO', 'keyword.other.level.info.xen-log');
      expectScope(one('[ 4935.336760] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.'), 'hung_task_timeout_secs', `${HARD}.hang.xen-log`);
      const rcu = one('[ 6011.1] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:');
      expectScope(rcu, 'rcu: INFO:', `${HARD}.hang.xen-log`);
      expectScope(rcu, 'rcu_sched detected stalls', `${HARD}.hang.xen-log`);
    });

    it('the OOM killer and segfaults', () => {
      const oom = one('[ 7001.2] Out of memory: Killed process 4321 (qemu-system-i38) total-vm:4194304kB');
      expectScope(oom, 'Out of memory', `${HARD}.oom.xen-log`);
      expectScope(oom, 'Killed process', `${HARD}.oom.xen-log`);
      expectScope(one('[ 7002.2] qemu-system-i38 invoked oom-killer: gfp_mask=0x100cca'), 'oom-killer', `${HARD}.oom.xen-log`);
      expectScope(one('[  22.1] qemu-dm-7[881]: segfault at 0 ip 00007f3a1c2e4a90 sp 00007ffd error 4'), 'segfault at', `${HARD}.segfault.xen-log`);
    });

    it('crashed and destroyed domains, tracebacks', () => {
      expectScope(one('(XEN) [2024-07-01 09:15:30.414] Domain 7 (vcpu#2) crashed on cpu#4:'), 'crashed', `${HARD}.crash.xen-log`);
      expectScope(one('Domain 7 has been destroyed.'), 'destroyed', `${SOFT}.crash.xen-log`);
      expectScope(one('Traceback (most recent call last):'), 'Traceback (most recent call last):', `${HARD}.traceback.xen-log`);
    });

    it('soft failures: failed, cannot, unable to, timed out, refused', () => {
      const generic = `${SOFT}.generic.xen-log`;
      expectScope(one('Jul  1 09:12:31 xen01 dmeventd[812]: Failed to extend thin vg_guests-thinpool-tpool.'), 'Failed', generic);
      expectScope(one('xc: error: Save failed (0 = Success): Internal error'), 'failed', generic);
      expectScope(one('root: Device /dev/vg/db01-root is mounted in a guest domain, and so cannot be mounted now.'), 'cannot', generic);
      expectScope(one('libxl: error: libxl_create.c:1703:domcreate_launch_dm: Domain 8:unable to add disk devices'), 'unable to', generic);
      expectScope(one('libxl: error: libxl_qmp.c:1 qmp_open: Connection timed out'), 'timed out', generic);
      expectScope(one('2024-07-01 09:15:31 +0000 ERROR: [2002] Connection refused'), 'refused', generic);
      expectNoScope(one('xc: error: Save failed'), 'failed', HARD);
    });

    it('lock managers, xenstore and save / restore / migrate', () => {
      const sanlock = one('sanlock[2150]: 2024-07-01 09:14:02 4711 [2160]: s1 renewal error -202 delta_length 10 last_success 4650');
      expectScope(sanlock, 'sanlock', 'entity.name.type.subsystem.lock.xen-log');
      expectScope(sanlock, 'error -202', `${SOFT}.lock.xen-log`);
      expectScope(one('lvmlockd[977]: 1719825330 S lvm_vg R VGLK lock_san acquire error -202'), 'lvmlockd', 'entity.name.type.subsystem.lock.xen-log');
      expectScope(one('[ 88.1] dlm: vg_guests: recover 3 generation 5 error -110'), 'dlm', 'entity.name.type.subsystem.lock.xen-log');
      const xs = one('libxl: error: libxl_xshelp.c:206:libxl__xs_read_mandatory: xenstore read failed');
      expectScope(xs, 'xenstore', 'entity.name.type.subsystem.xenstore.xen-log');
      expectScope(xs, 'failed', `${SOFT}.generic.xen-log`);
      const save = one('xc: error: save callback suspend() failed: 0: Internal error');
      expectScope(save, 'save', 'entity.name.type.subsystem.save-restore.xen-log');
      expectScope(save, 'suspend', 'entity.name.type.subsystem.save-restore.xen-log');
      expectScope(one('migration target: Ready to receive domain.'), 'migration', 'entity.name.type.subsystem.save-restore.xen-log');
      expectNoScope(one('Restoring domain 3'), 'Restoring', 'invalid');
    });
  });

  it('gives prose and a healthy log line no failure or level scope', () => {
    const lines = tokenize(
      [
        'Daniel checked the savings terrace, then the cannoneer\'s informal errand near Hispanic Domaine.',
        'Jul  1 09:05:12 xen01 kernel: [ 4387.120008] xenbr0: port 3(vif7.0) entered forwarding state',
      ].join('\n'),
    );
    for (const line of lines) {
      for (const t of line) {
        const bad = t.scopes.find((s) => /^(invalid|keyword\.other\.level|entity\.name\.type\.subsystem)/.test(s));
        assert.ok(!bad, `"${t.text}" got ${bad}`);
      }
    }
  });
});

describe('xen-log language configuration', () => {
  it('matches brackets without painting them', () => {
    const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIG, 'utf8')) as { brackets: string[][]; colorizedBracketPairs: string[][] };
    assert.deepStrictEqual(config.brackets, [['[', ']'], ['(', ')']]);
    assert.deepStrictEqual(config.colorizedBracketPairs, []);
  });
});

describe('recognising Xen host logs', () => {
  it('by name, rotated or not, wherever they are', () => {
    for (const name of [
      '/var/log/xen/xl-db01.log',
      '/var/log/xen/xl-db01.log.1',
      '/var/log/xen/qemu-dm-db01.log.2.gz',
      '/var/log/xen/xen-hotplug.log',
      '/var/log/xen/xend.log',
      '/var/log/xen/xend-debug.log.3',
      '/var/log/xen/xenstored-access.log',
      '/var/log/xen/hypervisor.log',
      '/var/log/kern.log.1',
      '/var/log/syslog.2.gz',
      '/var/log/messages-20240301',
      '/var/log/mcelog',
      'C:\\incident\\xen01\\dmesg.txt',
      'dmesg',
      'dmesg-boot.log',
    ]) {
      assert.ok(looksLikeXenLog(name, ''), name);
    }
  });

  it('not by names that only look alike', () => {
    for (const name of ['/src/util-linux/sys-utils/dmesg.c', '/etc/syslog.conf', '/srv/app/messages.json', '/var/log/kern.log.bak', '/srv/xl.cfg']) {
      assert.ok(!looksLikeXenLog(name, ''), name);
    }
  });

  it('by content: console, kernel, toolstack and machine-check logs', () => {
    const heads: Record<string, string> = {
      console: '(XEN) [2024-07-01 07:58:02.118] Xen version 4.17.3\n(XEN) [2024-07-01 07:58:02.118] Bootloader: GRUB 2.06-13+deb12u1\n',
      kernel: 'Jul  1 09:11:40 xen01 kernel: [ 4775.541027] device-mapper: thin: 253:5: reached low water mark\nJul  1 09:12:31 xen01 kernel: [ 4826.902113] device-mapper: thin: 253:5: switching pool\n',
      dmesgT: '[Mon Oct  3 13:52:42 2022] EDAC sbridge MC1: HANDLING MCE MEMORY ERROR\n[Mon Oct  3 13:52:42 2022] EDAC sbridge MC1: TSC 0\n',
      xl: 'libxl: error: libxl_exec.c:117:libxl_report_child_exitstatus: /etc/xen/scripts/block add [5511] exited with error status 1\nlibxl: error: libxl_create.c:1703:domcreate_launch_dm: Domain 8:unable to add disk devices\n',
      mcelog: 'Hardware event. This is not a software error.\nMCE 0\nCPU 4 BANK 8\nMISC 86 ADDR 842c3d000\n',
      xend: '[2009-06-30 13:46:11 5499] DEBUG (XendCheckpoint:210) restore:shadow=0x0\n[2009-06-30 13:46:11 5499] DEBUG (balloon:151) Balloon: 398436 KiB free\n',
    };
    for (const [kind, head] of Object.entries(heads)) assert.ok(looksLikeXenLog(`/tmp/${kind}.txt`, head), kind);
  });

  it('by content: sysstat captures, but not their JSON output', () => {
    const iostat = 'Linux 6.1.0-21-amd64 (xen01) \t07/01/24 \t_x86_64_\t(16 CPU)\n\n07/01/24 09:08:00\navg-cpu:  %user   %nice %system %iowait  %steal   %idle\n           14.00    0.00    3.10    1.20    0.00   81.70\n';
    assert.ok(looksLikeXenLog('/tmp/capture.txt', iostat));
    const sar = '09:14:01 AM     CPU     %user     %nice   %system   %iowait    %steal     %idle\n09:14:02 AM     all     14.00      0.00      3.10      1.20      0.00     81.70\n';
    assert.ok(looksLikeXenLog('/tmp/sar.txt', sar));
    assert.ok(!looksLikeXenLog('/tmp/iostat.json', '{"sysstat": {\n\t"hosts": [\n\t\t{\n\t\t\t"nodename": "xen01",\n'));
  });

  it('not a domU config, JSON, an application log or prose', () => {
    const negatives: Record<string, string> = {
      domU: 'name = "x"\nmemory = 512\n',
      json: '{"name": "x", "memory": 512}\n',
      prettyJson: '{\n  "timestamp": "2024-03-01T09:14:02Z",\n  "level": "error"\n}\n',
      app: '2024-07-01 09:12:58 +0000 INFO: GET /api/v1/orders 200 41ms\n2024-07-01 09:13:41 +0000 ERROR: Too many connections\n',
      prose: 'We moved the database to the new host last week.\nThe migration went well, apart from a short outage.\n',
      device: 'Device drivers are loaded at boot time.\nMost of them are modules.\n',
      time: 'Time: about an hour.\nPeople: three of us.\n',
      bullets: 'Things to check:\n+ the thin pool\n- the RAID controller\n- the network\n',
      quote: 'Last night the host said this:\nKernel panic - not syncing: Fatal machine check on current CPU\nWe replaced the DIMM in the morning and it has been quiet since.\n',
    };
    for (const [kind, head] of Object.entries(negatives)) assert.ok(!looksLikeXenLog(`/tmp/${kind}.txt`, head), kind);
  });
});
