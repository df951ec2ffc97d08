// The built-in log rule pack: it parses, every sample is claimed by its own rule
// (rules are tried in file order, so an earlier rule must not steal a later one's
// samples), counter lines stay out, every category is covered, every literal is
// live. Also the error messages of parsePack and the override order of mergePacks.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, compilePack, mergePacks, parsePack } from '../../server/src/logs/rules';
import { CATEGORIES, LOG_FORMATS, type RulePack } from '../../server/src/logs/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PACK_PATH = path.join(ROOT, 'server', 'src', 'logs', 'rules', 'builtin.yaml');
const GROUPS = new Set(['domid', 'domain', 'bank', 'status', 'epoch', 'cpu']);

function loadBuiltin(): RulePack {
  return parsePack(fs.readFileSync(PACK_PATH, 'utf8'), 'builtin.yaml');
}

/** A minimal valid rule, to be spoiled one field at a time. */
function ruleYaml(fields: Record<string, string>): string {
  const base: Record<string, string> = {
    id: 'test-rule',
    category: 'disk-io',
    severity: 'error',
    literals: "['I/O error']",
    pattern: "'I/O error, dev \\S+'",
    samples: "['I/O error, dev sda, sector 1']",
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `    ${k}: ${v}`);
  return `rules:\n  - ${lines.join('\n').trimStart()}\n`;
}

