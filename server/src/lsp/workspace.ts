// The server side of the workspace checks: keeps the index in step with open
// editors and files on disk, and publishes diagnostics for every file whose
// findings changed (closed files included, so the Problems view sees them all).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Connection, DidChangeWatchedFilesNotification, type Disposable, type FileSystemWatcher, WatchKind } from 'vscode-languageserver/node';
import { applySeverities, type Finding } from '../core/findings';
import { LineIndex } from '../core/text';
import { URI } from '../core/uri';
import { fileKind } from '../lintService';
import { type HostConfigKind, hostConfigKind } from '../lvm/detect';
import { DEFAULT_SETTINGS, type LintSettings, normaliseSettings } from '../settings';
import { WorkspaceIndex } from '../workspace';
import { hostConfigPlaces } from '../workspace/hostConfigs';
import { INVENTORY_FILE } from '../workspace/inventory';
import { DOMAIN_CONFIG_FILE } from '../xl/detect';
import type { XlAnalysis } from '../xl/lint';
import { toDiagnostic } from './convert';

const MAX_FILES = 20000;
const MAX_BYTES = 4 * 1024 * 1024;

type Kind = 'domain' | 'inventory' | 'report' | 'host';

/** A file watcher event, as the server hands it on. */
export interface WatchedChange {
  file: string;
  type: 'created' | 'changed' | 'deleted';
}

/** What the client lets the server watch itself (`workspace.didChangeWatchedFiles` dynamic registration). */
export interface WatchSupport {
  relativePatterns: boolean;
}

export class WorkspaceService {
  readonly index = new WorkspaceIndex((file) => this.settingsFor(file));
  private folders: string[] = [];
  private readonly folderSettings = new Map<string, LintSettings>();
  /** The text of every indexed file (editor content for open ones), for positions. */
  private readonly files = new Map<string, { kind: Kind; index: LineIndex }>();
  private readonly open = new Map<string, number>();
  private readonly published = new Map<string, string>();
  private pending?: NodeJS.Immediate;
  /** Watcher batches are applied one after the other, so a slow read never lands after a newer event. */
  private watching: Promise<void> = Promise.resolve();
  /** The report paths the client watches for us, and that registration (replaced when the paths change). */
  private namedWatch = { key: '', registration: Promise.resolve<Disposable | undefined>(undefined) };
  /** Host configs read because an inventory's `etc` names their folder, outside the workspace folders. */
  private named = new Set<string>();
  /** Counts changes to what is indexed: file events that touch nothing xenops reads need no re-check. */
  private revision = 0;
  /** The cross-file findings of the current revision: hovers, code actions and publishing share them. */
  private crossCache?: { revision: number; findings: Map<string, Finding[]> };

  constructor(
    private readonly connection: Connection,
    private readonly canAskConfiguration: boolean,
    private readonly watchSupport?: WatchSupport,
  ) {}

  settingsFor(file: string): LintSettings {
    const folder = this.folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    return (folder !== undefined ? this.folderSettings.get(folder) : undefined) ?? this.folderSettings.get('') ?? DEFAULT_SETTINGS;
  }

  async start(folders: string[]): Promise<void> {
    this.folders = folders;
    await this.refreshSettings();
    this.watchFolders();
    for (const folder of folders) await this.scan(folder);
    await this.loadNamedFiles();
    this.schedule();
  }

