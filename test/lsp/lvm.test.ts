// lvm.conf, lvmlocal.conf, sanlock.conf and dlm.conf through the real server over
// stdio: diagnostics as you type, hover, completion, quick fixes, outline, folding,
// per-rule severities, and the checks that span a host's files.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  type CompletionItem,
  CompletionRequest,
  type Diagnostic,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const LVM_CONF = `devices {
\tissue_discard = 1
\tfilter = [ "a|^/dev/sd.*|", "r|.*|" ]
}
global {
\tuse_lvmetad = 1
\tuse_lvmlockd = 1
}
activation {
\tthin_pool_autoextend_threshold = "70"
}
`;

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code));
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + c;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character))) {
    out = out.slice(0, offset(e.range.start.line, e.range.start.character)) + e.newText + out.slice(offset(e.range.end.line, e.range.end.character));
  }
  return out;
}

describe('LVM and lock-manager configs over stdio', function () {
  this.timeout(20000);
  let dir: string;
  let client: TestClient;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;

  async function fix(rel: string, text: string, diag: Diagnostic, title: string): Promise<string> {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri(rel) }, range: diag.range, context: { diagnostics: [diag] } })) ?? [];
    const action = actions.find((a) => a.title === title) as { edit?: WorkspaceEdit } | undefined;
    assert.ok(action?.edit?.changes, `no "${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
    return applyEdits(text, action.edit.changes[uri(rel)]);
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-lvm-'));
    fs.mkdirSync(path.join(dir, 'xen01/etc/lvm'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'xen01/etc/sanlock'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'xen01/etc/lvm/lvm.conf'), LVM_CONF);
    fs.writeFileSync(path.join(dir, 'xen01/etc/lvm/lvmlocal.conf'), 'local {\n}\n');
    fs.writeFileSync(path.join(dir, 'xen01/etc/sanlock/sanlock.conf'), 'use_watchdog = yes\n');
    client = new TestClient();
    await client.initialize(dir);
  });
  afterEach(async () => {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports on files that are not open, and on each host file from the others (lvmlockd without host_id)', async () => {
    const lvm = await client.until(uri('xen01/etc/lvm/lvm.conf'), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(lvm).sort(), ['lvm/removed', 'lvm/type', 'lvm/unknown-setting']);
    const local = await client.until(uri('xen01/etc/lvm/lvmlocal.conf'), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(local), ['lvm/lockd-host-id']);
    const sanlock = await client.until(uri('xen01/etc/sanlock/sanlock.conf'), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(codes(sanlock), ['lock/boolean']);
    assert.match(String(sanlock.diagnostics[0].message), /use_watchdog = 0 disables the watchdog/);
  });

  it('checks an open lvm.conf as it changes, with lvm2\'s messages at the right place', async () => {
    const opened = await client.open(uri('xen01/etc/lvm/lvm.conf'), LVM_CONF, 'lvm-conf');
    const unknown = opened.diagnostics.find((d) => d.code === 'lvm/unknown-setting')!;
    assert.match(String(unknown.message), /^Configuration setting "devices\/issue_discard" unknown\. Did you mean `issue_discards`\?/);
    assert.deepStrictEqual(unknown.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 14 } });
    const broken = await client.change(uri('xen01/etc/lvm/lvm.conf'), 2, [{ text: 'global {\n\tumask 077\n}\n' }]);
    assert.deepStrictEqual(codes(broken), ['lvm/syntax']);
    assert.match(String(broken.diagnostics[0].message), /^Parse error at byte 17 \(line 2\): unexpected token/);
  });

  it('offers fixes that change only what they name', async () => {
    const opened = await client.open(uri('xen01/etc/lvm/lvm.conf'), LVM_CONF, 'lvm-conf');
    const byCode = (c: string) => opened.diagnostics.find((d) => d.code === c)!;
    assert.strictEqual(await fix('xen01/etc/lvm/lvm.conf', LVM_CONF, byCode('lvm/unknown-setting'), 'Rename to issue_discards'), LVM_CONF.replace('issue_discard ', 'issue_discards '));
    assert.strictEqual(await fix('xen01/etc/lvm/lvm.conf', LVM_CONF, byCode('lvm/removed'), 'Remove use_lvmetad'), LVM_CONF.replace('\tuse_lvmetad = 1\n', ''));
    assert.strictEqual(await fix('xen01/etc/lvm/lvm.conf', LVM_CONF, byCode('lvm/type'), 'Write 70 without quotes'), LVM_CONF.replace('"70"', '70'));
    const sanlock = await client.open(uri('xen01/etc/sanlock/sanlock.conf'), 'use_watchdog = yes\n', 'lockmgr-conf');
    assert.strictEqual(await fix('xen01/etc/sanlock/sanlock.conf', 'use_watchdog = yes\n', sanlock.diagnostics[0], 'Write 1'), 'use_watchdog = 1\n');
  });

  it('adds the host_id in lvmlocal.conf, and the lvm.conf side goes quiet', async () => {
    await client.open(uri('xen01/etc/lvm/lvmlocal.conf'), 'local {\n}\n', 'lvm-conf');
    const local = await client.until(uri('xen01/etc/lvm/lvmlocal.conf'), (p) => codes(p).includes('lvm/lockd-host-id'));
    const diag = local.diagnostics.find((d) => d.code === 'lvm/lockd-host-id')!;
    const fixed = await fix('xen01/etc/lvm/lvmlocal.conf', 'local {\n}\n', diag, 'Add host_id = 1 (no other host uses it)');
    assert.strictEqual(fixed, 'local {\n\thost_id = 1\n}\n');
    const after = await client.change(uri('xen01/etc/lvm/lvmlocal.conf'), 2, [{ text: fixed }]);
    assert.deepStrictEqual(codes(after), []);
  });

  it('answers hover from the schema, and says how lvm2 reads a value', async () => {
    await client.open(uri('xen01/etc/lvm/lvm.conf'), LVM_CONF, 'lvm-conf');
    const hover = async (line: number, character: number) => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('xen01/etc/lvm/lvm.conf') }, position: { line, character } });
      return (h?.contents as { value: string }).value;
    };
    assert.match(await hover(6, 4), /\*\*global\/use_lvmlockd\*\*/);
    assert.match(await hover(6, 17), /lvm2 reads `1` as \*\*true\*\*/);
    assert.match(await hover(2, 14), /\*\*Accept\*\* devices whose name .* matches `\^\/dev\/sd\.\*`/);
    await client.open(uri('xen01/etc/sanlock/sanlock.conf'), 'io_timeout = 10s\n', 'lockmgr-conf');
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('xen01/etc/sanlock/sanlock.conf') }, position: { line: 0, character: 3 } });
    // the sanlock schema's entry, with how sanlock reads this very value
    assert.match((h?.contents as { value: string }).value, /^\*\*io_timeout\*\* — sanlock\.conf setting[\s\S]*Here: `10s` is read as 10 \(atoi\)/);
  });

  it('completes settings of the section under the cursor, and their values', async () => {
    const text = 'activation {\n\tthin\n}\nallocation {\n\tthin_pool_discards = \n}\n';
    await client.open(uri('xen01/etc/lvm/lvm.conf'), text, 'lvm-conf');
    const complete = async (line: number, character: number) =>
      ((await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('xen01/etc/lvm/lvm.conf') }, position: { line, character } })) ?? []) as CompletionItem[];
    const names = (await complete(1, 5)).map((i) => i.label);
    assert.ok(names.includes('thin_pool_autoextend_threshold') && !names.includes('use_lvmlockd'), names.join(' '));
    assert.deepStrictEqual((await complete(4, 22)).map((i) => i.label), ['"ignore"', '"nopassdown"', '"passdown"']);
  });

  it('gives an outline and folds sections', async () => {
    await client.open(uri('xen01/etc/lvm/lvm.conf'), LVM_CONF, 'lvm-conf');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('xen01/etc/lvm/lvm.conf') } })) as Array<{ name: string; children?: Array<{ name: string }> }>;
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [
      ['devices', ['issue_discard', 'filter']], ['global', ['use_lvmetad', 'use_lvmlockd']], ['activation', ['thin_pool_autoextend_threshold']],
    ]);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri('xen01/etc/lvm/lvm.conf') } });
    assert.deepStrictEqual(folds?.map((f) => [f.startLine, f.endLine]), [[0, 2], [4, 6], [8, 9]]);
  });

  it('lets the user turn a rule off or change its severity', async () => {
    await client.open(uri('xen01/etc/lvm/lvm.conf'), LVM_CONF, 'lvm-conf');
    await client.configure({ rules: { 'lvm/removed': 'off', 'lvm/type': 'info' } });
    const opened = await client.until(uri('xen01/etc/lvm/lvm.conf'), (p) => !codes(p).includes('lvm/removed'));
    assert.strictEqual(opened.diagnostics.find((d) => d.code === 'lvm/type')?.severity, 3);
  });

  it('checks untitled lvm.conf and dlm.conf editors on their own', async () => {
    const untitled = await client.open('untitled:Untitled-1', 'global {\n\tlocking_type = 3\n}\n', 'lvm-conf');
    assert.deepStrictEqual(codes(untitled), ['lvm/removed']);
    const dlm = await client.open('untitled:Untitled-2', 'enable_fencing=true\n', 'lockmgr-conf');
    assert.deepStrictEqual(codes(dlm), ['lock/boolean']);
  });
});
