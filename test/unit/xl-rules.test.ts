// One describe per rule id: what triggers it, where it points, and the valid
// configs it must leave alone.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/findings';
import { lintXl } from '../../server/src/xl/lint';
import { WORKSPACE_RULES } from '../../server/src/workspace/rules/registry';
import { LVM_RULES } from '../../server/src/lvm/rules/registry';
import { XL_RULES } from '../../server/src/xl/rules/registry';
import type { XenVersion } from '../../server/src/xl/schema/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PV = 'name = "g"\nkernel = "/boot/vmlinuz"\n';

function lint(text: string, version: XenVersion = '4.22'): Finding[] {
  return lintXl(text, { version, filename: 'guest.cfg' }).findings;
}

function only(text: string, code: string, version?: XenVersion): Finding[] {
  return lint(text, version).filter((f) => f.code === code);
}

/** The text a finding underlines. */
function at(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

describe('xl rules', () => {
  it('registry ids are unique and each is declared in package.json settings', () => {
    const ids = [...XL_RULES, ...WORKSPACE_RULES, ...LVM_RULES].map((r) => r.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const declared = Object.keys(pkg.contributes.configuration.properties['xenops.rules'].properties);
    assert.deepStrictEqual(declared.sort(), [...ids].sort());
  });

  it('reports nothing on valid configs of every guest type', () => {
    for (const f of ['pv-pygrub.cfg', 'hvm-full.cfg', 'pvh-kernel.cfg']) {
      const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'xl', f), 'utf8');
      assert.deepStrictEqual(lint(text).map((x) => `${x.code}: ${x.message}`), [], f);
    }
    assert.deepStrictEqual(lint(fs.readFileSync(path.join(ROOT, 'examples', 'xen01', 'web01.cfg'), 'utf8')), []);
  });

  describe('xl/syntax', () => {
    it('uses xl\'s message, points at the token, and offers to quote a bare word', () => {
      const text = PV + 'type = hvm\n';
      const [f] = only(text, 'xl/syntax');
      assert.match(f.message, /^config parsing error near `hvm': syntax error, unexpected IDENT/);
      assert.strictEqual(at(text, f), 'hvm');
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '"hvm"', title: 'Quote hvm' }]);
    });
    it('offers to quote an unquoted negative number', () => {
      const text = PV + 'rtc_timeoffset = -3600\n';
      const [f] = only(text, 'xl/syntax');
      assert.strictEqual(at(text, f), '-3600');
      assert.strictEqual(f.fixes?.[0].kind === 'replace' && f.fixes[0].text, '"-3600"');
    });
    it('reports CRLF once for the whole file, with a fix that converts it', () => {
      const text = PV.replace(/\n/g, '\r\n') + 'memory = 512\r\n';
      const found = only(text, 'xl/syntax');
      assert.strictEqual(found.length, 1);
      assert.match(found[0].message, /CRLF/);
    });
    it('warns about a stray character xl drops silently at the end of a file', () => {
      const [f] = only(PV + 'memory = 512M', 'xl/syntax');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /silently ignores `M'/);
    });
    it('keeps checking after the point where xl gives up', () => {
      const text = 'import os\nname = "x"\nkernel = "/k"\nmemroy = 1\n';
      assert.ok(only(text, 'xl/unknown-key').some((f) => at(text, f) === 'memroy'));
    });
  });

  describe('xl/xm-config', () => {
    it('lists the Python lines of an xm config', () => {
      const [f] = only('import os\nname = "vm%d" % 3\nkernel = "/k"\n', 'xl/xm-config');
      assert.match(f.message, /line 1 \(a Python import\)/);
      assert.match(f.message, /line 2 \(Python string formatting/);
    });
    it('stays quiet on xl configs', () => {
      assert.deepStrictEqual(only(PV, 'xl/xm-config'), []);
    });
  });

  describe('xl/unknown-key', () => {
    it('suggests the closest key and offers the rename', () => {
      const text = PV + 'memroy = 512\n';
      const [f] = only(text, 'xl/unknown-key');
      assert.strictEqual(at(text, f), 'memroy');
      assert.deepStrictEqual(f.fixes, [{ kind: 'rename-key', to: 'memory' }]);
    });
    it('names the xl replacement of an xm-only key', () => {
      const [f] = only(PV + 'cpu_cap = 50\n', 'xl/unknown-key');
      assert.match(f.message, /legacy xm\/xend option.*Use `cap`/);
    });
    it('knows keys newer than the target Xen', () => {
      const text = PV + 'llc_colors = [ "0-3" ]\n';
      assert.match(only(text, 'xl/unknown-key', '4.17')[0].message, /from Xen 4\.20 on; the target is Xen 4\.17/);
      assert.deepStrictEqual(only(text, 'xl/unknown-key', '4.22'), []);
    });
  });

  describe('xl/duplicate-key', () => {
    it('flags the value xl ignores and links the one it uses', () => {
      const text = PV + 'memory = 512\nmemory = 1024\n';
      const [f] = only(text, 'xl/duplicate-key');
      assert.strictEqual(text.slice(f.start, f.end), 'memory');
      assert.ok(f.start < text.indexOf('1024'));
      assert.match(f.message, /line 4/);
    });
    it('does not flag += appends', () => {
      assert.deepStrictEqual(only(PV + 'extra = "a"\nextra += " b"\n', 'xl/duplicate-key'), []);
    });
  });

  describe('xl/type', () => {
    it('accepts quoted numbers like xl does', () => {
      assert.deepStrictEqual(only(PV + 'memory = "2048"\n', 'xl/type'), []);
    });
    it('rejects "yes" as a boolean and offers 1', () => {
      const [f] = only(PV + 'localtime = "yes"\n', 'xl/type');
      assert.match(f.message, /not a valid number.*Booleans are 1 or 0/);
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '1', title: 'Write 1' }]);
    });
    it('offers to wrap a single disk string in a list', () => {
      const [f] = only(PV + "disk = 'phy:/dev/vg/lv,xvda,w'\n", 'xl/type');
      assert.match(f.message, /no disk at all/);
      assert.strictEqual(f.fixes?.[0].kind === 'replace' && f.fixes[0].text, "[ 'phy:/dev/vg/lv,xvda,w' ]");
    });
    it('rejects a list where one value is wanted', () => {
      assert.match(only(PV + 'memory = [ 512 ]\n', 'xl/type')[0].message, /is a list but should be a single value/);
    });
  });

  describe('xl/enum', () => {
    it('rejects values outside the allowed set (case-sensitive where xl uses strcmp)', () => {
      assert.strictEqual(only(PV + 'on_crash = "reboot"\n', 'xl/enum').length, 1);
      assert.strictEqual(only(PV + 'on_crash = "Restart"\n', 'xl/enum').length, 1);
      assert.deepStrictEqual(only(PV + 'on_crash = "coredump-restart"\n', 'xl/enum'), []);
    });
    it('explains xl\'s prefix match on type', () => {
      const [f] = only(PV + 'type = "p"\n', 'xl/enum');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /as "pv" only because it compares prefixes/);
    });
  });

  describe('xl/range', () => {
    it('checks the ranges libxl enforces', () => {
      assert.match(only(PV + 'cpu_weight = 70000\n', 'xl/range')[0].message, /1 to 65535/);
      assert.deepStrictEqual(only(PV + 'cpu_weight = 512\n', 'xl/range'), []);
    });
  });

  describe('xl/octal-number', () => {
    it('explains that a leading zero means octal', () => {
      const [f] = only(PV + 'memory = 0400\n', 'xl/octal-number');
      assert.match(f.message, /memory = 256, not 400/);
    });
    it('says all-zero and one-digit spellings keep their value, and writes it without the zeros', () => {
      for (const [raw, value] of [['00', '0'], ['000', '0'], ['07', '7'], ['0007', '7']]) {
        const text = PV + `memory = ${raw}\n`;
        const [f] = only(text, 'xl/octal-number');
        assert.strictEqual(at(text, f), raw);
        assert.strictEqual(f.message, `\`${raw}\` has a leading zero, which makes it octal to xl: memory = ${value} all the same, but more digits would change that (\`010\` is 8)`);
        assert.strictEqual(f.severity, 'info');
        assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: value, title: `Write ${value} (decimal)` }]);
      }
    });
    it('leaves 0, decimal and hex alone', () => {
      for (const raw of ['0', '10', '0x10', '"0"', '"400"']) assert.deepStrictEqual(only(PV + `memory = ${raw}\n`, 'xl/octal-number'), [], raw);
    });
    it('reads strings the way strtol does: blanks and a sign before the zero, the fix keeps the quotes', () => {
      const [f] = only(PV + 'memory = "0400"\n', 'xl/octal-number');
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '"400"', title: 'Write 400 (decimal)' }]);
      assert.match(only(PV + 'rtc_timeoffset = " -010"\n', 'xl/octal-number')[0].message, /rtc_timeoffset = -8, not -10/);
      assert.deepStrictEqual(only(PV + 'memory = "00"\n', 'xl/octal-number')[0].fixes, [{ kind: 'replace', text: '"0"', title: 'Write 0 (decimal)' }]);
    });
    it('leaves 08 to xl/type (strtol stops at the 8, so xl rejects it) and explains why', () => {
      const text = PV + 'memory = 08\n';
      assert.deepStrictEqual(only(text, 'xl/octal-number'), []);
      const [f] = only(text, 'xl/type');
      assert.strictEqual(at(text, f), '08');
      assert.strictEqual(f.message, "parameter `memory' is not a valid number: the leading 0 makes it octal, which has no 8 or 9, so xl ignores the setting");
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '8', title: 'Write 8 (decimal)' }]);
      assert.match(only(PV + 'memory = 0x\n', 'xl/type')[0].message, /not a valid number\. xl ignores the setting$/);
    });
    it('says nothing after += (xl reads no number there) or on an overflow', () => {
      assert.deepStrictEqual(only(PV + 'memory = 1\nmemory += 0400\n', 'xl/octal-number'), []);
      assert.deepStrictEqual(only(PV + 'memory = 01777777777777777777777\n', 'xl/octal-number'), []);
    });
  });

  describe('xl/memory-maxmem', () => {
    it('flags memory above maxmem with both fixes', () => {
      const text = PV + 'memory = 4096\nmaxmem = 2048\n';
      const [f] = only(text, 'xl/memory-maxmem');
      assert.strictEqual(at(text, f), '4096');
      assert.deepStrictEqual(f.fixes?.map((x) => (x.kind === 'replace' ? x.title : '')), ['Lower memory to 2048', 'Raise maxmem to 4096']);
    });
    it('flags PoD with PCI passthrough on HVM', () => {
      const text = 'name = "g"\ntype = "hvm"\nmemory = 2048\nmaxmem = 4096\npci = [ "03:00.0" ]\n';
      assert.match(only(text, 'xl/memory-maxmem')[0].message, /IOMMU required for device passthrough/);
    });
  });

  describe('xl/vcpus-maxvcpus', () => {
    it('flags vcpus above maxvcpus and HVM guests beyond 128 vCPUs', () => {
      assert.match(only(PV + 'vcpus = 4\nmaxvcpus = 2\n', 'xl/vcpus-maxvcpus')[0].message, /maxvcpus < vcpus/);
      assert.match(only('name = "g"\ntype = "hvm"\nvcpus = 200\n', 'xl/vcpus-maxvcpus')[0].message, /exceeds max \(128\)/);
    });
  });

  describe('xl/guest-type', () => {
    it('flags HVM-only keys in a PV guest', () => {
      const text = PV + 'boot = "c"\n';
      const [f] = only(text, 'xl/guest-type');
      assert.strictEqual(at(text, f), 'boot');
      assert.match(f.message, /no `type` is set, so this is a PV guest/);
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(only('name = "g"\ntype = "pv"\nkernel = "/k"\nboot = "c"\n', 'xl/guest-type')[0].severity, 'info');
    });
    it('treats timer_mode on PV as the error xl makes of it', () => {
      assert.strictEqual(only(PV + 'timer_mode = "delay_for_missed_ticks"\n', 'xl/guest-type')[0].severity, 'error');
    });
  });

  describe('xl/missing-required', () => {
    it('requires a name and offers one from the file name', () => {
      const [f] = only('kernel = "/k"\n', 'xl/missing-required');
      assert.match(f.message, /Domain name must be specified/);
      assert.deepStrictEqual(f.fixes, [{ kind: 'insert', at: 0, text: 'name = "guest"\n', title: 'Add name = "guest"' }]);
    });
    it('requires kernel, bootloader or firmware for PV and PVH, not HVM', () => {
      assert.match(only('name = "g"\n', 'xl/missing-required')[0].message, /Neither kernel nor bootloader/);
      assert.deepStrictEqual(only('name = "g"\ntype = "hvm"\n', 'xl/missing-required'), []);
      assert.deepStrictEqual(only('name = "g"\ntype = "pvh"\nfirmware = "pvgrub64"\n', 'xl/missing-required'), []);
    });
  });

  describe('xl/conflict', () => {
    it('flags contradicting builder and type, and kernel with firmware', () => {
      assert.strictEqual(only('name = "g"\ntype = "pv"\nbuilder = "hvm"\nkernel = "/k"\n', 'xl/conflict').length, 1);
      assert.match(only(PV + 'firmware = "pvgrub64"\n', 'xl/conflict')[0].message, /both kernel and firmware/);
    });
  });

  describe('xl/deprecated', () => {
    it('offers builder -> type', () => {
      const text = 'name = "g"\nbuilder = "hvm"\n';
      const [f] = only(text, 'xl/deprecated');
      assert.strictEqual(at(text, f), 'builder = "hvm"');
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: 'type = "hvm"', title: 'Replace with type = "hvm"' }]);
    });
    it('offers to remove builder when type is set', () => {
      const text = 'name = "g"\ntype = "pv"\nbuilder = "generic"\nkernel = "/k"\n';
      const [f] = only(text, 'xl/deprecated');
      assert.strictEqual(at(text, f), 'builder = "generic"');
      assert.match(f.message, /`type` already sets the guest type: remove `builder`/);
      const start = text.indexOf('builder');
      assert.deepStrictEqual(f.fixes, [{ kind: 'replace', text: '', title: 'Remove builder (type is set)', start, end: start + 'builder = "generic"\n'.length }]);
    });
    it('flags only the deprecated integer form of timer_mode', () => {
      const hvm = 'name = "g"\ntype = "hvm"\n';
      assert.strictEqual(only(hvm + 'timer_mode = 1\n', 'xl/deprecated').length, 1);
      assert.deepStrictEqual(only(hvm + 'timer_mode = "no_delay_for_missed_ticks"\n', 'xl/deprecated'), []);
    });
  });

  describe('xl/disk-spec', () => {
    it('reports the libxlutil error inside the string', () => {
      const text = PV + "disk = [ 'phy:/dev/vg/lv,xvda,w!' ]\n";
      const [f] = only(text, 'xl/disk-spec');
      assert.strictEqual(at(text, f), 'w!');
      assert.match(f.message, /^config parsing error in disk specification: unknown value for access: near `w!'/);
    });
    it('catches the xm habit of leaving out the format slot', () => {
      assert.match(only(PV + "disk = [ '/dev/vg/lv,xvda,w' ]\n", 'xl/disk-spec')[0].message, /unknown value for format: near `xvda'/);
    });
    it('rejects vdevs libxl refuses, and phy with qcow2', () => {
      assert.match(only(PV + "disk = [ '/dev/vg/lv,raw,hde,w' ]\n", 'xl/disk-spec')[0].message, /Invalid or unsupported virtual disk identifier hde/);
      assert.match(only(PV + "disk = [ 'backendtype=phy,format=qcow2,vdev=xvda,target=/i.q2' ]\n", 'xl/disk-spec')[0].message, /no suitable backend/);
    });
    it('follows the target version: trusted is a flag from 4.19 on', () => {
      const text = PV + "disk = [ 'vdev=xvda,trusted,target=/dev/vg/lv' ]\n";
      assert.deepStrictEqual(only(text, 'xl/disk-spec', '4.19'), []);
      assert.strictEqual(only(text, 'xl/disk-spec', '4.17').length, 1);
    });
  });

  describe('xl/vif-spec, xl/pci-spec, xl/cpus-spec', () => {
    it('checks rates, PCI addresses and CPU lists', () => {
      assert.match(only(PV + "vif = [ 'rate=100mb/s' ]\n", 'xl/vif-spec')[0].message, /invalid rate/);
      assert.strictEqual(only(PV + "pci = [ '03:00.x' ]\n", 'xl/pci-spec').length, 1);
      assert.strictEqual(only(PV + 'cpus = "3-1"\n', 'xl/cpus-spec').length, 1);
      assert.deepStrictEqual(lint(PV + "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0,rate=10Mb/s@20ms' ]\npci = [ '0000:03:00.0' ]\ncpus = \"0-3,^1\"\n"), []);
    });
  });

  describe('xl/duplicate-vdev', () => {
    it('sees xvda and its device number as the same disk', () => {
      const text = PV + "disk = [ '/dev/vg/a,raw,xvda,w', '/dev/vg/b,raw,51712,w' ]\n";
      const found = only(text, 'xl/duplicate-vdev');
      assert.strictEqual(found.length, 2);
      assert.ok(found.every((f) => f.related?.length === 1));
    });
  });
});
