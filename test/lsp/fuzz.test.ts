// Protocol fuzz: the real server (dist/server.js over stdio) gets a few hundred random and
// mutated documents — domU, LVM and lock-manager configs and inventories, as files and as
// untitled editors — edited in place, with hover, completion, code action, outline and
// folding requests at random positions. Every request must answer in time and without an
// error, every edit and symbol must lie inside the document, and the server must stay up.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { mutate, Random, randomConfig } from '../reference/generate';
import { brokenFile, invalidFile } from '../reference/lvmGenerate';
import { TestClient } from './client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCUMENTS = 300;
/** Generous for a loaded CI machine: what this catches is a hang or a crash, not slowness. */
const ANSWER_MS = 5000;
/** Files that do not exist on disk, so closing a document forgets it. */
const DIR = path.join(os.tmpdir(), 'xenops-lsp-fuzz-not-on-disk');

interface Kind {
  languageId: string;
  /** The file name the server sees (it picks sanlock or dlm rules by it). */
  names: string[];
  samples: string[];
  generate: (r: Random) => string;
  /** Whether untitled editors of this kind are served too (inventories are known by file name only). */
  untitled: boolean;
}

function read(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

function kinds(): Kind[] {
  const examples = path.join(ROOT, 'examples');
  const lock = [...read(examples, (n) => n === 'sanlock.conf'), 'log_debug=1\nport=021064\ndevice foo fence_ipmilan ipaddr=1\nconnect foo node=1\n'];
  return [
    {
      languageId: 'xen-cfg', names: ['guest.cfg'], untitled: true, generate: randomConfig,
      samples: [...read(path.join(ROOT, 'test', 'fixtures', 'xl'), (n) => n.endsWith('.cfg')), ...read(examples, (n) => n.endsWith('.cfg'))],
    },
    { languageId: 'lvm-conf', names: ['lvm.conf', 'lvmlocal.conf'], untitled: true, generate: (r) => (r.chance(0.5) ? brokenFile(r) : invalidFile(r)), samples: read(examples, (n) => /^lvm.*\.conf$/.test(n)) },
    { languageId: 'lockmgr-conf', names: ['sanlock.conf', 'dlm.conf'], untitled: true, generate: (r) => r.pick(lock).split('\n').reverse().join('\n'), samples: lock },
    { languageId: 'yaml', names: ['xenops.yaml'], untitled: false, generate: () => 'hosts:\n  h:\n    domains: [ "*.cfg" ]\n', samples: read(examples, (n) => n === 'xenops.yaml') },
  ];
}

/** Small edits people make while typing: quotes, brackets, line ends, non-ASCII. */
const PIECES = ['', '"', "'", '[', ']', '{', '}', ',', '=', ';', '\n', '\r\n', '\r', ' ', '\t', '#', '# note\n', '0400', '-1', 'é', '😀', '\u0000', 'disk = [ "', 'x = 1\n'];

/** A random document of a kind: generated, or a sample, then mutated a few times. */
function randomText(r: Random, kind: Kind): string {
  let text = r.chance(0.3) ? kind.generate(r) : r.pick(kind.samples);
  for (let m = r.int(4); m > 0; m--) text = mutate(r, text);
  return text;
}

/** A whole-document replacement, or a small incremental edit at a random place. */
function randomChange(r: Random, doc: TextDocument, kind: Kind): TextDocumentContentChangeEvent {
  if (r.chance(0.25)) return { text: randomText(r, kind) };
  const text = doc.getText();
  const start = r.int(text.length + 1);
  const end = Math.min(text.length, start + r.int(12));
  const insert = r.chance(0.8) ? r.pick(PIECES) : r.pick(kind.samples).slice(0, 1 + r.int(80));
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert };
}

function randomPosition(r: Random, doc: TextDocument): Position {
  return doc.positionAt(r.int(doc.getText().length + 1));
}

function randomRange(r: Random, doc: TextDocument): Range {
  const a = r.int(doc.getText().length + 1);
  const b = Math.min(doc.getText().length, a + r.int(40));
  return { start: doc.positionAt(a), end: doc.positionAt(b) };
}

/** Whether a position names a real place in the document (offsetAt would silently clamp it). */
function inside(doc: TextDocument, p: Position): boolean {
  if (p.line < 0 || p.line >= doc.lineCount || p.character < 0) return false;
  const line = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } });
  return p.character <= line.replace(/\r?\n$|\r$/, '').length;
}

