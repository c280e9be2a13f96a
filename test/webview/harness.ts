// Test bed for the graph webview: the built dist/webview.js and dist/webview.css served from 127.0.0.1 under the
// same CSP as the extension's panel (client/src/graph/csp.ts, with this server as the extension origin),
// a fake acquireVsCodeApi that records what the webview posts, and theme variables set the way VS Code does.
// Used by the webview tests and by bench/graph.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphHeadStart } from '../../client/src/graph/csp';
import type { GraphResult, GraphToHostMessage, HostToGraphMessage } from '../../shared/protocol';
import { CHROMIUM_FLAGS } from '../helpers/chromiumFlags';

export const root = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.OPSMITH_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', ...CHROMIUM_FLAGS];

/** Distinct from theme.css's fallbacks, so a matching colour proves the theme variable was used. */
export const THEME: Record<string, string> = {
  '--vscode-editor-background': '#101820',
  '--vscode-foreground': '#e0e0e0',
  '--vscode-font-family': 'sans-serif',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editorWidget-background': '#202830',
  '--vscode-editorWidget-border': '#505860',
  '--vscode-charts-red': '#ff0011',
  '--vscode-charts-yellow': '#ffdd00',
  '--vscode-charts-green': '#00aa44',
  '--vscode-charts-blue': '#0066ff',
  '--vscode-charts-purple': '#aa00ff',
  '--vscode-charts-orange': '#ff8800',
  '--vscode-focusBorder': '#00ffff',
};

export function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

export function fixture(name: string): GraphResult {
  return JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'graph', name), 'utf8')) as GraphResult;
}

/** Builds dist/webview.js unless it is newer than every webview source (the test-all build stage ran already). */
export function ensureBuilt(): void {
  const out = path.join(root, 'dist', 'webview.js');
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  const sources = Math.max(
    newest(path.join(root, 'webview', 'src')),
    statSync(path.join(root, 'shared', 'protocol.ts')).mtimeMs,
  );
  if (
    existsSync(out) &&
    existsSync(path.join(root, 'dist', 'webview.css')) &&
    statSync(out).mtimeMs >= sources
  )
    return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
}

export interface PageOptions {
  /** What getState() returns at load, as VS Code does after the panel was hidden and restored. */
  state?: unknown;
  theme?: Record<string, string>;
  bodyClass?: string;
  viewport?: { width: number; height: number };
}

export class GraphTestBed {
  private server!: Server;
  private browser!: Browser;
  private origin = '';
  private xdg = '';
  private readonly pages = new Map<string, PageOptions & { nonce: string }>();

