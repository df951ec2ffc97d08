// End-to-end specs: the packaged extension in a real VS Code, driven through its UI.
//   npm run test:e2e                                          code-server + chromium (setup.sh installs them)
//   VSCODE_EXECUTABLE=/usr/share/code/code npm run test:e2e   the same specs in an installed desktop VS Code too
// Each spec starts with no editor open and leaves a screenshot in test-results/e2e/; helpers
// for new specs (openFile, goTo, hover, quickFix, problems, command, ...) are in codeServer.ts.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, FIXTURE, ROOT, TARGETS, VsCode } from './codeServer';

interface Finding { line: number; column: number; severity: string; code: string }

/**
 * What `xenops lint --format json` reports for the whole fixture folder: the expected
 * diagnostics, since the server checks every config of the workspace, open or not.
 */
function lint(): Finding[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lint', '--format', 'json', FIXTURE],
    { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`xenops lint failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { files: { diagnostics: Finding[] }[] }).files.flatMap(f => f.diagnostics);
}

const key = (p: { code: string; line: number; column: number }) => `${p.code}@${p.line}:${p.column}`;

for (const target of TARGETS) {
  describe(`xenops in VS Code (${target})`, function () {
    this.timeout(180_000);
    let vs: VsCode;

    before(async () => { vs = await VsCode.start(target); });
    afterEach(async function () {
      if (!vs) return;
      const failed = this.currentTest?.state === 'failed' ? '-FAILED' : '';
      const prefix = target === 'desktop' ? 'desktop-' : ''; // code-server's keep their names
      await vs.screenshot(`${prefix}${this.currentTest?.title ?? 'spec'}${failed}`);
      await vs.resetEditors();
    });
    after(async () => { await vs?.stop(); });

    it('draws squiggles and lists the problems xenops lint reports for the workspace', async () => {
      const expected = lint();
      assert.ok(expected.length > 0, 'the fixture should have findings');
      await vs.openFile('broken.cfg');
      await vs.waitForSquiggles();

      for (const severity of ['error', 'warning'] as const) {
        const want = expected.some(f => f.severity === severity);
        await eventually(async () =>
          assert.equal(await vs.editor.locator(`.squiggly-${severity}`).count() > 0, want, `${severity} squiggles`));
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

    it('gives web02 its own volume: the shared-disk problem goes away in both configs', async () => {
      await eventually(async () => assert.equal((await vs.problems()).filter(p => p.code === 'xl/shared-writable-disk').length, 2));
      await vs.openFile('web02.cfg');
      await vs.waitForSquiggles();

      await vs.quickFix(6, 12, 'Give web02 its own volume (/dev/vg0/web02-xvdb)'); // on the shared disk entry

      await eventually(async () => {
        // only the target changed: same positional form, the comment after the list kept
        const lines = (await vs.visibleText()).split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
        assert.ok(lines.includes("'/dev/vg0/web02-xvdb,raw,xvdb,w' ] # cloned from web01"), lines.join('\n'));
      });
      // the fix shows the command that creates the volume on the host
      await eventually(async () => assert.match(await vs.page.locator('.notifications-toasts').innerText(), /lvcreate -L <SIZE> -n web02-xvdb vg0/));
      await eventually(async () => {
        const codes = (await vs.problems()).map(p => p.code);
        assert.ok(!codes.includes('xl/shared-writable-disk'), `still reported: ${codes.join(', ')}`);
      });
    });

    it('checks lvm.conf in lvm2\'s words, explains a setting on hover and replaces clvmd locking', async () => {
      await vs.openFile('lvm.conf');
      await vs.waitForSquiggles();
      await eventually(async () => {
        const codes = (await vs.problems()).map(p => p.code);
        assert.ok(codes.includes('lvm/type') && codes.includes('lvm/removed'), codes.join(', '));
      });
      const text = await vs.hover(7, 5); // on thin_pool_autoextend_threshold
      assert.match(text, /activation\/thin_pool_autoextend_threshold/);
      assert.match(text, /default 100/);

      await vs.quickFix(3, 3, 'Replace with use_lvmlockd = 1'); // on locking_type = 3

      await eventually(async () => assert.match(await vs.visibleText(), /use_lvmlockd\s=\s1/));
      await eventually(async () => {
        const codes = (await vs.problems()).map(p => p.code);
        assert.ok(!codes.includes('lvm/removed'), `still reported: ${codes.join(', ')}`);
      });
    });

    it('shows an incident on the timeline and opens a failure\'s log line from it', async () => {
      // the bundled example incident: logs and an iostat capture of the disk stalling
      fs.cpSync(path.join(ROOT, 'examples', 'logs'), path.join(vs.workspace, 'logs'), { recursive: true });
      await vs.openFile('broken.cfg');
      await vs.waitForSquiggles(); // the extension is up, its menu entries with it
      await eventually(async () => assert.ok(await vs.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'logs' }).count()));
      await vs.explorerMenu('logs', 'Show Incident Timeline');
      await vs.pick('Incident 1');

      const page = vs.webview;
      await eventually(async () => assert.match(await page.locator('#title').innerText(), /^Incident 1: .*preceded by dm-12 at 100 %util/), 60_000);
      const charts = await page.locator('#charts canvas').count();
      assert.ok(charts >= 3, `disk utilisation, latency, requests and CPU charts; got ${charts}`);
      const row = page.locator('#failure-rows tr', { hasText: 'xen01/kern.log:6' });
      await row.click();
      await vs.page.locator('.tab.active', { hasText: 'kern.log' }).waitFor();
      await eventually(async () => assert.deepEqual(await vs.cursor(), { line: 6, column: 1 }));
      assert.match((await vs.visibleText()).replace(/\s+/g, ' '), /I\/O error, dev dm-12/); // Monaco draws spaces as U+00A0
    });

    it('opens a log folder: incidents listed, a click opens the line, next failure, hover and lens', async () => {
      fs.cpSync(path.join(ROOT, 'examples', 'logs'), path.join(vs.workspace, 'logs'), { recursive: true });
      await vs.openFile('broken.cfg');
      await vs.waitForSquiggles();
      await vs.explorerMenu('logs', 'Open Log Folder…');
      const rows = vs.incidents.locator('.monaco-list-row');
      await eventually(async () => assert.deepEqual(
        (await rows.locator('.label-name').allInnerTexts()).map((t) => t.replace(/:.*/, '')),
        ['Incident 1', 'Incident 2', 'Incident 3'],
      ), 60_000);
      assert.match(await rows.first().innerText(), /preceded by dm-12 at 100 %util/);

      await rows.first().click(); // expands the incident: its failures, in time order
      const failure = vs.incidents.locator('.monaco-list-row', { hasText: 'xen01/kern.log:6' });
      await failure.click();
      await vs.page.locator('.tab.active', { hasText: 'kern.log' }).waitFor();
      await eventually(async () => assert.deepEqual(await vs.cursor(), { line: 6, column: 1 }));
      assert.match(await vs.page.locator('[id="status.editor.mode"]').innerText(), /Xen \/ kernel log/);
      await eventually(async () => assert.ok(await vs.editor.locator('.cgmr').count() >= 6, 'a gutter mark on each failure line'));
      await eventually(async () => assert.match(await vs.editor.locator('.codelens-decoration').allInnerTexts().then((t) => t.join('|')), /\d+ correlated events within 60 s/));

      await vs.editor.locator('.view-lines').click();
      await vs.goTo(6, 1);
      await vs.page.keyboard.press('Alt+E');
      await eventually(async () => assert.deepEqual(await vs.cursor(), { line: 7, column: 1 }));
      await vs.page.keyboard.press('Alt+E');
      await eventually(async () => assert.deepEqual(await vs.cursor(), { line: 8, column: 1 }));
      await vs.page.keyboard.press('Shift+Alt+E');
      await eventually(async () => assert.deepEqual(await vs.cursor(), { line: 7, column: 1 }));

      const hover = (await vs.hover(6, 1)).replace(/\s+/g, ' ');
      assert.match(hover, /Disk I\/O errors · error/);
      assert.match(hover, /2024-07-01 09:14:50 UTC · incident 1 of 3/);
      assert.match(hover, /correlated within 60 s/);
    });

    it('shows an incident\'s timeline from the Incidents view and exports it to a file', async () => {
      const incident = vs.incidents.locator('.monaco-list-row', { hasText: 'Incident 1' }).first();
      await incident.hover();
      await incident.locator('.action-label[aria-label*="Show Incident Timeline"]').click();
      const page = vs.webview;
      await eventually(async () => assert.match(await page.locator('#title').innerText(), /^Incident 1: .*preceded by dm-12/), 60_000);
      assert.ok(await page.locator('#charts canvas').count() >= 3);
      const scan = JSON.parse(spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'scan', '--json', path.join(ROOT, 'examples', 'logs')], { encoding: 'utf8' }).stdout) as
        { events: { time: string | null }[]; incidents: { events: number[] }[] };
      const timed = scan.incidents[0].events.filter((i) => scan.events[i].time).length;
      await eventually(async () => assert.equal(await page.locator('#failure-rows tr').count(), timed, 'a marker and a row for each failure of the incident that has a time'));

      const out = path.join(vs.workspace, 'logs', 'incident-1.md');
      fs.rmSync(out, { force: true });
      await incident.hover();
      await incident.locator('.action-label[aria-label*="Export Incident Timeline"]').click();
      await vs.pick('Markdown');
      const dialog = vs.page.locator('.quick-input-widget input');
      await eventually(async () => assert.match(await dialog.inputValue(), /incident-1\.md$/));
      await dialog.press('Enter');
      await eventually(async () => assert.ok(fs.existsSync(out), `${out} written`));
      assert.match(fs.readFileSync(out, 'utf8'), /dm-12/);
    });

    it('lists every failure of the folder in time order in the merged timeline', async () => {
      await vs.command('xenops: Show Merged Timeline');
      await vs.page.locator('.tab.active', { hasText: 'logs timeline' }).waitFor();
      const text = (await vs.visibleText()).replace(/\s+/g, ' ');
      assert.match(text, /## Incident 3: .* ## Incident 2: .* ## Incident 1: /);

      // tail mode: a new failure written to a log of the folder shows up in the view and the timeline
      fs.appendFileSync(path.join(vs.workspace, 'logs', 'xen01', 'kern.log'),
        'Jul  1 10:30:00 xen01 kernel: [ 9535.000000] blk_update_request: I/O error, dev dm-13, sector 8 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0\n');
      const header = vs.page.locator('.pane-header', { hasText: 'Incidents' });
      await header.hover(); // its actions show on hover
      await header.locator('.action-label[aria-label*="Collapse All"]').click(); // rows out of view are not drawn
      await eventually(async () => assert.equal(await vs.incidents.locator('.monaco-list-row', { hasText: 'Incident 4' }).count(), 1), 60_000);
      await vs.editor.locator('.view-lines').click();
      await vs.page.keyboard.press('Control+End');
      await eventually(async () => assert.match((await vs.visibleText()).replace(/\s+/g, ' '), /2024-07-01 10:30:00 disk-io +xen01\/kern\.log:10/));
    });
  });
}
