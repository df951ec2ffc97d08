// lvm.conf rules: each finding with its rule id, lvm2's own message where lvm2 has
// one (checked against lvmconfig --validate), and fixes that change only what they say.
import * as assert from 'node:assert';
import type { Finding } from '../../server/src/core/findings';
import { quickFixes } from '../../server/src/core/quickFixes';
import { lintLvm } from '../../server/src/lvm/lint';

function findings(text: string, file = 'lvm.conf'): Finding[] {
  return lintLvm(text, file).findings;
}

function only(text: string, code: string, file?: string): Finding {
  const all = findings(text, file);
  assert.deepStrictEqual(all.map((f) => f.code), [code], JSON.stringify(all.map((f) => f.message), null, 1));
  return all[0];
}

/** The text after applying the fix with this title. */
function fixed(text: string, f: Finding, title: string | RegExp): string {
  const fix = quickFixes([f], f.start, f.end).find((q) => (typeof title === 'string' ? q.title === title : title.test(q.title)));
  assert.ok(fix, `no fix "${title}" in ${JSON.stringify(quickFixes([f], f.start, f.end).map((q) => q.title))}`);
  let out = text;
  for (const c of [...fix.changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

describe('lvm.conf rules', () => {
  describe('lvm/syntax', () => {
    it('reports lvm2\'s parse error and that lvm2 then refuses the whole file', () => {
      const f = only('global {\n\tunits = "m"\n', 'lvm/syntax');
      assert.match(f.message, /^Parse error at byte 23 \(line 3\): unexpected token \(the file ends inside a section: a closing `\}` is missing\): lvm2 refuses the whole file/);
    });

    it('explains a hex number and rewrites it in decimal', () => {
      const text = 'global {\n\tumask = 0x3f\n}\n';
      const f = only(text, 'lvm/syntax');
      assert.strictEqual(text.slice(f.start, f.end), '0x3f');
      assert.match(f.message, /no hexadecimal numbers: write 63, or 077 in octal/);
      assert.strictEqual(fixed(text, f, 'Write 63'), 'global {\n\tumask = 63\n}\n');
    });

    it('explains 08 (octal without 8) and drops the zero', () => {
      const text = 'activation { thin_pool_autoextend_percent = 08 }';
      const f = only(text, 'lvm/syntax');
      assert.match(f.message, /^Failed to read int token\. `08` starts with 0, which makes it octal.*2\.03\.39 and older silently read it as 0/);
      assert.strictEqual(fixed(text, f, 'Remove the leading zeros'), 'activation { thin_pool_autoextend_percent = 8 }');
    });

    it('says how settings are written when the = is missing', () => {
      assert.match(only('global {\n\tumask 077\n}\n', 'lvm/syntax').message, /a setting is written `name = value`/);
    });
  });

  describe('lvm/unknown-setting', () => {
    it('uses lvm2\'s message and suggests a name from the same section', () => {
      const text = 'devices { issue_discard = 1 }';
      const f = only(text, 'lvm/unknown-setting');
      assert.match(f.message, /^Configuration setting "devices\/issue_discard" unknown\. Did you mean `issue_discards`\?/);
      assert.strictEqual(fixed(text, f, 'Rename to issue_discards'), 'devices { issue_discards = 1 }');
    });

    it('says which section a misplaced setting belongs in', () => {
      assert.match(only('devices { use_lvmlockd = 1 }', 'lvm/unknown-setting').message, /`use_lvmlockd` belongs in section `global`/);
    });

    it('knows that section names are case-sensitive', () => {
      const f = only('Global { units = "m" }', 'lvm/unknown-setting');
      assert.match(f.message, /^Configuration section "Global" unknown\. Did you mean `global`\?/);
    });

    it('reports a setting outside any section', () => {
      assert.match(only('units = "m"', 'lvm/unknown-setting').message, /^Configuration setting "units" invalid\. It's not part of any section\. It belongs in section `global`/);
    });

    it('follows slash paths one level at a time, and renames only the last part', () => {
      const text = 'devices/filtr = [ "a|.*|" ]';
      const f = only(text, 'lvm/unknown-setting');
      assert.strictEqual(text.slice(f.start, f.end), 'filtr');
      assert.strictEqual(fixed(text, f, 'Rename to filter'), 'devices/filter = [ "a|.*|" ]');
    });

    it('accepts variable section names under tags', () => {
      assert.deepStrictEqual(findings('tags { hosttags = 1\n xen_hosts { host_list = [ "xen01", "xen02" ] } }'), []);
    });

    it('checks a profile for settings a profile may not set', () => {
      assert.match(only('global { use_lvmlockd = 1 }', 'lvm/unknown-setting', '/etc/lvm/profile/x.profile').message, /not customizable by a profile/);
      assert.deepStrictEqual(findings('allocation { thin_pool_zero = 1 }', '/etc/lvm/profile/x.profile'), []);
    });
  });

  describe('lvm/type', () => {
    it('reads a quoted number as a string, like lvm2, and unquotes it', () => {
      const text = 'activation { thin_pool_autoextend_threshold = "70" }';
      const f = only(text, 'lvm/type');
      assert.match(f.message, /^Configuration setting "activation\/thin_pool_autoextend_threshold" has invalid type\. Found string but expected integer\./);
      assert.match(f.message, /built-in default \(100\)/);
      assert.strictEqual(fixed(text, f, 'Write 70 without quotes'), 'activation { thin_pool_autoextend_threshold = 70 }');
    });

    it('rejects a float for an integer', () => {
      assert.match(only('activation { thin_pool_autoextend_percent = 20.5 }', 'lvm/type').message, /Found float but expected integer/);
    });

    it('accepts every boolean spelling lvm2 accepts, and no other word', () => {
      assert.deepStrictEqual(findings('devices { issue_discards = YES scan_lvs = off }\nglobal { test = true }'), []);
      assert.match(only('devices { issue_discards = "maybe" }', 'lvm/type').message,
        /^Configuration setting "devices\/issue_discards" invalid\. Found string value "maybe", expected boolean value: 0\/1, "y\/n", "yes\/no", "on\/off", "true\/false"\./);
    });

    it('rejects an empty filter but not an empty volume_list', () => {
      assert.match(only('devices { filter = [ ] }', 'lvm/type').message, /^Configuration setting "devices\/filter" invalid\. Empty value not allowed\./);
      assert.deepStrictEqual(findings('activation { volume_list = [ ] }'), []);
    });

    it('rejects several values for a single-value setting, and a section where a value belongs', () => {
      assert.match(only('global { units = [ "m", "k" ] }', 'lvm/type').message, /Found array but expected string/);
      assert.match(only('global { units { } }', 'lvm/type').message, /Found section but expected string/);
    });

    it('accepts one value without brackets for an array setting', () => {
      assert.deepStrictEqual(findings('devices { filter = "a|.*|" }'), []);
    });
  });

  describe('lvm/removed and lvm/deprecated', () => {
    it('removes a setting lvm2 no longer reads, with its whole line', () => {
      const text = 'global {\n\tuse_lvmetad = 1   # old\n\tunits = "m"\n}\n';
      const f = only(text, 'lvm/removed');
      assert.match(f.message, /use_lvmetad/);
      assert.strictEqual(fixed(text, f, 'Remove use_lvmetad'), 'global {\n\tunits = "m"\n}\n');
    });

    it('turns clvmd locking into lvmlockd', () => {
      const text = 'global {\n\tlocking_type = 3\n}\n';
      const f = only(text, 'lvm/removed');
      assert.match(f.message, /WARNING: locking_type \(3\) is deprecated, using file locking\./);
      assert.strictEqual(fixed(text, f, 'Replace with use_lvmlockd = 1'), 'global {\n\tuse_lvmlockd = 1\n}\n');
    });

    it('warns that locking_type = 0 means no locking at all', () => {
      assert.match(only('global { locking_type = 0 }', 'lvm/removed').message, /using --nolocking.*corrupt metadata/);
    });
  });

  describe('lvm/range', () => {
    it('checks words against the setting\'s choices', () => {
      const text = 'allocation { thin_pool_discards = "passdwn" }';
      const f = only(text, 'lvm/range');
      assert.strictEqual(fixed(text, f, 'Write "passdown"'), 'allocation { thin_pool_discards = "passdown" }');
    });

    it('checks numbers against the bounds lvm2 acts on', () => {
      only('metadata { pvmetadatacopies = 3 }', 'lvm/range');
      assert.deepStrictEqual(findings('metadata { pvmetadatacopies = 2 }'), []);
    });
  });

  describe('lvm/duplicate', () => {
    it('marks the value lvm2 ignores, also across repeated sections', () => {
      const text = 'global { units = "m" }\nglobal { units = "k" }\n';
      const f = only(text, 'lvm/duplicate');
      assert.strictEqual(f.start, text.indexOf('units'));
      assert.match(f.message, /set again on line 2: lvm2 warns "Ignoring duplicate config value: units"/);
      assert.strictEqual(fixed(text, f, 'Remove this units'), 'global {  }\nglobal { units = "k" }\n');
    });
  });

  describe('lvm/filter', () => {
    const filter = (p: string) => `devices { filter = [ ${p} ] }`;
    it('accepts well-formed accept and reject patterns with any separator', () => {
      assert.deepStrictEqual(findings(filter('"a|^/dev/sd[a-z]+[0-9]*$|", "a(/dev/md.*)", "r{^/dev/(xen|guest)-vg/.*}", "r|.*|"')), []);
    });

    for (const [pattern, why] of [
      ['"x|a|"', /Pattern must begin with 'a' or 'r'/],
      ['"a|^/dev/sd.*"', /Invalid separator at end of regex/],
      ['"a|(sd|"', /missing '\)' in regular expression/],
      ['"a|sd||"', /Badly formed 'or' expression/],
      ['"a|[a-z|"', /Parse error in regex/],
      ['"a|*sd|"', /Parse error in regex/],
    ] as Array<[string, RegExp]>) {
      it(`rejects ${pattern} as lvm2 does (every LVM command fails)`, () => {
        const f = only(filter(pattern), 'lvm/filter');
        assert.match(f.message, why);
        assert.match(f.message, /every LVM command on the host fails/);
      });
    }

    it('warns that an unbalanced ) drops the rest of a pattern, which lvm2 still builds', () => {
      // lvm2 2.03.16: `lvs --config 'devices { filter = [ "a|sd)x|", "r|.*|" ] }'` exits 0
      const f = only(filter('"a|sd)x|"'), 'lvm/filter');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /^Unbalanced '\)' in the regex: lvm2 builds the filter but silently drops the rest of this pattern from there, so it accepts more devices than written$/);
    });

    it('wants quoted patterns', () => {
      const f = only(filter('1'), 'lvm/type');
      assert.match(f.message, /Found integer but expected array with values of type: string/);
      assert.strictEqual(fixed(filter('1'), f, 'Quote 1'), filter('"1"'));
    });

    it('warns about patterns after a catch-all', () => {
      const f = only(filter('"a|.*|", "r|^/dev/xvg/.*|"'), 'lvm/filter');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /never used: the earlier "a\|\.\*\|" already accepts every device/);
    });
  });
});