describe('log rule pack (builtin.yaml)', () => {
  const pack = loadBuiltin();
  const compiled = compilePack(pack);

  it('parses and compiles', () => {
    assert.ok(pack.rules.length >= 80, `only ${pack.rules.length} rules`);
    assert.ok(pack.links.length >= 3, `only ${pack.links.length} links`);
    assert.strictEqual(compiled.rules.length, pack.rules.length);
  });

  it('rule and link ids are unique', () => {
    const seen = new Set<string>();
    for (const r of pack.rules) {
      assert.ok(!seen.has(r.id), `duplicate rule id ${r.id}`);
      seen.add(r.id);
    }
    const links = new Set<string>();
    for (const l of pack.links) {
      assert.ok(!links.has(l.id), `duplicate link id ${l.id}`);
      links.add(l.id);
    }
  });

  it('every category has at least 3 rules', () => {
    for (const c of CATEGORIES) {
      const n = pack.rules.filter((r) => r.category === c).length;
      assert.ok(n >= 3, `category ${c} has ${n} rules`);
    }
  });

  it('every rule has an explanation and at least 2 samples', () => {
    for (const r of pack.rules) {
      assert.ok(r.explain && r.explain.length > 20, `${r.id}: no explanation`);
      assert.ok(r.samples.length >= 2, `${r.id}: ${r.samples.length} sample(s)`);
    }
  });

  it('named groups are only the ones the engine reads', () => {
    for (const r of pack.rules) {
      for (const m of (r.pattern ?? '').matchAll(/\(\?<([A-Za-z_]\w*)>/g)) {
        assert.ok(GROUPS.has(m[1]), `${r.id}: unknown group ${m[1]}`);
      }
    }
  });

  it('every literal of a rule occurs in one of its samples', () => {
    for (const r of pack.rules) {
      for (const lit of r.literals) {
        assert.ok(r.samples.some((s) => s.includes(lit)), `${r.id}: literal ${JSON.stringify(lit)} is in no sample`);
      }
    }
  });

  it('formats named by rules are known formats', () => {
    for (const r of pack.rules) {
      for (const f of r.formats ?? []) assert.ok(f in LOG_FORMATS, `${r.id}: unknown format ${f}`);
    }
  });

  describe('samples are claimed by their own rule', () => {
    for (const rule of pack.rules) {
      it(rule.id, () => {
        for (const sample of rule.samples) {
          const hit = classify(compiled, sample);
          assert.ok(hit, `${rule.id}: no rule claims ${JSON.stringify(sample)}`);
          assert.strictEqual(hit.rule.id, rule.id, `${JSON.stringify(sample)} went to ${hit.rule.id}, not ${rule.id}`);
          assert.strictEqual(hit.rule.category, rule.category);
          assert.strictEqual(hit.rule.severity, rule.severity);
        }
        for (const line of rule.counter ?? []) {
          const hit = classify(compiled, line);
          assert.notStrictEqual(hit?.rule.id, rule.id, `${rule.id} must not claim counter ${JSON.stringify(line)}`);
        }
      });
    }
  });

  it('record patterns compile and samples of record rules are not their own continuations', () => {
    for (const r of compiled.rules) {
      if (!r.record) continue;
      assert.ok(r.record.until !== undefined || r.record.while !== undefined, `${r.id}: record needs until or while`);
      if (r.while) for (const s of r.samples) assert.ok(!r.while.test(s) || /\(XEN\)/.test(s), `${r.id}: sample looks like a continuation: ${s}`);
    }
  });

  it('captures the named groups it promises', () => {
    const expect: Array<[string, Record<string, string>]> = [
      ['Domain 12 has shut down, reason code 3 0x3', { domid: '12' }],
      ['Jul  1 09:01:05 xen01 kernel: mce: [Hardware Error]: CPU 3: Machine Check: 0 Bank 6: cc5a214000041152', { cpu: '3', bank: '6', status: 'cc5a214000041152' }],
      ['(XEN) CPU3: Machine Check Exception:                5', { cpu: '3' }],
      ['[2012-03-14 10:31:44 2211] WARNING (XendDomainInfo:2066) Domain has crashed: name=web05 id=12.', { domain: 'web05', domid: '12' }],
      ['(XEN) p2m_pod_demand_populate: Dom5 out of PoD memory! (tot=262144 ents=786432 dom0)', { domid: '5' }],
      ['[  501.840828] vif vif-12-0 vif12.0: fatal error; disabling device', { domid: '12' }],
      // gdprintk names the vCPU that asked (dom0's); the domain that ran out is id=
      ['(XEN) memory.c:364:d0v3 Could not allocate order=9 extent: id=5 memflags=0xc0 (12 of 512)', { domid: '5' }],
      ['(XEN) d0v1 Over-allocation for d5: 262401 > 262400', { domid: '5' }],
    ];
    for (const [line, groups] of expect) {
      const hit = classify(compiled, line);
      assert.ok(hit?.match?.groups, `no groups for ${line}`);
      for (const [k, v] of Object.entries(groups)) assert.strictEqual(hit.match.groups[k], v, `${k} of ${line}`);
    }
  });

  it('separates corrected from uncorrected machine checks by the UC bit', () => {
    const sev = (l: string) => classify(compiled, l)?.rule.severity;
    assert.strictEqual(sev('[ 1.0] mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 4: a600000000020408'), 'error');
    assert.strictEqual(sev('[ 1.0] mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 4: 9c00004000010091'), 'warning');
  });

  it('files a crashed Linux kernel as its domain\'s crash, after the panics whose cause has a category', () => {
    const rule = (l: string) => classify(compiled, l)?.rule;
    for (const line of ['(d12) Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(202,1)', '[ 4012.551203] Kernel panic - not syncing: Fatal exception', 'Jul  1 09:01:05 web05 kernel: BUG: kernel NULL pointer dereference, address: 0000000000000008']) {
      assert.deepStrictEqual([rule(line)?.category, rule(line)?.severity], ['domain-crash', 'error'], line);
    }
    assert.strictEqual(rule('[   41.203315] Kernel panic - not syncing: Fatal machine check')?.category, 'mce');
    assert.strictEqual(rule('[ 9912.100012] Kernel panic - not syncing: Out of memory and no killable processes...')?.category, 'memory');
    assert.strictEqual(rule('[ 1234.567890] Kernel panic - not syncing: softlockup: hung tasks')?.category, 'kernel-hang');
  });

  it('files xend\'s save, restore and migration errors as domain-suspend, its other errors as domain-create', () => {
    const xend = (l: string) => classify(compiled, l, 'xend')?.rule.category;
    assert.strictEqual(xend('[2009-06-30 13:46:14 5499] ERROR (XendDomain:1136) XendError: /usr/lib/xen/bin/xc_restore 4 7 1 2 0 0 0 failed'), 'domain-suspend');
    assert.strictEqual(xend('[2011-05-10 09:00:01 3105] ERROR (XendCheckpoint:295) Exception while reading the image header'), 'domain-suspend');
    assert.strictEqual(xend('[2011-02-17 08:12:44 3105] ERROR (XendDomainInfo:1942) XendDomainInfo.destroy: xc.domain_destroy failed.'), 'domain-create');
  });

  it('does not take QEMU declining the console xenconsoled serves for a failure', () => {
    assert.strictEqual(classify(compiled, "xen-qemu-system-i386: failed to create 'console' device '0': declining to handle console type 'xenconsoled'"), undefined);
    assert.strictEqual(classify(compiled, "xen-qemu-system-i386: failed to create 'vkbd' device '0': Could not open backend")?.rule.id, 'qemu-dm-error');
  });

  it('leaves routine lines alone', () => {
    const routine = [
      'Parsing config from /etc/xen/web05.cfg',
      'libxl: debug: libxl_device.c:386:libxl__device_disk_set_backend: Disk vdev=xvda spec.backend=phy',
      'xc: progress: Reloading memory pages: 52224/1048576    4%',
      'Migration successful.',
      'migration target: Domain started successsfully.',
      'Waiting for domain web05 (domid 12) to die [pid 4711]',
      'Domain 12 has shut down, reason code 0 0x0',
      'Done. Exiting now',
      '[    0.043437] mce: CPU supports 7 MCE banks',
      '(XEN) CPU0: Intel machine check reporting enabled',
      '(XEN) mce_intel.c:780: MCA Capability: firstbank 0, extended MCE MSR 0, BCAST, SER, CMCI',
      'Jul  1 09:01:05 xen01 kernel: xenbr0: port 2(vif12.0) entered forwarding state',
      'Jul  1 09:01:05 xen01 kernel: e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx',
      '(XEN) Xen version 4.17.3 (Debian 4.17.3+10-g091466ba55-1~deb12u1) (pkg-xen-devel@lists.alioth.debian.org) (x86_64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0) debug=n Tue Jan 30 18:59:56 UTC 2024',
      '2024-07-01 09:01:05 812345 [2210]: s1 delta_renew begin read',
      '  Logical volume "web05-disk" created.',
    ];
    for (const line of routine) {
      const hit = classify(compiled, line);
      assert.strictEqual(hit, undefined, `${JSON.stringify(line)} was claimed by ${hit?.rule.id}`);
    }
  });

  describe('links', () => {
    for (const link of compiled.links) {
      it(link.id, () => {
        assert.ok(link.samples.length >= 2, `${link.id}: needs 2 samples`);
        for (const s of link.samples) {
          assert.ok(link.literals.some((l) => s.includes(l)), `${link.id}: no literal in ${s}`);
          const m = link.regex.exec(s);
          assert.ok(m?.groups?.domid && m.groups.domain, `${link.id}: no domid/domain in ${s}`);
          assert.match(m.groups.domid, /^\d+$/);
        }
        for (const lit of link.literals) {
          assert.ok(link.samples.some((s) => s.includes(lit)), `${link.id}: literal ${JSON.stringify(lit)} is in no sample`);
        }
      });
    }
  });
});

describe('parsePack errors', () => {
  it('names an unknown category', () => {
    assert.throws(() => parsePack(ruleYaml({ category: 'disk' }), 'x.yaml'), /x\.yaml: rule test-rule: unknown category 'disk'/);
  });

  it('requires literals', () => {
    assert.throws(() => parsePack(ruleYaml({ literals: '[]' }), 'x.yaml'), /rule test-rule: needs `literals`/);
    assert.throws(() => parsePack(ruleYaml({ literals: '' }), 'x.yaml'), /rule test-rule: needs `literals`/);
  });

  it('reports a bad regular expression', () => {
    assert.throws(() => parsePack(ruleYaml({ pattern: "'I/O error (dev'" }), 'x.yaml'), /rule test-rule: bad pattern/);
  });

  it('reports a bad severity and missing samples', () => {
    assert.throws(() => parsePack(ruleYaml({ severity: 'fatal' }), 'x.yaml'), /severity must be error, warning or info/);
    assert.throws(() => parsePack(ruleYaml({ samples: '' }), 'x.yaml'), /needs at least one sample line/);
  });

  it('reports invalid YAML', () => {
    assert.throws(() => parsePack('rules: [\n  - id: x', 'x.yaml'), /x\.yaml: not valid YAML/);
  });

  it('checks the record options', () => {
    assert.throws(() => parsePack(ruleYaml({ record: "{ while: 'x', max: 3, severity: { fatal: 'y' } }" }), 'x.yaml'), /record\.severity keys are error, warning or info/);
    assert.throws(() => parsePack(ruleYaml({ record: "{ while: 'x', max: 3, last: '(' }" }), 'x.yaml'), /bad pattern/);
    assert.throws(() => parsePack(ruleYaml({ record: "{ while: 'x', max: 3, peek: 'yes' }" }), 'x.yaml'), /record\.peek is true or false/);
    const ok = compilePack(parsePack(ruleYaml({ record: "{ while: 'x', max: 3, last: 'end', fields: '(?<domid>\\d+)', severity: { warning: 'w', error: 'e' } }" }), 'x.yaml'));
    assert.deepStrictEqual(ok.rules[0].severityBy!.map(([level]) => level), ['error', 'warning'], 'most severe first');
  });

  it('accepts the minimal rule', () => {
    const p = parsePack(ruleYaml({}), 'x.yaml');
    assert.strictEqual(p.rules.length, 1);
    assert.deepStrictEqual(p.rules[0].counter, []);
  });
});

describe('mergePacks', () => {
  const builtin = loadBuiltin();

  it('workspace rules replace built-in rules with the same id and come first', () => {
    const target = builtin.rules.find((r) => r.id === 'kernel-soft-lockup');
    assert.ok(target);
    const workspace = parsePack(
      ruleYaml({
        id: 'kernel-soft-lockup',
        category: 'app-crash',
        severity: 'warning',
        literals: "['soft lockup - CPU#']",
        pattern: "'soft lockup'",
        samples: "['watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [java:1234]']",
      }) + '  - id: local-extra\n    category: network\n    severity: info\n    literals: [\'carrier lost\']\n    samples: [\'eth9: carrier lost\']\n',
      'rules.yaml',
    );
    const merged = mergePacks(builtin, workspace);
    assert.strictEqual(merged.rules.length, builtin.rules.length + 1);
    assert.strictEqual(merged.rules[0].id, 'kernel-soft-lockup');
    assert.strictEqual(merged.rules[1].id, 'local-extra');
    assert.strictEqual(merged.rules.filter((r) => r.id === 'kernel-soft-lockup').length, 1);
    const hit = classify(compilePack(merged), '[ 1.0] watchdog: BUG: soft lockup - CPU#3 stuck for 22s! [java:1234]');
    assert.strictEqual(hit?.rule.category, 'app-crash');
    assert.strictEqual(hit?.rule.severity, 'warning');
  });

  it('without a workspace pack the built-in pack is unchanged', () => {
    assert.strictEqual(mergePacks(builtin), builtin);
  });
});
