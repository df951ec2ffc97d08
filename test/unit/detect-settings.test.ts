import * as assert from 'node:assert';
import { fileKind } from '../../server/src/lintService';
import { normaliseSettings } from '../../server/src/settings';
import { isDomainConfigName, looksLikeDomainConfig } from '../../server/src/xl/detect';

describe('recognising domain configs', () => {
  it('by name: *.xl, *.xlcfg and anything under /etc/xen', () => {
    assert.ok(isDomainConfigName('/srv/guests/web.xl'));
    assert.ok(isDomainConfigName('/etc/xen/auto/web.cfg'));
    assert.ok(!isDomainConfigName('/srv/app/settings.cfg'));
  });
  it('by content: two typical keys near the top, not INI files', () => {
    assert.ok(looksLikeDomainConfig('# web\nname = "web"\nmemory = 512\n'));
    assert.ok(!looksLikeDomainConfig('[main]\nname = web\nmemory = 512\n'));
    assert.ok(!looksLikeDomainConfig('timeout = 5\nretries = 3\n'));
  });
  it('picks the checker for a path and its text', () => {
    assert.strictEqual(fileKind('/srv/x.cfg', 'name = "a"\nvcpus = 2\n'), 'xen-cfg');
    assert.strictEqual(fileKind('/srv/x.cfg', 'foo = 1\n'), undefined);
  });
});

describe('settings', () => {
  it('keeps valid values and drops the rest', () => {
    assert.deepStrictEqual(normaliseSettings({ xenVersion: '4.19', rules: { 'xl/syntax': 'off', 'xl/enum': 'loud', x: 3 } }), {
      xenVersion: '4.19',
      rules: { 'xl/syntax': 'off' },
    });
    assert.deepStrictEqual(normaliseSettings(null), { xenVersion: '4.22', rules: {} });
    assert.strictEqual(normaliseSettings({ xenVersion: '9.9' }).xenVersion, '4.22');
  });
});
