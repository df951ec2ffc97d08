// Runs the packaged extension in a real VS Code and drives its UI with playwright-core:
//  - by default code-server (VS Code's web UI + a server-side extension host) served on
//    127.0.0.1 and Debian's chromium, both installed by setup.sh;
//  - with VSCODE_EXECUTABLE set to a desktop VS Code's Electron binary (/usr/share/code/code, or
//    .vscode-test/vscode-linux-x64-<version>/code fetched by @vscode/test-electron where the
//    internet is reachable), also that desktop VS Code: @vscode/test-electron finds its CLI and
//    installs the .vsix into a fresh profile, and playwright-core's Electron driver drives the
//    window (test-electron's runTests() would run specs inside the extension host against the
//    `vscode` API, while these specs drive the UI).
// The specs in *.e2e.ts see the same workbench either way and use the helpers below.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCliArgsFromVSCodeExecutablePath } from '@vscode/test-electron';
import { _electron, chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';

/** The repository root (this file runs from out/e2e/). */
export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURE = path.join(ROOT, 'test/e2e/fixture');
export const RESULTS = path.join(ROOT, 'test-results/e2e');

interface Tools { node: string; codeServer: string; chromium: string }

/** Where setup.sh installed Node 24, code-server and chromium. */
function tools(): Tools {
  const cache = process.env.XENOPS_E2E_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'xenops-e2e');
  const file = path.join(cache, 'e2e.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run test/e2e/setup.sh first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Tools;
}

/** The vsix `npm run package` writes. */
export function packagedVsix(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(ROOT, `xenops-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  return vsix;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  // Keep the chat / Copilot panel and other first-run UI out of the way (and out of screenshots).
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.autoSave': 'off', // a spec's edits stay unsaved, so the next spec can drop them
  'git.enabled': false,
  // Predictable text under the cursor: no hover on mouse moves, no suggestion popups while typing.
  'editor.hover.enabled': 'onKeyboardModifier',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
};

/** code-server always; a desktop VS Code too when VSCODE_EXECUTABLE names one. */
export type Target = 'code-server' | 'desktop';
export const TARGETS: Target[] = process.env.VSCODE_EXECUTABLE ? ['code-server', 'desktop'] : ['code-server'];

/** A fresh VS Code profile in a temporary folder: settings, extensions, a copy of the fixture. */
interface Profile { dir: string; workspace: string; userData: string; extensions: string }

function newProfile(): Profile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenops-e2e-'));
  const profile = { dir, workspace: path.join(dir, 'workspace'), userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions') };
  fs.cpSync(FIXTURE, profile.workspace, { recursive: true }); // edits in the editor never touch the repo
  fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(profile.userData, 'User/settings.json'), JSON.stringify(SETTINGS, null, 2));
  fs.mkdirSync(RESULTS, { recursive: true });
  return profile;
}

/** A VS Code with the freshly packaged extension installed, showing a copy of the fixture workspace. */
export class VsCode {
  constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly close: () => Promise<void>,
  ) {}

  static async start(target: Target, vsix = packagedVsix()): Promise<VsCode> {
    const profile = newProfile();
    const vscode = target === 'desktop'
      ? await startDesktop(process.env.VSCODE_EXECUTABLE!, profile, vsix)
      : await startCodeServer(profile, vsix);
    await vscode.page.locator('div.monaco-workbench').waitFor({ timeout: 60_000 });
    await vscode.page.locator('.statusbar').waitFor();
    return vscode;
  }

  async stop(): Promise<void> {
    await this.close();
  }

  // --- driving the workbench -------------------------------------------------------------

  /** Runs a command by its title from the Command Palette. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`>${title}`);
    // Click the exact title: the first match of the filter may be a longer one.
    await this.page.locator('.quick-input-list .monaco-list-row .label-name').getByText(title, { exact: true }).first().click();
  }

  /** Opens a workspace file with Quick Open and waits for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(name);
    // click the file's row: Enter would take whichever row the list had selected a moment before
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.editor.locator('.view-lines').click(); // focus the text, not the tab
  }

  /** The active text editor. */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Moves the cursor to a 1-based line and column (Go to Line/Column). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Waits until the language server has drawn at least one squiggle in the active editor. */
  async waitForSquiggles(timeout = 60_000): Promise<void> {
    await this.editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ timeout });
  }

  /** Problem counts from the status bar item ("Errors: 2, Warnings: 1"), over all open files. */
  async problemCounts(): Promise<{ errors: number; warnings: number; infos: number }> {
    const label = await this.page.locator('[id="status.problems"]').getAttribute('aria-label') ?? '';
    const count = (word: string) => Number(new RegExp(`${word}s?: (\\d+)`, 'i').exec(label)?.[1] ?? 0);
    return { errors: count('error'), warnings: count('warning'), infos: count('info') };
  }

  /** The Problems view, one entry per problem: the rule id and the 1-based position. */
  async problems(): Promise<{ code: string; line: number; column: number; text: string }[]> {
    const panel = this.page.locator('.markers-panel');
    if (!await panel.isVisible()) {
      await this.command('View: Focus Problems');
      await panel.waitFor();
    }
    // Rows read "message / source / code / [Ln 4, Col 1]"; level 1 rows are files. The list only
    // renders the rows in view: scroll through it, collecting rows by their index.
    const rows = new Map<string, string>();
    const list = panel.locator('.monaco-list').first();
    await list.hover();
    await this.page.mouse.wheel(0, -100_000);
    for (let page = 0; page < 100; page++) {
      const seen = await panel.locator('.monaco-list-row[aria-level="2"]').evaluateAll(els =>
        els.map(e => [e.getAttribute('data-index') ?? '', (e as HTMLElement).innerText] as [string, string]));
      const before = rows.size;
      for (const [index, text] of seen) rows.set(index, text);
      if (page > 0 && rows.size === before) break;
      await this.page.mouse.wheel(0, 150);
      await this.page.waitForTimeout(50);
    }
    await this.page.mouse.wheel(0, -100_000);
    const texts = [...rows.values()];
    return texts.map(text => {
      const pos = /\[Ln (\d+), Col (\d+)\]/.exec(text);
      const code = text.split('\n').find(l => /^[\w-]+\/[\w-]+$/.test(l.trim()))?.trim() ?? '';
      return { code, line: Number(pos?.[1]), column: Number(pos?.[2]), text };
    });
  }

  /** Shows the hover at a 1-based position (keyboard, so the mouse position does not matter). */
  async hover(line: number, column: number): Promise<string> {
    await this.goTo(line, column);
    await this.command('Show or Focus Hover');
    const hover = this.page.locator('.monaco-hover .hover-contents').first();
    await hover.waitFor();
    return hover.innerText();
  }

  /**
   * Opens the quick fix menu (Ctrl+.) at a 1-based position and applies the action whose title
   * is exactly `title`; fails listing the titles offered when it is not there.
   */
  async quickFix(line: number, column: number, title: string): Promise<void> {
    await this.goTo(line, column);
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    // Once in a while the first Ctrl+. right after opening a file shows no menu: ask again.
    await eventually(async () => {
      await this.page.keyboard.press('Control+.');
      await menu.waitFor({ timeout: 5_000 });
    }, 20_000);
    const titles = menu.locator('[role="option"] .title');
    const offered = await titles.allInnerTexts();
    if (!offered.includes(title)) {
      await this.page.keyboard.press('Escape');
      throw new Error(`no quick fix "${title}" at ${line}:${column}; offered: ${JSON.stringify(offered)}`);
    }
    await titles.getByText(title, { exact: true }).click();
    await menu.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the Explorer's context menu of a top-level file or folder. */
  async explorerMenu(name: string, title: string): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    if (!await row.isVisible()) await this.command('View: Show Explorer');
    await row.click({ button: 'right' });
    // the menu ignores a click that comes right after it opened: point at the entry, then press Enter
    await this.page.locator('.context-view .action-label', { hasText: title }).first().hover();
    await this.page.keyboard.press('Enter');
  }

  /** Picks an entry of the open Quick Pick by its label. */
  async pick(label: string): Promise<void> {
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
  }

  /** The Incidents view in the Explorer. */
  get incidents(): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: 'Incidents' }) }).locator('.pane-body');
  }

  /** The page inside the active webview panel (VS Code nests it in two iframes). */
  get webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** The cursor position from the status bar ("Ln 6, Col 1"). */
  async cursor(): Promise<{ line: number; column: number }> {
    const text = await this.page.locator('[id="status.editor.selection"]').innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return { line: Number(m?.[1]), column: Number(m?.[2]) };
  }

  /** The text of the active editor's visible lines (in DOM order, which may differ from line order). */
  async visibleText(): Promise<string> {
    return this.editor.locator('.view-lines').innerText();
  }

  /** Drops unsaved edits, closes the editors and restores the fixture files for the next spec. */
  async resetEditors(): Promise<void> {
    await this.page.keyboard.press('Escape');
    for (let open = await this.page.locator('.tab').count(); open > 0; open--) {
      await this.command('View: Revert and Close Editor');
      await this.page.waitForFunction(n => document.querySelectorAll('.tab').length < n, open);
    }
    fs.cpSync(FIXTURE, this.workspace, { recursive: true, force: true });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(RESULTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** code-server on 127.0.0.1 (random port) and a chromium page on its workbench. */
async function startCodeServer(profile: Profile, vsix: string): Promise<VsCode> {
  const t = tools();
  // Without --config code-server writes ~/.config/code-server/config.yaml with a password.
  const config = path.join(profile.dir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const common = ['--config', config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];

  // A vsix path installs offline (a marketplace id would query Open VSX).
  execFileSync(t.node, [t.codeServer, ...common, '--install-extension', vsix], { stdio: 'pipe', timeout: 120_000 });

  // Its own process group, so teardown can also end the children (file watcher, agent host,
  // extension host) that outlive the main process.
  const server = spawn(t.node, [t.codeServer, ...common, '--auth', 'none', '--bind-addr', '127.0.0.1:0',
    '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', profile.workspace],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killServer = ownGroup(server);
  const log = fs.createWriteStream(path.join(RESULTS, 'code-server.log'));
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const port = await listeningPort(server).catch(async err => { await killServer(); throw err; });

  const context = await chromium.launchPersistentContext(path.join(profile.dir, 'chromium'), {
    executablePath: t.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? await context.newPage();
  // localhost, not 127.0.0.1: code-server's cookies do not stick to an IP address.
  await page.goto(`http://localhost:${port}/?folder=${encodeURIComponent(profile.workspace)}`);
  return new VsCode(page, profile.workspace, async () => {
    await context.close().catch(() => undefined);
    await killServer();
    fs.rmSync(profile.dir, { recursive: true, force: true });
  });
}

/**
 * A desktop VS Code (its Electron binary) driven through playwright-core's Electron support.
 * Not exercised in CI, which has no desktop VS Code.
 */
async function startDesktop(executable: string, profile: Profile, vsix: string): Promise<VsCode> {
  if (!fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE=${executable} does not exist`);
  const dirs = [`--user-data-dir=${profile.userData}`, `--extensions-dir=${profile.extensions}`];
  // the install's own CLI (bin/code), with this profile instead of test-electron's shared one
  const [cli] = resolveCliArgsFromVSCodeExecutablePath(executable, { reuseMachineInstall: true });
  execFileSync(cli, [...dirs, '--install-extension', vsix], { stdio: 'pipe', timeout: 120_000 });
  const app = await _electron.launch({
    executablePath: executable,
    args: [profile.workspace, ...dirs, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--disable-telemetry', '--disable-updates', '--disable-gpu', '--no-sandbox', '--new-window'],
  });
  const log = fs.createWriteStream(path.join(RESULTS, 'vscode-desktop.log'));
  app.process().stdout?.pipe(log);
  app.process().stderr?.pipe(log);
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1400, height: 900 });
  return new VsCode(page, profile.workspace, async () => {
    await app.close().catch(() => undefined);
    fs.rmSync(profile.dir, { recursive: true, force: true });
  });
}

/** Retries an async check until it passes (the UI updates asynchronously), or rethrows its last error. */
export async function eventually<T>(check: () => Promise<T>, timeout = 30_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise(r => setTimeout(r, 250));
    }
  }
}

/** Resolves with the port code-server prints once it listens (it was given port 0). */
function listeningPort(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', code => { clearTimeout(timer); reject(new Error(`code-server exited (${code}):\n${out}`)); });
  });
}

function groupAlive(pid: number): boolean {
  try { process.kill(-pid, 0); return true; } catch { return false; }
}

/**
 * Returns a function that ends the detached process group led by `child` (SIGTERM, then SIGKILL
 * after 5 s). Until it is called, the group is also killed if this process exits or is
 * interrupted, since a detached group does not get our Ctrl+C.
 */
function ownGroup(child: ChildProcess): () => Promise<void> {
  const pid = child.pid!;
  const killNow = () => { try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ } };
  const onSignal = (signal: NodeJS.Signals) => { killNow(); process.exit(signal === 'SIGINT' ? 130 : 143); };
  process.once('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return async () => {
    if (groupAlive(pid)) process.kill(-pid, 'SIGTERM');
    for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise(r => setTimeout(r, 100));
    if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
    process.off('exit', killNow).off('SIGINT', onSignal).off('SIGTERM', onSignal);
  };
}
