// Property test: random and mutated inputs never crash the parser, the spec parsers,
// the rules or the editor features (quick fixes, outline, folding), every finding stays
// inside the text and every quick fix edits only inside it.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/findings';
import { type QuickFix, quickFixes } from '../../server/src/core/quickFixes';
import { completeLockConf } from '../../server/src/lockmgr/completion';
import { hoverLockConf } from '../../server/src/lockmgr/hover';
import { lintLockConf } from '../../server/src/lockmgr/lint';
import { completeLvm, foldingLvm, hoverLvm, type LvmSymbol, symbolsLvm } from '../../server/src/lvm/editor';
import { lintLvm } from '../../server/src/lvm/lint';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { WorkspaceIndex } from '../../server/src/workspace';
import { completeXl } from '../../server/src/xl/completion';
import { hoverXl } from '../../server/src/xl/hover';
import { lintXl } from '../../server/src/xl/lint';
import { parseDisk } from '../../server/src/xl/specs/disk';
import { symbolsXl, type XlSymbol } from '../../server/src/xl/symbols';
import { mutate, Random, randomConfig, randomDiskSpec } from '../reference/generate';
import { brokenFile, invalidFile, validFile } from '../reference/lvmGenerate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'xl');

/** Every file under `dir` whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

/** The fixes' edits must lie inside the text and not overlap; returns the text with them applied. */
function applyFix(text: string, fix: QuickFix): string {
  assert.ok(fix.title.length > 0, 'a quick fix without a title');
  const changes = [...fix.changes].sort((a, b) => b.start - a.start || b.end - a.end);
  let limit = text.length;
  let out = text;
  for (const c of changes) {
    assert.ok(c.start >= 0 && c.start <= c.end && c.end <= limit,
      `"${fix.title}" (${fix.finding.code}) edits ${c.start}-${c.end}: outside ${text.length} or overlapping another edit: ${JSON.stringify(text)}`);
    limit = c.start;
    out = out.slice(0, c.start) + c.text + out.slice(c.end);
  }
  return out;
}

/** Every finding inside the text, with a message. */
function checkFindings(text: string, findings: Finding[]): void {
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `finding ${f.code} at ${f.start}-${f.end} outside ${text.length}: ${JSON.stringify(text)}`);
    assert.ok(f.message.length > 0);
  }
}

/** An outline entry must hold its name and its children, inside [lo, hi] (VS Code rejects anything else). */
function checkSymbol(s: { start: number; end: number; selectionStart: number; selectionEnd: number; children: unknown[] }, lo: number, hi: number, text: string): void {
  assert.ok(lo <= s.start && s.start <= s.selectionStart && s.selectionStart <= s.selectionEnd && s.selectionEnd <= s.end && s.end <= hi,
    `symbol ${s.start}-${s.end} (name ${s.selectionStart}-${s.selectionEnd}) outside ${lo}-${hi}: ${JSON.stringify(text)}`);
}

function checkXlSymbols(symbols: XlSymbol[], lo: number, hi: number, text: string): void {
  for (const s of symbols) {
    checkSymbol(s, lo, hi, text);
    checkXlSymbols(s.children, s.start, s.end, text);
  }
}

function checkLvmSymbols(symbols: LvmSymbol[], lo: number, hi: number, text: string): void {
  for (const s of symbols) {
    checkSymbol({ start: s.span.start, end: s.span.end, selectionStart: s.selection.start, selectionEnd: s.selection.end, children: s.children }, lo, hi, text);
    checkLvmSymbols(s.children, s.span.start, s.span.end, text);
  }
}

function randomBytes(r: Random): string {
  let s = '';
  for (let i = r.int(200); i > 0; i--) s += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x3000));
  return s;
}