  static async start(): Promise<GraphTestBed> {
    ensureBuilt();
    const bed = new GraphTestBed();
    await bed.listen();
    bed.xdg = mkdtempSync(path.join(os.tmpdir(), 'opsmith-webview-'));
    bed.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      // chromium's crash handler writes under $XDG_CONFIG_HOME even with a fresh profile.
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(bed.xdg, 'config'),
        XDG_CACHE_HOME: path.join(bed.xdg, 'cache'),
      },
    });
    return bed;
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await new Promise((resolve) => this.server?.close(resolve));
    if (this.xdg) rmSync(this.xdg, { recursive: true, force: true });
  }

  async open(options: PageOptions = {}): Promise<GraphPage> {
    const token = randomBytes(8).toString('hex');
    this.pages.set(token, { ...options, nonce: randomBytes(16).toString('base64') });
    const context = await this.browser.newContext({
      viewport: options.viewport ?? { width: 1200, height: 800 },
    });
    // Functions passed to page.evaluate are compiled by tsx, whose name-keeping wrapper (__name) does not exist in
    // the page; an identity stand-in lets test code use local helper functions there. Injected by the browser
    // protocol, so the page's CSP is not involved.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
    const page = await context.newPage();
    const gp = new GraphPage(page);
    await page.goto(`${this.origin}/page/${token}`);
    await page.waitForFunction(() =>
      (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'),
    );
    return gp;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const page = /^\/page\/(\w+)$/.exec(url.pathname);
      if (page && this.pages.has(page[1])) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(this.html(this.pages.get(page[1])!));
        return;
      }
      const asset = /^\/dist\/(webview\.(?:js|css))$/.exec(url.pathname);
      if (asset) {
        res.writeHead(200, {
          'content-type': asset[1].endsWith('.js') ? 'text/javascript' : 'text/css',
          'cache-control': 'no-store',
        });
        res.end(readFileSync(path.join(root, 'dist', asset[1])));
        return;
      }
      res.writeHead(404).end();
    });
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  /** The page the extension's panel serves, with the test's fake VS Code API in front of the bundle. */
  private html(options: PageOptions & { nonce: string }): string {
    const { nonce } = options;
    const theme = Object.entries({ ...THEME, ...options.theme })
      .map(([name, value]) => `${name}: ${value};`)
      .join(' ');
    const fake = `
      window.__posted = [];
      window.__violations = [];
      window.__state = ${JSON.stringify(options.state ?? null)};
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
      });
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => window.__state,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
      });`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
${graphHeadStart(this.origin, nonce)}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${this.origin}/dist/webview.css">
<style nonce="${nonce}">:root { ${theme} }</style>
<title>Resource graph</title>
</head>
<body class="${options.bodyClass ?? 'vscode-dark'}">
<script nonce="${nonce}">${fake}</script>
<script nonce="${nonce}" src="${this.origin}/dist/webview.js"></script>
</body>
</html>`;
  }
}

export interface GraphSuite {
  readonly bed: GraphTestBed;
  /** The page showing the suite's graph. */
  readonly gp: GraphPage;
}

/**
 * Registers a suite's mocha hooks: a test bed for the whole suite, a page showing `graph` (one for the suite, or a
 * fresh one per test with `pagePerTest`), and after every test the check that the page hit no CSP violation and
 * logged no error. Call inside describe(); read bed and gp from hooks and tests, once the hooks have run.
 */
export function graphSuite(graph: GraphResult, options: { pagePerTest?: boolean } = {}): GraphSuite {
  let bed: GraphTestBed | undefined;
  let gp: GraphPage | undefined;
  const open = async () => {
    gp = await bed!.open();
    await gp.showGraph(graph);
  };
  before(async () => {
    bed = await GraphTestBed.start();
    if (!options.pagePerTest) await open();
  });
  if (options.pagePerTest) beforeEach(open);
  afterEach(async () => {
    try {
      assert.deepEqual(await gp!.violations(), [], 'CSP violations');
      assert.deepEqual(gp!.consoleErrors, [], 'console errors');
    } finally {
      if (options.pagePerTest) await gp!.close();
    }
  });
  after(async () => {
    if (!options.pagePerTest) await gp?.close();
    await bed?.stop();
  });
  return {
    get bed() {
      if (!bed) throw new Error('graphSuite: the test bed is not started yet (read it in a hook or test)');
      return bed;
    },
    get gp() {
      if (!gp) throw new Error('graphSuite: no page yet (read it in a hook or test)');
      return gp;
    },
  };
}

interface TestWindow {
  __posted: GraphToHostMessage[];
  __violations: string[];
  __state: unknown;
}

export class GraphPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)));
  }

  async renderCount(): Promise<number> {
    return this.page.evaluate(() => Number(document.getElementById('graph')?.dataset.renderCount ?? 0));
  }

  async send(message: HostToGraphMessage): Promise<void> {
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** Sends a graph and waits until it is laid out and drawn. */
  async showGraph(graph: GraphResult, keepView = false): Promise<void> {
    await this.rendered(() => this.send({ type: 'graph', graph, keepView }));
  }

  /** Runs an action that causes a relayout, and waits for it to be drawn. */
  async rendered(action: () => Promise<unknown>): Promise<void> {
    const before = await this.renderCount();
    await action();
    await this.page.waitForFunction(
      (count) => Number(document.getElementById('graph')?.dataset.renderCount ?? 0) > count,
      before,
    );
  }

  async posted(): Promise<GraphToHostMessage[]> {
    return this.page.evaluate(() => (window as unknown as TestWindow).__posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => ((window as unknown as TestWindow).__posted = []));
  }

  async waitForPosted<T extends GraphToHostMessage['type']>(
    type: T,
  ): Promise<Extract<GraphToHostMessage, { type: T }>> {
    const handle = await this.page.waitForFunction(
      (t) => (window as unknown as TestWindow).__posted.find((m) => m.type === t),
      type,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as Extract<GraphToHostMessage, { type: T }>;
  }

  async violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as TestWindow).__violations);
  }

  async state(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as TestWindow).__state);
  }

  async transform(): Promise<string | null> {
    // "x,y,k" of the zoom, written when a zoom settles.
    return this.page.evaluate(() => document.getElementById('graph')?.dataset.zoom ?? null);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
