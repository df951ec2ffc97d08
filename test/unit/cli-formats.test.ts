// Cross-file findings in `xenops lint --format json|sarif`: the other places a finding involves
// and its quick fixes (edits in the file, commands to run on the host), as the editor shows them.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function lint(format: string, dir: string): unknown {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', format, '.'], { cwd: dir, encoding: 'utf8' });
  assert.strictEqual(r.status, 1, r.stderr);
  return JSON.parse(r.stdout);
}

describe('xenops lint: related locations and fixes', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-formats-'));
    fs.writeFileSync(path.join(dir, 'a.cfg'), 'name = "a"\ntype = "pvh"\nkernel = "/k"\n# data disk\ndisk = [ \'phy:/dev/vg0/data,xvdb,w\' ]\n');
    fs.writeFileSync(path.join(dir, 'b.cfg'), 'name = "b"\ntype = "pvh"\nkernel = "/k"\ndisk = [ \'/dev/mapper/vg0-data,raw,xvdb,w\' ]\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JSON: the other domain as a related location, the own-volume fix as an edit and a command', () => {
    const out = lint('json', dir) as { files: Array<{ path: string; diagnostics: Array<Record<string, unknown>> }> };
    const a = out.files.find((f) => f.path === 'a.cfg')!.diagnostics.find((d) => d.code === 'xl/shared-writable-disk')!;
    assert.deepStrictEqual(a.related, [{ path: 'b.cfg', line: 4, column: 10, endLine: 4, endColumn: 43, message: '/dev/vg0/data in b (xvdb, writable)' }]);
    assert.deepStrictEqual(a.fixes, [{
      title: 'Give a its own volume (/dev/vg0/a-xvdb)',
      edits: [{ line: 5, column: 15, endLine: 5, endColumn: 28, newText: '/dev/vg0/a-xvdb' }],
      command: 'lvcreate -L <SIZE> -n a-xvdb vg0   # then copy what a needs from /dev/vg0/data',
    }]);
  });

  it('SARIF: relatedLocations, fixes as artifact changes, host commands as properties', () => {
    const sarif = lint('sarif', dir) as { runs: Array<{ results: Array<Record<string, any>> }> };
    const a = sarif.runs[0].results.find((r) => r.ruleId === 'xl/shared-writable-disk' && r.locations[0].physicalLocation.artifactLocation.uri === 'a.cfg')!;
    assert.deepStrictEqual(a.relatedLocations[0].physicalLocation, { artifactLocation: { uri: 'b.cfg' }, region: { startLine: 4, startColumn: 10, endLine: 4, endColumn: 43 } });
    assert.deepStrictEqual(a.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 28 }, insertedContent: { text: '/dev/vg0/a-xvdb' } }]);
    assert.match(a.properties.commands[0], /^lvcreate -L <SIZE> -n a-xvdb vg0/);
  });
});
