// The disk quick fixes, checked by the parser xl uses: after "give … its own volume"
// or "attach read-only" the file still parses, and libxlutil reads the disk exactly as
// before except for the one thing the fix names.
import * as assert from 'node:assert';
import type { Finding, Fix } from '../../server/src/core/findings';
import { quickFixes } from '../../server/src/core/quickFixes';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { WorkspaceIndex } from '../../server/src/workspace';
import { type DiskAnswer, useHarness } from './harness';
import { Random } from './generate';

const TARGETS = ['/dev/vg0/shared', '/dev/mapper/vg0-shared', 'vg0/shared'];

/** One disk spec for /dev/vg0/shared in a random form; `writable` decides its access. */
function spec(r: Random, writable: boolean): string {
  const target = r.pick(TARGETS);
  const access = writable ? r.pick(['w', 'rw', '']) : r.pick(['r', 'ro']);
  switch (r.int(5)) {
    case 0:
      return `phy:${target},xvdb,${access || 'w'}`;
    case 1:
      return `${target},raw,xvdb${access ? `,${access}` : ''}`;
    case 2:
      return `format=raw, vdev=xvdb${access ? `, access=${access}` : ''}, target=${target}`;
    case 3:
      return `vdev=xvdb,${access ? `access=${access},` : ''}target=${target}`;
    default:
      return ` ${target} , raw,xvdb${access ? `,${access}` : ''}`.replace(/ , /, ',');
  }
}

function config(r: Random, name: string, diskSpec: string): string {
  const q = r.pick(["'", '"']);
  const comment = r.chance(0.5) ? '   # shared data, see ticket 4711' : '';
  return `# ${name}\nname = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ndisk = [ ${q}phy:/dev/vg0/${name}-root,xvda,w${q},\n         ${q}${diskSpec}${q} ]${comment}\n`;
}

function apply(text: string, finding: Finding, fix: Fix): string {
  const [q] = quickFixes([{ ...finding, fixes: [fix] }], finding.start, finding.end);
  let out = text;
  for (const c of [...q.changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

/** The second disk string of a config, as xl would hand it to xlu_disk_parse. */
function secondDisk(answer: { values: Record<string, unknown> }): string {
  return ((answer.values.disk as { list: string[] }).list)[1];
}

describe('disk quick fixes, read back by libxlutil', function () {
  this.timeout(120_000);
  const harness = useHarness();

  it('own volume and read-only change only the target or the access, in 400 generated configs', async () => {
    const r = new Random(31337);
    const problems: string[] = [];
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const aWritable = true;
      const bWritable = r.chance(0.5);
      const texts = { a: config(r, 'web01', spec(r, aWritable)), b: config(r, 'web02', spec(r, bWritable)) };
      const index = new WorkspaceIndex(() => DEFAULT_SETTINGS);
      index.setDomain('/ws/web01.cfg', texts.a);
      index.setDomain('/ws/web02.cfg', texts.b);
      const cross = index.crossFindings();
      for (const [name, file] of [['web01', '/ws/web01.cfg'], ['web02', '/ws/web02.cfg']] as const) {
        const text = name === 'web01' ? texts.a : texts.b;
        const finding = cross.get(file)?.find((f) => f.code === 'xl/shared-writable-disk');
        if (!finding) {
          problems.push(`no finding for ${name} in ${JSON.stringify(text)}`);
          continue;
        }
        const before = await harness().cfg(text, ['disk']);
        const original = await harness().disk(secondDisk(before));
        for (const fix of finding.fixes ?? []) {
          const fixed = apply(text, finding, fix);
          const after = await harness().cfg(fixed, ['disk']);
          if (after.rc !== 0) {
            problems.push(`${'title' in fix ? fix.title : fix.kind} broke the file: ${after.report} in ${JSON.stringify(fixed)}`);
            continue;
          }
          const disk = await harness().disk(secondDisk(after));
          const own = 'title' in fix && fix.title.startsWith('Give');
          const expected: DiskAnswer = own ? { ...original, target: `/dev/vg0/${name}-xvdb` } : { ...original, readwrite: 0 };
          if (JSON.stringify(disk) !== JSON.stringify(expected)) problems.push(`${'title' in fix ? fix.title : ''}: ${JSON.stringify(text)}\n -> ${JSON.stringify(disk)}\n expected ${JSON.stringify(expected)}`);
          if (fixed === text) problems.push(`fix changed nothing: ${JSON.stringify(text)}`);
          const comments = (s: string) => s.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));
          if (JSON.stringify(comments(fixed)) !== JSON.stringify(comments(text))) problems.push(`comments changed: ${JSON.stringify(fixed)}`);
          checked++;
        }
      }
    }
    assert.deepStrictEqual(problems.slice(0, 5), []);
    assert.ok(checked > 600, `only ${checked} fixes checked`);
  });
});
