// Hover, completion, quick fixes and the outline, on the analysis the server uses.
import * as assert from 'node:assert';
import { quickFixes } from '../../server/src/core/quickFixes';
import { completeXl } from '../../server/src/xl/completion';
import { hoverXl } from '../../server/src/xl/hover';
import { lintXl } from '../../server/src/xl/lint';
import { symbolsXl } from '../../server/src/xl/symbols';

/** Text with a `|` marking the cursor. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function hover(marked: string): string | undefined {
  const { text, offset } = cursor(marked);
  return hoverXl(lintXl(text, { version: '4.22' }), offset)?.markdown;
}

function complete(marked: string): string[] {
  const { text, offset } = cursor(marked);
  return completeXl(lintXl(text, { version: '4.22' }), offset).map((i) => i.label);
}

function apply(text: string, title: string): string {
  const a = lintXl(text, { version: '4.22', filename: 'web01.cfg' });
  const fix = quickFixes(a.findings, 0, text.length).find((f) => f.title === title);
  assert.ok(fix, `no fix titled ${title}: ${quickFixes(a.findings, 0, text.length).map((f) => f.title).join(', ')}`);
  let out = text;
  for (const c of [...fix.changes].sort((x, y) => y.start - x.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

describe('xl hover', () => {
  it('documents a key from the schema', () => {
    const md = hover('name = "x"\nmem|ory = 2048\n')!;
    assert.match(md, /\*\*memory\*\*/);
    assert.match(md, /MiB/);
  });
  it('shows how xl reads a number, octal included', () => {
    assert.match(hover('memory = 04|00\n')!, /xl reads \*\*256\*\* MiB \(octal/);
  });
  it('explains a part of a disk spec and the whole disk', () => {
    const md = hover("disk = [ 'phy:/dev/vg/lv,xv|da,w' ]\n")!;
    assert.match(md, /\*\*vdev\*\* \(positional\) = `xvda`/);
    assert.match(md, /xl reads this disk as: target `\/dev\/vg\/lv`, format raw, vdev xvda, read-write/);
  });
  it('says what an unknown or xm-only key is', () => {
    assert.match(hover('cpu_c|ap = 50\n')!, /legacy xm/);
  });
});

describe('xl completion', () => {
  it('offers keys for the guest type, not those already set', () => {
    const labels = complete('name = "x"\ntype = "hvm"\n|\n');
    assert.ok(labels.includes('boot') && labels.includes('memory'));
    assert.ok(!labels.includes('name') && !labels.includes('bootloader'));
  });
  it('does not offer HVM-only keys to a PV guest', () => {
    assert.ok(!complete('name = "x"\n|\n').includes('boot'));
  });
  it('offers enum values inside quotes', () => {
    assert.deepStrictEqual(complete('type = "|"\n').sort(), ['hvm', 'pv', 'pvh']);
  });
  it('offers disk keys and values inside a disk string, also on continuation lines', () => {
    assert.ok(complete("disk = [ 'vdev=xvda, |' ]\n").includes('access='));
    assert.deepStrictEqual(complete("disk = [\n  'format=|' ]\n").sort(), ['empty', 'qcow', 'qcow2', 'qed', 'raw', 'vhd']);
  });
});

describe('xl quick fixes', () => {
  it('renames a misspelt key and nothing else', () => {
    assert.strictEqual(apply('name = "x" # keep\nmemroy = 512 # comment\n', 'Rename to memory'), 'name = "x" # keep\nmemory = 512 # comment\n');
  });
  it('turns builder into type', () => {
    assert.strictEqual(apply('name = "x"\nbuilder = "hvm"\n', 'Replace with type = "hvm"'), 'name = "x"\ntype = "hvm"\n');
  });
  it('removes builder when type is set, and only that line or statement', () => {
    const title = 'Remove builder (type is set)';
    assert.strictEqual(apply('name = "x"\ntype = "pv"\nbuilder = "generic"\nkernel = "/k"\n', title), 'name = "x"\ntype = "pv"\nkernel = "/k"\n');
    assert.strictEqual(apply('name = "x"\ntype = "pv"\n  builder = "generic" ; # old\r\nkernel = "/k"\n', title), 'name = "x"\ntype = "pv"\nkernel = "/k"\n');
    assert.strictEqual(apply('name = "x"\nbuilder = "generic"; type = "pv"\nkernel = "/k"\n', title), 'name = "x"\ntype = "pv"\nkernel = "/k"\n');
    assert.strictEqual(apply('name = "x"\ntype = "pv"; builder = "generic"\nkernel = "/k"\n', title), 'name = "x"\ntype = "pv"; \nkernel = "/k"\n');
    assert.strictEqual(apply('name = "x"\nkernel = "/k"\ntype = "pv"\nbuilder = "generic"', title), 'name = "x"\nkernel = "/k"\ntype = "pv"\n');
  });
  it('writes what was meant for an octal number, and 0 for an all-zero one', () => {
    assert.strictEqual(apply('name = "x"\nmemory = 0400\n', 'Write 400 (decimal)'), 'name = "x"\nmemory = 400\n');
    assert.strictEqual(apply('name = "x"\ntype = "hvm"\nmemory = 00\n', 'Write 0 (decimal)'), 'name = "x"\ntype = "hvm"\nmemory = 0\n');
  });
  it('quotes a negative number', () => {
    assert.strictEqual(apply('name = "x"\nrtc_timeoffset = -3600\n', 'Quote -3600'), 'name = "x"\nrtc_timeoffset = "-3600"\n');
  });
  it('wraps a single disk string in a list', () => {
    assert.strictEqual(apply("name = \"x\"\ndisk = 'phy:/dev/vg/lv,xvda,w'\n", 'Wrap disk in a list'), "name = \"x\"\ndisk = [ 'phy:/dev/vg/lv,xvda,w' ]\n");
  });
  it('fixes memory against maxmem either way', () => {
    const text = 'name = "x"\nmemory = 4096\nmaxmem = 2048\n';
    assert.strictEqual(apply(text, 'Lower memory to 2048'), 'name = "x"\nmemory = 2048\nmaxmem = 2048\n');
    assert.strictEqual(apply(text, 'Raise maxmem to 4096'), 'name = "x"\nmemory = 4096\nmaxmem = 4096\n');
  });
  it('adds a missing name after the leading comments', () => {
    assert.strictEqual(apply('# web server\nkernel = "/k"\n', 'Add name = "web01"'), '# web server\nname = "web01"\nkernel = "/k"\n');
  });
  it('leaves a file that parses after each fix', () => {
    for (const [text, title] of [
      ['name = "x"\ntype = hvm\n', 'Quote hvm'],
      ['name = "x"\nrtc_timeoffset = -60\n', 'Quote -60'],
    ] as const) {
      assert.strictEqual(lintXl(apply(text, title)).doc.failed, false);
    }
  });
});

describe('xl outline', () => {
  it('lists settings with device entries as children', () => {
    const doc = lintXl("name = \"x\"\ndisk = [ 'a', 'b' ]\n").doc;
    const symbols = symbolsXl(doc.assignments);
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.detail, s.children.length]), [['name', 'x', 0], ['disk', '2 entries', 2]]);
  });
});