  /**
   * The client's glob only matches file names, and VS Code reports a deleted or
   * created folder as one event for the folder (microsoft/vscode#90746): ask for
   * creates and deletes of every path, never for changes (logs change all the time).
   */
  private watchFolders(): void {
    if (!this.watchSupport || !this.folders.length) return;
    const watchers: FileSystemWatcher[] = [{ globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];
    this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }

  /**
   * Files the inventories name may lie anywhere: LVM reports (under any name) and the configs
   * under a host's `etc`. Watch exactly those paths, re-registered when they change.
   */
  private watchNamedFiles(): void {
    if (!this.watchSupport) return;
    const files = [...new Set([...this.index.reportFiles(), ...this.etcConfigsOutside()])].sort();
    const key = files.join('\n');
    if (key === this.namedWatch.key) return;
    const previous = this.namedWatch.registration;
    const registration = (async () => {
      const old = await previous;
      // the new watchers first, so no change falls between the two
      const next = files.length
        ? await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: files.map((f) => this.pathWatcher(f)) }).catch(() => undefined)
        : undefined;
      old?.dispose();
      return next;
    })();
    this.namedWatch = { key, registration };
  }

  private pathWatcher(file: string): FileSystemWatcher {
    // without relative patterns a glob on the name is the best there is: events for other paths are ignored
    const globPattern = this.watchSupport?.relativePatterns
      ? { baseUri: URI.fromPath(path.dirname(file)), pattern: path.basename(file) }
      : `**/${path.basename(file)}`;
    return { globPattern, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete };
  }

  /** Settings per workspace folder ('' for files outside them). */
  async refreshSettings(): Promise<void> {
    if (!this.canAskConfiguration) return;
    const scopes = ['', ...this.folders];
    const values = await this.connection.workspace.getConfiguration(
      scopes.map((f) => ({ scopeUri: f ? URI.fromPath(f) : undefined, section: 'xenops' })),
    ).catch(() => scopes.map(() => undefined));
    scopes.forEach((f, i) => this.folderSettings.set(f, normaliseSettings(values[i])));
  }

  /** After a settings change every config is analysed again (the Xen version may differ). */
  async settingsChanged(reread: (file: string) => string | undefined): Promise<void> {
    await this.refreshSettings();
    this.revision++;
    for (const file of this.index.domainFiles()) {
      const text = reread(file);
      if (text !== undefined) this.index.setDomain(file, text);
    }
    this.published.clear();
    this.schedule();
  }

  /** Indexes every config and inventory under a folder, reading several files at a time. */
  private async scan(folder: string): Promise<void> {
    const found: string[] = [];
    await this.collect(folder, found, 0);
    for (let i = 0; i < found.length; i += 32) {
      await Promise.all(found.slice(i, i + 32).filter((f) => !this.open.has(f)).map((f) => this.loadFromDisk(f)));
    }
  }

  private async collect(dir: string, found: string[], depth: number): Promise<void> {
    if (depth > 12 || found.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skippedDir(e.name)) await this.collect(full, found, depth + 1);
      } else if (e.isFile() && (DOMAIN_CONFIG_FILE.test(e.name) || e.name === INVENTORY_FILE || hostConfigKind(full))) {
        found.push(full);
      }
    }
  }

  /** Reads a file from disk into the index; returns false when it is not one xenops checks. */
  private async loadFromDisk(file: string): Promise<boolean> {
    try {
      const st = await fs.stat(file);
      if (!st.isFile() || st.size > MAX_BYTES) return false;
      const text = await fs.readFile(file, 'utf8');
      // an editor may have opened the file while it was being read: its text wins
      if (text.includes('\u0000') || this.open.has(file)) return false;
      return this.setText(file, text);
    } catch {
      return false;
    }
  }

  /** Reads the files the inventories name (LVM reports, configs under a host's `etc`) that the folder scan does not cover. */
  private async loadNamedFiles(): Promise<void> {
    for (const file of this.index.reportFiles()) {
      if (this.files.get(file)?.kind === 'report') continue;
      try {
        this.setReport(file, await fs.readFile(file, 'utf8'));
      } catch {
        // a missing report is reported on the inventory line that names it
      }
    }
    const wanted = new Set(this.etcConfigsOutside());
    for (const file of this.named) if (!wanted.has(file) && !this.open.has(file)) this.forget(file);
    for (const file of wanted) if (!this.files.has(file) && !this.open.has(file)) await this.loadFromDisk(file);
    this.named = wanted;
  }

  /** Where the hosts' `etc` folders outside the workspace folders may hold LVM and lock-manager configs. */
  private etcConfigsOutside(): string[] {
    return this.index.etcFolders().flatMap(hostConfigPlaces).filter((f) => !this.inFolders(f));
  }

  private setReport(file: string, text: string): void {
    this.revision++;
    this.index.setReport(file, text);
    this.files.set(file, { kind: 'report', index: new LineIndex(text) });
  }

  /** Puts a domU config, an LVM or lock-manager config, or an inventory into the index. */
  setText(file: string, text: string, language?: string): boolean {
    this.revision++;
    if (path.basename(file) === INVENTORY_FILE) {
      this.index.setInventory(file, text);
      this.files.set(file, { kind: 'inventory', index: new LineIndex(text) });
      return true;
    }
    const host = language === 'lvm-conf' || language === 'lockmgr-conf' ? (language as HostConfigKind) : language ? undefined : hostConfigKind(file);
    if (host) {
      this.index.setHostConfig(file, text, host);
      this.files.set(file, { kind: 'host', index: new LineIndex(text) });
      return true;
    }
    if (language !== 'xen-cfg' && fileKind(file, text) !== 'xen-cfg') {
      this.forget(file);
      return false;
    }
    this.index.setDomain(file, text);
    this.files.set(file, { kind: 'domain', index: new LineIndex(text) });
    return true;
  }

  /** An editor opened or changed a document: its content now wins over the disk. */
  async edited(file: string, text: string, version: number, languageId: string): Promise<void> {
    this.open.set(file, version);
    this.setText(file, text, languageId);
    if (this.files.get(file)?.kind === 'inventory') await this.loadNamedFiles();
    this.schedule();
  }

  /** An editor closed a document: go back to what is on disk. */
  async closed(file: string): Promise<void> {
    this.open.delete(file);
    if (!(await this.loadFromDisk(file)) || !(this.inFolders(file) || this.named.has(file))) this.forget(file);
    this.schedule();
  }

  /** File watcher events (created, changed, deleted) for files and folders not open in an editor. */
  watched(changes: WatchedChange[]): Promise<void> {
    this.watching = this.watching.then(() => this.applyChanges(changes)).catch(() => undefined);
    return this.watching;
  }

  private async applyChanges(changes: WatchedChange[]): Promise<void> {
    const before = this.revision;
    const reports = new Set(this.index.reportFiles());
    let dirs: Set<string> | undefined;
    for (const change of distinct(changes)) {
      if (this.open.has(change.file)) continue;
      if (change.type === 'deleted') {
        this.deleted(change.file, () => (dirs ??= this.indexedDirs()));
      } else if (reports.has(change.file)) {
        await this.readReport(change.file);
      } else if (await this.arrived(change)) {
        dirs = undefined; // a scanned folder added directories
      }
    }
    await this.loadNamedFiles();
    if (this.revision !== before) this.schedule();
  }

  /** A deleted path: an indexed file, or a folder whose files get no events of their own. */
  private deleted(file: string, dirs: () => Set<string>): void {
    if (this.files.has(file)) return this.forget(file);
    if (!dirs().has(file)) return; // a log or anything else xenops never read
    const under = file + path.sep;
    for (const f of [...this.files.keys()]) if (f.startsWith(under) && !this.open.has(f)) this.forget(f);
  }

  /** Every folder that holds an indexed file, at any depth: a cheap test for folder deletes. */
  private indexedDirs(): Set<string> {
    const dirs = new Set<string>();
    for (const file of this.files.keys()) {
      for (let d = path.dirname(file); !dirs.has(d); d = path.dirname(d)) {
        dirs.add(d);
        if (path.dirname(d) === d) break;
      }
    }
    return dirs;
  }

  /** A created or changed path; a created folder is scanned (returns true then). */
  private async arrived({ file, type }: WatchedChange): Promise<boolean> {
    if (type === 'created' && (await isDirectory(file))) {
      if (!this.inFolders(file) || this.skipped(file)) return false;
      await this.scan(file);
      return true;
    }
    if (DOMAIN_CONFIG_FILE.test(file) || path.basename(file) === INVENTORY_FILE || hostConfigKind(file)) await this.loadFromDisk(file);
    return false;
  }

  private async readReport(file: string): Promise<void> {
    try {
      this.setReport(file, await fs.readFile(file, 'utf8'));
    } catch {
      this.forget(file);
    }
  }

  /** Folders the start-up scan leaves out (hidden ones, node_modules) are left out when they appear too. */
  private skipped(dir: string): boolean {
    const root = this.folders.filter((f) => dir.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0] ?? '';
    return path.relative(root, dir).split(path.sep).some(skippedDir);
  }

  private forget(file: string): void {
    if (!this.files.has(file)) return;
    this.revision++;
    this.index.remove(file);
    this.files.delete(file);
  }

  private inFolders(file: string): boolean {
    return this.folders.some((f) => file.startsWith(f + path.sep));
  }

  analysis(file: string): XlAnalysis | undefined {
    return this.index.analysis(file);
  }

  lineIndex(file: string): LineIndex | undefined {
    return this.files.get(file)?.index;
  }

  private crossFindings(): Map<string, Finding[]> {
    if (this.crossCache?.revision !== this.revision) this.crossCache = { revision: this.revision, findings: this.index.crossFindings() };
    return this.crossCache.findings;
  }

  /** Everything reported for a file: its own findings and the cross-file ones, with the user's severities. */
  findings(file: string, cross = this.crossFindings()): Finding[] {
    const own = this.index.ownFindings(file);
    const all = [...own, ...(cross.get(file) ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
    return applySeverities(all, this.settingsFor(file).rules);
  }

  /** Re-checks on the next turn of the event loop, so a burst of changes is checked once. */
  schedule(): void {
    if (this.pending) return;
    this.pending = setImmediate(() => {
      this.pending = undefined;
      this.watchNamedFiles();
      void this.publish();
    });
  }

  /**
   * Publishes the diagnostics of every file whose findings changed since they were
   * last sent (and of open files at each new version). Clean closed files send nothing.
   */
  private async publish(): Promise<void> {
    const cross = this.crossFindings();
    const targets = new Set([...this.files.keys(), ...this.published.keys()]);
    const sends: Array<Promise<void>> = [];
    for (const file of targets) {
      const entry = this.files.get(file);
      if (entry?.kind === 'report') continue;
      const findings = entry ? this.findings(file, cross) : [];
      const version = this.open.get(file);
      const key = `${version ?? ''}|${findings.length ? JSON.stringify(findings) : ''}`;
      const last = this.published.get(file);
      if (last === key || (last === undefined && key === '|')) continue;
      if (key === '|') this.published.delete(file);
      else this.published.set(file, key);
      const uri = URI.fromPath(file);
      const diagnostics = entry ? findings.map((f) => toDiagnostic(f, entry.index, uri, (other) => this.lineIndex(other))) : [];
      sends.push(this.connection.sendDiagnostics({ uri, version, diagnostics }));
    }
    await Promise.all(sends);
  }
}

function skippedDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

async function isDirectory(file: string): Promise<boolean> {
  return fs.stat(file).then((st) => st.isDirectory(), () => false);
}

/** Two watchers can report the same event: keep the last of each, in order, so the final state wins. */
function distinct(changes: WatchedChange[]): WatchedChange[] {
  const last = new Map<string, number>();
  changes.forEach((c, i) => last.set(`${c.type}|${c.file}`, i));
  return changes.filter((c, i) => last.get(`${c.type}|${c.file}`) === i);
}
