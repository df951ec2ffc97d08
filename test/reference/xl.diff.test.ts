// Differential test: xenops must read xl configs and disk specs exactly as Debian's
// libxlutil (the parser xl uses) does — verdict, printed messages, values.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { xlReport } from '../../server/src/xl/ast';
import { XlConfig } from '../../server/src/xl/config';
import { parseXl } from '../../server/src/xl/parser';
import { parseDisk } from '../../server/src/xl/specs/disk';
import { type CfgAnswer, type DiskAnswer, useHarness } from './harness';
import { mutate, Random, randomConfig, randomDiskSpec } from './generate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS_DIRS = [path.join(ROOT, 'test', 'fixtures', 'xl'), path.join(ROOT, 'examples')];

function corpus(): string[] {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.name.endsWith('.cfg')) files.push(fs.readFileSync(full, 'utf8'));
    }
  };
  CORPUS_DIRS.filter(fs.existsSync).forEach(visit);
  return files;
}

/** What xenops says about a config, in the harness's terms. */
function ourCfg(text: string, keys: string[]): CfgAnswer {
  const doc = parseXl(text);
  const values: CfgAnswer['values'] = {};
  if (!doc.failed) {
    const cfg = new XlConfig(doc);
    for (const k of keys) {
      const s = cfg.get(k);
      if (!s) values[k] = null;
      else if (Array.isArray(s.value)) values[k] = { list: s.value };
      else {
        const n = cfg.long(k);
        values[k] = n.ok ? { string: s.value, long: Number(n.value), numberWarning: null } : { string: s.value, numberWarning: 'absent' in n ? null : n.warning + '\n' };
      }
    }
  }
  return { rc: doc.failed ? 22 : 0, values, report: xlReport(doc, 't.cfg') };
}

function ourDisk(spec: string): DiskAnswer {
  const r = parseDisk(spec, '4.17');
  const report = r.issues.filter((i) => i.xl).map((i) => `t.cfg: ${i.xl}\n`).join('');
  if (!r.value) return { rc: 22, report };
  const d = r.value;
  const tri = (b: boolean | undefined) => (b === undefined ? -1 : b ? 1 : 0);
  return {
    rc: 0, target: d.target, vdev: d.vdev, format: d.format, backendtype: d.backendtype ?? 'unknown', backend: d.backend ?? null,
    script: d.script ?? null, specification: d.specification ?? 'unknown', readwrite: d.readwrite ? 1 : 0, removable: d.removable ? 1 : 0,
    cdrom: d.cdrom ? 1 : 0, directIoSafe: d.directIoSafe ? 1 : 0, discard: tri(d.discard), colo: tri(d.colo), trusted: tri(d.trusted),
    coloPort: d.coloPort ?? 0, coloHost: d.coloHost ?? null, coloExport: d.coloExport ?? null, activeDisk: d.activeDisk ?? null,
    hiddenDisk: d.hiddenDisk ?? null, report,
  };
}

/** Both sides are built with the same key order; compare their serialisations (iteratively: lists nest 5000 deep). */
function same(a: unknown, b: unknown): boolean {
  return serialise(a) === serialise(b);
}

/** JSON-like text of a value, built with an explicit stack; markers are objects, so no data can pass for one. */
function serialise(root: unknown): string {
  const text = (t: string) => ({ text: t });
  let out = '';
  const stack: unknown[] = [root];
  while (stack.length) {
    const x = stack.pop();
    if (x && typeof x === 'object' && 'text' in x && Object.keys(x).length === 1 && markers.has(x)) {
      out += (x as { text: string }).text;
    } else if (Array.isArray(x)) {
      out += '[';
      stack.push(mark(text(']')));
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i], ...(i ? [mark(text(','))] : []));
    } else if (x && typeof x === 'object') {
      out += '{';
      stack.push(mark(text('}')));
      const entries = Object.entries(x);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i][1], mark(text(`${i ? ',' : ''}${JSON.stringify(entries[i][0])}:`)));
    } else out += JSON.stringify(x) ?? 'undefined';
  }
  return out;
}

const markers = new WeakSet<object>();
function mark<T extends object>(m: T): T {
  markers.add(m);
  return m;
}

describe('differential: xenops vs libxlutil (xl 4.17)', function () {
  this.timeout(300_000);
  const harness = useHarness();

  async function compareConfigs(inputs: string[]): Promise<string[]> {
    const mismatches: string[] = [];
    for (const text of inputs) {
      const keys = [...new Set(text.match(/[a-z][._0-9a-z]*/g) ?? [])].slice(0, 60);
      const theirs = await harness().cfg(text, keys);
      const ours = ourCfg(text, keys);
      if (!same(theirs, ours)) mismatches.push(`${JSON.stringify(text)}\n  xl:      ${JSON.stringify(theirs)}\n  xenops:  ${JSON.stringify(ours)}`);
    }
    return mismatches;
  }

  it('agrees on the fixture and example configs', async () => {
    const files = corpus();
    assert.ok(files.length >= 8, `corpus has ${files.length} files`);
    assert.deepStrictEqual(await compareConfigs(files), []);
  });

  it('agrees on edge cases: nesting depth, EOF without newline, escapes, CRLF, BOM', async () => {
    const edge = [
      'a=' + '['.repeat(4999) + '\n', 'a=' + '['.repeat(5000) + '\n', 'a=' + '['.repeat(4990) + ']'.repeat(4990) + '\n',
      'memory = 5M', 'memory = 5MB', '#', '# c', 'a=1\n#', 'a = "x', "a = 'x\\", 'a = 1\r\nb = 2\r\n', '\ufeffname = "x"\n',
      'a = "\\1  5"\n', 'a = "\\199"\n', 'a = [ , ]\n', 'a = []\n', 'a = [ 1, ]\n', 'name="h0"; type="hvm"\n', '',
      'v = [ ["a"], "b" ]\n', 'a = ;\n', ';;;\n', 'a += "x"\n', 'a = 1 2\n', '= 1\n', 'a.b.c = 1\n', 'a = 0x\n', 'a = 00\n',
    ];
    assert.deepStrictEqual(await compareConfigs(edge), []);
  });

  it('agrees on 4000 generated configs', async () => {
    const r = new Random(20261121);
    const inputs = Array.from({ length: 4000 }, () => randomConfig(r));
    const mismatches = await compareConfigs(inputs);
    assert.deepStrictEqual(mismatches.slice(0, 5), []);
  });

  it('agrees on 3000 mutations of the corpus', async () => {
    const r = new Random(4242);
    const files = corpus();
    const inputs = Array.from({ length: 3000 }, () => {
      let text = r.pick(files);
      for (let i = 1 + r.int(3); i > 0; i--) text = mutate(r, text);
      return text;
    });
    const mismatches = await compareConfigs(inputs);
    assert.deepStrictEqual(mismatches.slice(0, 5), []);
  });

  it('agrees on 5000 generated disk specs and every disk in the corpus', async () => {
    const r = new Random(7);
    const specs = Array.from({ length: 5000 }, () => randomDiskSpec(r));
    for (const text of corpus()) for (const m of text.matchAll(/'([^'\n]*:[^'\n]*)'/g)) specs.push(m[1]);
    const mismatches: string[] = [];
    for (const spec of specs) {
      const theirs = await harness().disk(spec);
      const ours = ourDisk(spec);
      if (!same(theirs, ours)) mismatches.push(`${JSON.stringify(spec)}\n  xl:     ${JSON.stringify(theirs)}\n  xenops: ${JSON.stringify(ours)}`);
    }
    assert.deepStrictEqual(mismatches.slice(0, 5), []);
  });
});
