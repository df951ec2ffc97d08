// A real LSP client (vscode-languageserver-protocol over stdio) driving dist/server.js,
// for protocol tests and the latency benchmark.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  PublishDiagnosticsNotification,
  type Registration,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  UnregistrationRequest,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** What the server asks for with workspace/configuration. */
  settings: Record<string, unknown> = {};
  /** Capabilities the server registered (client/registerCapability) and has not unregistered. */
  readonly registrations = new Map<string, Registration>();
  private readonly registered: Array<() => void> = [];

  constructor() {
    // XENOPS_SERVER_NODE_ARGS passes flags to the server's node, e.g. --cpu-prof when profiling a benchmark
    const nodeArgs = process.env.XENOPS_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    this.proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      for (const r of p.registrations) this.registrations.set(r.id, r);
      this.registered.splice(0).forEach((f) => f());
    });
    this.connection.onRequest(UnregistrationRequest.type, (p) => {
      for (const r of p.unregisterations) this.registrations.delete(r.id);
    });
    this.connection.listen();
  }

  /** Initializes the server, with `folder` (an absolute path) as the workspace folder when given, and extra workspace capabilities. */
  async initialize(folder?: string, workspace: Record<string, unknown> = {}): Promise<void> {
    const uri = folder ? pathToFileURL(folder).href : null;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      capabilities: { workspace: { configuration: true, ...workspace }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      workspaceFolders: uri ? [{ uri, name: 'workspace' }] : null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the first diagnostics for `uri` that satisfy `test` (the latest ones, if they already do). */
  until(uri: string, test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const now = this.latest.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = (p: PublishDiagnosticsParams) => {
        if (test(p)) resolve(p);
        else this.waiters.push({ uri, resolve: check });
      };
      this.waiters.push({ uri, resolve: check });
    });
  }

  /** Resolves with the first current registration that satisfies `test`, waiting for new ones. */
  registration(test: (r: Registration) => boolean): Promise<Registration> {
    return new Promise((resolve) => {
      const check = () => {
        const found = [...this.registrations.values()].find(test);
        if (found) resolve(found);
        else this.registered.push(check);
      };
      check();
    });
  }

  /** Resolves with the next diagnostics for `uri` (for `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string, languageId = 'xen-cfg', version = 1): Promise<PublishDiagnosticsParams> {
    const next = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return next;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const next = this.diagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return next;
  }

  async configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      // the exit notification ends the server; kill it only if it is still there shortly after
      setTimeout(() => this.proc.kill(), 2000).unref();
    }
  }
}