function rangeInside(doc: TextDocument, r: Range): boolean {
  return inside(doc, r.start) && inside(doc, r.end) && doc.offsetAt(r.start) <= doc.offsetAt(r.end);
}

describe('language server fuzz over stdio', function () {
  this.timeout(60_000);
  let client: TestClient;
  let closed = false;

  before(async () => {
    client = new TestClient();
    client.connection.onClose(() => (closed = true));
    await client.initialize();
  });
  after(() => client.close());

  /** The request's answer, or a failure naming it and the document when it errors or takes too long. */
  async function answered<T>(what: string, doc: TextDocument, request: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ANSWER_MS} ms`)), ANSWER_MS);
    });
    try {
      return await Promise.race([request, late]);
    } catch (e) {
      throw new Error(`${what} on ${doc.uri} (${doc.languageId}) failed: ${(e as Error).message}\n${JSON.stringify(doc.getText()).slice(0, 2000)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hover, completion, code actions, outline and folding at random places, all at once. */
  async function ask(r: Random, doc: TextDocument): Promise<void> {
    const textDocument = { uri: doc.uri };
    const send = client.connection.sendRequest.bind(client.connection);
    const diagnostics = client.latest.get(doc.uri)?.diagnostics ?? [];
    const [actions, symbols] = await Promise.all([
      answered('codeAction', doc, send(CodeActionRequest.type, { textDocument, range: randomRange(r, doc), context: { diagnostics } })),
      answered('documentSymbol', doc, send(DocumentSymbolRequest.type, { textDocument })),
      answered('hover', doc, send(HoverRequest.type, { textDocument, position: randomPosition(r, doc) })),
      answered('completion', doc, send(CompletionRequest.type, { textDocument, position: randomPosition(r, doc) })),
      answered('foldingRange', doc, send(FoldingRangeRequest.type, { textDocument })),
    ]);
    for (const action of actions ?? []) {
      const edits = 'edit' in action ? action.edit?.changes ?? {} : {};
      for (const [uri, list] of Object.entries(edits)) {
        assert.strictEqual(uri, doc.uri, `"${action.title}" edits another document`);
        for (const e of list) assert.ok(rangeInside(doc, e.range), `"${action.title}" edits ${JSON.stringify(e.range)}, outside ${JSON.stringify(doc.getText())}`);
      }
    }
    const visit = (list: DocumentSymbol[]) => {
      for (const s of list) {
        assert.ok(rangeInside(doc, s.range) && rangeInside(doc, s.selectionRange), `symbol ${s.name} at ${JSON.stringify(s.range)} outside ${JSON.stringify(doc.getText())}`);
        visit(s.children ?? []);
      }
    };
    visit((symbols ?? []).filter((s): s is DocumentSymbol => 'range' in s));
  }

  it(`answers every request on ${DOCUMENTS} random and mutated documents, and stays up`, async () => {
    const r = new Random(1729);
    const all = kinds();
    const open: TextDocument[] = [];
    const close = async (doc: TextDocument) => {
      open.splice(open.indexOf(doc), 1);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
    };
    for (let i = 0; i < DOCUMENTS; i++) {
      const kind = r.chance(0.55) ? all[0] : r.pick(all);
      const uri = kind.untitled && r.chance(0.3) ? `untitled:Untitled-${i}` : pathToFileURL(path.join(DIR, String(i), r.pick(kind.names))).href;
      let doc = TextDocument.create(uri, kind.languageId, 1, randomText(r, kind));
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: kind.languageId, version: 1, text: doc.getText() } });
      open.push(doc);
      await ask(r, doc);
      for (let edit = r.int(4); edit > 0; edit--) {
        const change = randomChange(r, doc, kind);
        doc = TextDocument.update(doc, [change], doc.version + 1);
        open[open.length - 1] = doc;
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [change] });
        await ask(r, doc);
      }
      // a few stay open, so the cross-file checks see several at once
      if (open.length > 6 || r.chance(0.7)) await close(open[0]);
    }
    while (open.length) await close(open[0]);

    assert.ok(!closed, 'the server closed the connection');
    const last = TextDocument.create('file:///tmp/xenops-fuzz-final.cfg', 'xen-cfg', 1, 'name = "ok"\nkernel = "/k"\nmemory = 512\n');
    const { diagnostics } = await client.open(last.uri, last.getText());
    assert.deepStrictEqual(diagnostics, []);
    const hover = await answered('final hover', last, client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: last.uri }, position: { line: 2, character: 2 } }));
    assert.ok(hover, 'the server still answers after the fuzzing');
  });
});
