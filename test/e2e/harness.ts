// Real-VS-Code test bed: code-server (VS Code server + web workbench + the real Node extension host) with a
// throw-away profile, the packaged out/opsmith.vsix installed into it, and headless Debian chromium driven by
// playwright-core. See scripts/e2e-setup.mjs for the install and docs in the shared recipe for the facts used here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { CHROMIUM_FLAGS } from '../helpers/chromiumFlags';
import { e2ePaths, type E2EPaths } from './paths';
import { childGroups, installExitHandlers, setPidFile, stopGroup, trackGroup } from './procs';

export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'editor.formatOnSave': false,
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--disable-dev-shm-usage'];

export interface HarnessOptions {
  /** Extra user settings merged over QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Keep the temp folder (profile, workspaces, logs) after stop, for debugging. Also OPSMITH_E2E_KEEP=1. */
  keepTemp?: boolean;
  log?: (msg: string) => void;
}

export interface InHostResult {
  exitCode: number;
  /** Everything the extension host printed, in order. */
  output: string[];
}

const INSTALL_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Harness {
  readonly paths: E2EPaths;
  readonly tmp: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  port = 0;
  extensionDir = '';
  private server?: ChildProcess;
  private serverExit?: Promise<void>;
  private browser?: Browser;
  private context?: BrowserContext;
  private chromiumGroups: number[] = [];
  private workspaceCount = 0;
  private stopping?: Promise<void>;
  private readonly log: (msg: string) => void;

  private constructor(private readonly opts: HarnessOptions) {
    this.paths = e2ePaths();
    this.log = opts.log ?? ((m) => console.log(`      [harness] ${m}`));
    this.tmp = mkdtempSync(path.join(os.tmpdir(), 'opsmith-e2e-'));
    this.userDataDir = path.join(this.tmp, 'user-data');
    this.extensionsDir = path.join(this.tmp, 'extensions');
    mkdirSync(this.paths.artifacts, { recursive: true });
    this.logFile = path.join(this.paths.artifacts, 'code-server.log');
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Install the vsix into a fresh profile, start code-server and chromium. Stops everything again on failure. */
  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness(opts);
    installExitHandlers(() => h.stop());
    // If the process exits before stop() finished (mocha --exit, a signal), still remove the temp folder.
    process.once('exit', () => {
      if (!h.keepTemp) h.removeTemp();
    });
    setPidFile(path.join(h.paths.artifacts, 'e2e-pids.json'));
    try {
      h.checkPrerequisites();
      h.writeProfile();
      h.installExtension();
      await h.startServer();
      await h.startBrowser();
      return h;
    } catch (e) {
      await h.stop();
      throw e;
    }
  }

  private env(): NodeJS.ProcessEnv {
    const xdg = path.join(this.tmp, 'xdg');
    return {
      ...process.env,
      PATH: `${path.dirname(this.paths.node)}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? os.homedir(),
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      XDG_STATE_HOME: path.join(xdg, 'state'),
      // Do not let a developer's own VS Code / code-server settings leak in.
      VSCODE_PROXY_URI: '',
      // Nor their Anthropic credentials: no test may reach the real API (ui-claude sets a key of its own).
      ANTHROPIC_API_KEY: '',
      ANTHROPIC_AUTH_TOKEN: '',
      ANTHROPIC_BASE_URL: '',
      ELECTRON_RUN_AS_NODE: '',
      NODE_OPTIONS: '',
    };
  }

  private checkPrerequisites(): void {
    const p = this.paths;
    const missing: string[] = [];
    if (!existsSync(p.node)) missing.push(`Node 24 (${p.node})`);
    if (!existsSync(p.codeServerEntry)) missing.push(`code-server (${p.codeServerEntry})`);
    if (!existsSync(p.chromium)) missing.push(`chromium (${p.chromium})`);
    if (!existsSync(p.vsix)) missing.push(`${p.vsix} (run: npm run package)`);
    if (missing.length)
      throw new Error(
        `e2e test bed incomplete, missing: ${missing.join(', ')}. Run: node scripts/e2e-setup.mjs`,
      );
  }

  private writeProfile(): void {
    const userDir = path.join(this.userDataDir, 'User');
    mkdirSync(userDir, { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(
      path.join(userDir, 'settings.json'),
      JSON.stringify({ ...QUIET_SETTINGS, ...this.opts.settings }, null, 2),
    );
  }

  private codeServerArgs(): string[] {
    return [
      this.paths.codeServerEntry,
      '--user-data-dir',
      this.userDataDir,
      '--extensions-dir',
      this.extensionsDir,
    ];
  }

  private installExtension(): void {
    const t = Date.now();
    const r = spawnSync(
      this.paths.node,
      [...this.codeServerArgs(), '--install-extension', this.paths.vsix, '--force'],
      {
        env: this.env(),
        encoding: 'utf8',
        timeout: INSTALL_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      },
    );
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
    writeFileSync(this.logFile, `# --install-extension\n${out}\n`);
    if (r.status !== 0)
      throw new Error(`installing ${this.paths.vsix} failed (${r.status ?? r.signal}):\n${out}`);
    const dir = readdirSync(this.extensionsDir).find((d) => d.startsWith('opsmith.opsmith-'));
    if (!dir) throw new Error(`extension not found in ${this.extensionsDir} after install:\n${out}`);
    this.extensionDir = path.join(this.extensionsDir, dir);
    this.log(`installed ${path.basename(this.paths.vsix)} → ${dir} in ${Date.now() - t} ms`);
  }

  private async startServer(): Promise<void> {
    const t = Date.now();
    this.port = await freePort();
    const fd = openSync(this.logFile, 'a');
    const args = [
      ...this.codeServerArgs(),
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${this.port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option',
      'enable-smoke-test-driver',
    ];
    const child = spawn(this.paths.node, args, {
      env: this.env(),
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.server = child;
    if (child.pid === undefined) throw new Error('code-server did not start');
    trackGroup(child.pid, 'code-server');
    let exited: string | undefined;
    this.serverExit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        exited = `code-server exited (${code ?? signal})`;
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (exited) throw new Error(`${exited} before it was healthy; log: ${this.logFile}\n${this.logTail()}`);
      if (Date.now() > deadline)
        throw new Error(
          `code-server not healthy after ${START_TIMEOUT_MS} ms; log: ${this.logFile}\n${this.logTail()}`,
        );
      try {
        const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    this.log(`code-server on ${this.baseUrl} (pid ${child.pid}) healthy in ${Date.now() - t} ms`);
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private async startBrowser(): Promise<void> {
    const before = new Set(childGroups(/chrom/).map((c) => c.pgid));
    this.browser = await chromium.launch({
      executablePath: this.paths.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      // chromium's crash handler writes to $XDG_CONFIG_HOME/chromium even with a fresh profile.
      env: this.env(),
    });
    for (const c of childGroups(/chrom/)) {
      if (!before.has(c.pgid)) {
        this.chromiumGroups.push(c.pgid);
        trackGroup(c.pgid, 'chromium');
      }
    }
    this.context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    this.log(`chromium ${this.browser.version()} started`);
  }

  /** A fresh copy of the fixture workspace (tests may edit it; the fixture itself is never touched). */
  newWorkspace(name = 'ws'): string {
    const dir = path.join(this.tmp, 'workspaces', `${name}-${++this.workspaceCount}`);
    cpSync(this.paths.fixture, dir, { recursive: true });
    return dir;
  }

  /** Open the workbench on a folder and wait until it is rendered. */
  async openWorkbench(folder: string): Promise<Page> {
    const page = await this.newPage();
    await page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    return page;
  }

  private async newPage(): Promise<Page> {
    if (!this.context) throw new Error('browser not started');
    const page = await this.context.newPage();
    page.setDefaultTimeout(30_000);
    const pageLog = path.join(this.paths.artifacts, 'browser-console.log');
    page.on('console', (msg) => {
      if (msg.type() === 'error') writeFileSync(pageLog, `[${msg.type()}] ${msg.text()}\n`, { flag: 'a' });
    });
    page.on('pageerror', (err) => writeFileSync(pageLog, `[pageerror] ${err.message}\n`, { flag: 'a' }));
    return page;
  }

  /**
   * Run a mocha suite inside the real extension host, the way @vscode/test-electron would: the workbench gets
   * extensionDevelopmentPath + extensionTestsPath through the smoke-test-driver payload and reports the host's
   * console output and the runner's exit code back through two exposed functions.
   */
  async runInHost(
    testsEntry: string,
    folder: string,
    timeoutMs = 180_000,
    onLine?: (line: string) => void,
  ): Promise<InHostResult> {
    const page = await this.newPage();
    const output: string[] = [];
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const parts = Array.isArray(args) ? args : [args];
      const text = parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      for (const line of text.split('\n')) {
        output.push(line);
        onLine?.(line);
      }
      void type;
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) =>
      exit(typeof code === 'number' ? code : Number(code)),
    );
    const remote = `vscode-remote://127.0.0.1:${this.port}`;
    const payload = [
      ['extensionDevelopmentPath', `${remote}${this.extensionDir}`],
      ['extensionTestsPath', `${remote}${testsEntry}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(
      `${this.baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `in-host tests did not finish within ${timeoutMs} ms; output so far:\n${output.join('\n')}`,
            ),
          ),
        timeoutMs,
      );
    });
    const serverDied = this.serverExit!.then(() => {
      throw new Error(`code-server exited during the in-host tests\n${this.logTail()}`);
    });
    try {
      const exitCode = await Promise.race([exited, timeout, serverDied]);
      return { exitCode, output };
    } finally {
      clearTimeout(timer);
      await page.close().catch(() => undefined);
    }
  }

  async screenshot(page: Page, name: string): Promise<string> {
    const file = path.join(this.paths.artifacts, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }

  /** Close chromium, stop code-server's whole process group, remove the temp profile. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await Promise.race([this.browser?.close().catch(() => undefined), sleep(5000)]);
    for (const pgid of this.chromiumGroups) await stopGroup(pgid, 2000);
    if (this.server?.pid !== undefined) await stopGroup(this.server.pid, 5000);
    if (this.keepTemp) this.log(`kept ${this.tmp}`);
    else this.removeTemp();
  }

  private get keepTemp(): boolean {
    return Boolean(this.opts.keepTemp) || process.env.OPSMITH_E2E_KEEP === '1';
  }

  private removeTemp(): void {
    rmSync(this.tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}
