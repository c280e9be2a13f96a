// One code-server + chromium per mocha run, shared by the UI tests and the in-host launcher.
// Loaded with `mocha --require test/e2e/session.ts`: the root afterAll hook stops everything, pass or fail.
import path from 'node:path';
import type { Page } from 'playwright-core';

import { Harness } from './harness';

let harness: Promise<Harness> | undefined;

export function sharedHarness(): Promise<Harness> {
  harness ??= Harness.start();
  return harness;
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (!harness) return;
    const h = await harness.catch(() => undefined);
    await h?.stop();
  },
};

export interface UiSuite {
  readonly h: Harness;
  readonly page: Page;
  /** The workspace folder the workbench has open. */
  readonly ws: string;
  /** A screenshot of the page into the artifacts folder; returns its path. */
  screenshot(name: string): Promise<string>;
}

/**
 * Registers the hooks of a UI suite, to be called in its describe: a workbench of its own in the shared harness,
 * closed after the suite, and a screenshot named `<prefix>-FAILED-<test title>` of every failed test. `workspace`
 * makes the folder and runs before the workbench opens, so settings it writes are there from the start. The fields
 * are set by the before-all hook; `after` hooks the suite registers later run once the page is closed.
 */
export function uiSuite(prefix: string, workspace: (h: Harness) => string | Promise<string>): UiSuite {
  const suite = {
    screenshot: (name: string) => suite.h.screenshot(suite.page, name),
  } as { -readonly [K in keyof UiSuite]: UiSuite[K] };

  before(async function () {
    this.timeout(180_000);
    suite.h = await sharedHarness();
    suite.ws = await workspace(suite.h);
    suite.page = await suite.h.openWorkbench(suite.ws);
  });

  after(async () => {
    await suite.page?.close().catch(() => undefined);
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (t && t.state === 'failed' && suite.page) {
      const file = await suite.screenshot(`${prefix}-FAILED-${t.title}`);
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  return suite;
}
