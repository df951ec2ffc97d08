// End-to-end specs: the packaged extension in a real VS Code, driven through its UI.
// Run with `npm run test:e2e` (see test/e2e/setup.sh for what it installs). Each spec starts
// with no editor open and leaves a screenshot in test-results/e2e/.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { eventually, FIXTURE, ROOT, VsCode } from './codeServer';

interface Finding { line: number; column: number; severity: string; code: string }

/** What `xenops lint --format json` reports for a fixture file: the expected diagnostics. */
function lint(name: string): Finding[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', path.join(FIXTURE, name)],
    { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`xenops lint failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { files: { diagnostics: Finding[] }[] }).files.flatMap(f => f.diagnostics);
}

const key = (p: { code: string; line: number; column: number }) => `${p.code}@${p.line}:${p.column}`;

describe('xenops in VS Code', function () {
  this.timeout(180_000);
  let vs: VsCode;

  before(async () => { vs = await VsCode.start(); });
  afterEach(async function () {
    if (!vs) return;
    const failed = this.currentTest?.state === 'failed' ? '-FAILED' : '';
    await vs.screenshot(`${this.currentTest?.title ?? 'spec'}${failed}`);
    await vs.resetEditors();
  });
  after(async () => { await vs?.stop(); });

  it('draws squiggles and lists the problems xenops lint reports for broken.cfg', async () => {
    const expected = lint('broken.cfg');
    assert.ok(expected.length > 0, 'the fixture should have findings');
    await vs.openFile('broken.cfg');
    await vs.waitForSquiggles();

    for (const severity of ['error', 'warning'] as const) {
      const want = expected.some(f => f.severity === severity);
      assert.equal(await vs.editor.locator(`.squiggly-${severity}`).count() > 0, want, `${severity} squiggles`);
    }
    await eventually(async () => assert.deepEqual(await vs.problemCounts(), {
      errors: expected.filter(f => f.severity === 'error').length,
      warnings: expected.filter(f => f.severity === 'warning').length,
      infos: expected.filter(f => f.severity === 'info').length,
    }));
    await eventually(async () => assert.deepEqual((await vs.problems()).map(key).sort(), expected.map(key).sort()));
  });

  it('shows the documentation of a key on hover', async () => {
    await vs.openFile('broken.cfg');
    await vs.waitForSquiggles(); // the language server is up
    const text = await vs.hover(5, 3); // on `memory`
    assert.match(text, /^memory\b/, 'the hover starts with the key in bold');
    assert.match(text, /MiB/);
  });

  it('applies a quick fix from the Ctrl+. menu and the problem goes away', async () => {
    await vs.openFile('broken.cfg');
    await vs.waitForSquiggles();
    await eventually(async () => assert.ok((await vs.problems()).some(p => p.code === 'xl/unknown-key')));

    await vs.quickFix(4, 2, 'Rename to memory'); // on `memroy`

    await eventually(async () => assert.doesNotMatch(await vs.visibleText(), /memroy/));
    await eventually(async () => {
      const codes = (await vs.problems()).map(p => p.code);
      assert.ok(!codes.includes('xl/unknown-key'), `still reported: ${codes.join(', ')}`);
    });
  });
});