describe('fuzz: no crash on any input', function () {
  this.timeout(60_000);
  const corpus = fs.readdirSync(FIXTURES).map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));

  it('lints, hovers and completes 6000 random, mutated and byte-noise configs', () => {
    const r = new Random(99);
    for (let i = 0; i < 6000; i++) {
      const kind = i % 3;
      let text = kind === 0 ? randomConfig(r) : kind === 1 ? r.pick(corpus) : randomBytes(r);
      for (let m = r.int(4); m > 0; m--) text = mutate(r, text);
      const a = lintXl(text, { version: r.pick(['4.17', '4.19', '4.22'] as const) });
      for (const f of a.findings) {
        assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end, `finding ${f.code} at ${f.start}-${f.end} outside ${text.length}: ${JSON.stringify(text)}`);
        assert.ok(f.message.length > 0);
      }
      const offset = r.int(text.length + 1);
      hoverXl(a, offset);
      completeXl(a, offset);
    }
  });

  it('applies every quick fix and outlines 2000 random and mutated domain configs', () => {
    const r = new Random(7);
    for (let i = 0; i < 2000; i++) {
      let text = i % 3 === 0 ? randomConfig(r) : i % 3 === 1 ? r.pick(corpus) : randomBytes(r);
      for (let m = r.int(4); m > 0; m--) text = mutate(r, text);
      const a = lintXl(text, { version: r.pick(['4.17', '4.22'] as const), filename: 'web01.cfg' });
      checkXlSymbols(symbolsXl(a.doc.assignments), 0, text.length, text);
      // the whole file as the range, as "Fix all" asks, and a random cursor
      const at = r.int(text.length + 1);
      for (const fix of [...quickFixes(a.findings, 0, text.length), ...quickFixes(a.findings, at, at)]) {
        const fixed = applyFix(text, fix);
        checkFindings(fixed, lintXl(fixed).findings);
      }
    }
  });

  it('applies every quick fix, outlines and folds 1200 random and mutated LVM and lock-manager configs', () => {
    const r = new Random(11);
    const lvm = filesUnder(path.join(ROOT, 'examples'), (n) => /^lvm.*\.conf$/.test(n));
    const lock = filesUnder(path.join(ROOT, 'examples'), (n) => /^(sanlock|dlm)\.conf$/.test(n));
    lock.push('log_debug=1\nport=021064\ndevice foo fence_ipmilan ipaddr=1\nconnect foo node=1\nfence_all /bin/true\n');
    for (let i = 0; i < 1200; i++) {
      const asLvm = i % 2 === 0;
      const pool = asLvm ? [brokenFile, invalidFile, validFile].map((g) => g(r)).concat(r.pick(lvm)) : [r.pick(lock), randomBytes(r)];
      let text = r.pick(pool);
      for (let m = r.int(4); m > 0; m--) text = mutate(r, text);
      const at = r.int(text.length + 1);
      if (asLvm) {
        const a = lintLvm(text, r.pick(['lvm.conf', 'lvmlocal.conf', 'thin.profile']));
        checkFindings(text, a.findings);
        checkLvmSymbols(symbolsLvm(a.doc.nodes, text.length), 0, text.length, text);
        for (const f of foldingLvm(a.doc.nodes)) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, JSON.stringify(text));
        hoverLvm(a, at);
        completeLvm(a, at);
        for (const fix of quickFixes(a.findings, 0, text.length)) lintLvm(applyFix(text, fix));
      } else {
        const kind = r.pick(['sanlock', 'dlm'] as const);
        const a = lintLockConf(text, kind);
        checkFindings(text, a.findings);
        hoverLockConf(a.conf, at, kind);
        completeLockConf(a.conf, at, kind);
        for (const fix of quickFixes(a.findings, 0, text.length)) lintLockConf(applyFix(text, fix), kind);
      }
    }
  });

  it('applies every cross-file quick fix over 150 workspaces of mutated example configs, inventories, LVM reports and host configs', () => {
    const r = new Random(23);
    const examples = filesUnder(path.join(ROOT, 'examples'), (n) => n.endsWith('.cfg'));
    const example = (rel: string) => fs.readFileSync(path.join(ROOT, 'examples', rel), 'utf8');
    const maybeMutated = (text: string, p: number) => {
      for (let m = r.chance(p) ? 1 + r.int(3) : 0; m > 0; m--) text = mutate(r, text);
      return text;
    };
    const hostFiles = ['lvm/lvm.conf', 'lvm/lvmlocal.conf', 'sanlock/sanlock.conf'];
    for (let i = 0; i < 150; i++) {
      const index = new WorkspaceIndex(() => DEFAULT_SETTINGS);
      const texts = new Map<string, string>();
      /** Re-reads a file after a fix: every kind must take any text. */
      const reread = new Map<string, (text: string) => void>();
      for (let n = 2 + r.int(4); n > 0; n--) {
        const text = maybeMutated(r.chance(0.8) ? r.pick(examples) : randomConfig(r), 0.7);
        const file = `/ws/${r.pick(['xen01', 'xen02'])}/${n}.cfg`;
        texts.set(file, text);
        index.setDomain(file, text);
        reread.set(file, (t) => lintXl(t));
      }
      if (r.chance(0.7)) {
        const inventory = maybeMutated(example('xenops.yaml'), 0.5);
        texts.set('/ws/xenops.yaml', inventory);
        index.setInventory('/ws/xenops.yaml', inventory);
        reread.set('/ws/xenops.yaml', (t) => index.setInventory('/ws/xenops.yaml', t));
        const report = maybeMutated(example('xen01/lvs.json'), 0.5);
        texts.set('/ws/xen01/lvs.json', report);
        index.setReport('/ws/xen01/lvs.json', report);
        for (const host of ['xen01', 'xen02']) {
          for (const rel of hostFiles) {
            const file = `/ws/${host}/etc/${rel}`;
            const text = maybeMutated(example(`${host}/etc/${rel}`), 0.4);
            const kind = rel.startsWith('lvm/') ? 'lvm-conf' : 'lockmgr-conf';
            texts.set(file, text);
            checkFindings(text, index.setHostConfig(file, text, kind));
            reread.set(file, (t) => (kind === 'lvm-conf' ? lintLvm(t, file) : lintLockConf(t, 'sanlock')));
          }
        }
      }
      for (const [file, findings] of index.crossFindings()) {
        const text = texts.get(file);
        assert.ok(text !== undefined, `a finding for ${file}, which is not in the workspace`);
        checkFindings(text, findings);
        for (const fix of quickFixes(findings, 0, text.length)) reread.get(file)!(applyFix(text, fix));
      }
    }
  });

  it('parses 20000 random disk specs', () => {
    const r = new Random(5);
    for (let i = 0; i < 20000; i++) {
      let spec = randomDiskSpec(r);
      if (r.chance(0.3)) spec = mutate(r, spec);
      const result = parseDisk(spec, r.pick(['4.17', '4.22']));
      for (const issue of result.issues) assert.ok(issue.start >= 0 && issue.end <= spec.length, JSON.stringify(spec));
    }
  });

  it('handles pathological sizes quickly', () => {
    const started = Date.now();
    for (const text of ['a = [' + '"x",'.repeat(100000) + ']\n', 'a = 1\n'.repeat(50000), 'disk += [ "/d,raw,xvda,w" ]\n'.repeat(20000), '['.repeat(100000), '"'.repeat(100000), '#'.repeat(200000)]) {
      lintXl(text);
    }
    assert.ok(Date.now() - started < 20000, 'pathological inputs took over 20 s: a hang');
  });
});
