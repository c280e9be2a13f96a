// The resource graph in the real VS Code workbench: the palette command opens the panel beside the editor, the
// webview draws the fixture's graph as the server computed it, clicking a node opens its block, and an edit in
// the editor reaches the drawing. Run by scripts/test-e2e.mjs (`--grep graph` for this file alone).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';

import { repoRoot } from './paths';
import { uiSuite } from './session';
import {
  activeTab,
  cursorIs,
  goTo,
  locate,
  openFile,
  runCommand,
  serverReady,
  startCommand,
  waitUntil,
} from './workbench';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'e2e-graph');

/** Everything the fixture declares that the graph shows (variables and outputs are off by default). */
const NODES = [
  'aws_instance.web',
  'aws_security_group.web',
  'aws_subnet.public',
  'aws_vpc.main',
  'data.aws_ami.ubuntu',
  'module.storage',
  'module.storage.aws_s3_bucket.assets',
  'module.storage.aws_s3_bucket_versioning.assets',
];

/**
 * code-server nests a webview twice: the host iframe, then the page's own frame inside it. A view's host iframe
 * says so in its URL (`purpose=webviewView`); the editor panel's does not.
 */
const graphFrame = (page: Page, where: 'panel' | 'view' = 'panel'): FrameLocator =>
  page
    .frameLocator(
      where === 'view'
        ? 'iframe.webview.ready[src*="purpose=webviewView"]'
        : 'iframe.webview.ready:not([src*="purpose=webviewView"])',
    )
    .frameLocator('iframe#active-frame');

async function drawnNodes(frame: FrameLocator): Promise<string[]> {
  const ids = await frame
    .locator('svg#graph g.node[data-id]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));
  return ids.sort();
}

describe('Opsmith resource graph in the VS Code workbench (UI)', function () {
  this.timeout(120_000);

  const ui = uiSuite('ui-graph', (h) => {
    const ws = mkdtempSync(path.join(h.tmp, 'graph-'));
    cpSync(FIXTURE, ws, { recursive: true });
    return ws;
  });

  it('"Opsmith: Show Resource Graph" opens the panel with the graph of the workspace', async () => {
    await openFile(ui.page, 'main.tf');
    await serverReady(ui.page);
    await runCommand(ui.page, 'Opsmith: Show Resource Graph');
    await ui.page
      .locator('.tabs-container .tab')
      .filter({ hasText: 'Resource Graph' })
      .waitFor({ state: 'visible' });
    const frame = graphFrame(ui.page);
    await waitUntil(
      `the graph's ${NODES.length} nodes`,
      async () => (await drawnNodes(frame)).length === NODES.length,
      60_000,
    );
    assert.deepEqual(await drawnNodes(frame), NODES);
    await ui.screenshot('ui-graph-panel');
  });

  it('clicking a node opens its file at the block, in the editor beside the panel', async () => {
    const frame = graphFrame(ui.page);
    const web = locate(path.join(ui.ws, 'main.tf'), 'resource "aws_instance" "web"');
    await frame.locator('svg#graph g.node[data-id="aws_instance.web"]').click();
    await activeTab(ui.page).filter({ hasText: 'main.tf' }).waitFor({ state: 'visible' });
    await cursorIs(ui.page, web.line);

    const bucket = locate(
      path.join(ui.ws, 'modules', 'storage', 'buckets.tf'),
      'resource "aws_s3_bucket" "assets"',
    );
    await frame.locator('svg#graph g.node[data-id="module.storage.aws_s3_bucket.assets"]').click();
    await activeTab(ui.page).filter({ hasText: 'buckets.tf' }).waitFor({ state: 'visible' });
    await cursorIs(ui.page, bucket.line);
    // The panel stays open next to the editor.
    await ui.page
      .locator('.tabs-container .tab')
      .filter({ hasText: 'Resource Graph' })
      .waitFor({ state: 'visible' });
    await ui.screenshot('ui-graph-reveal');
  });

  it('moving the cursor into a block highlights its node in the graph', async () => {
    await openFile(ui.page, 'main.tf');
    const frame = graphFrame(ui.page);
    const main = path.join(ui.ws, 'main.tf');
    const highlighted = (id: string) => frame.locator(`svg#graph g.node.highlight[data-id="${id}"]`);
    const vpc = locate(main, 'cidr_block = "10.0.0.0/16"');
    await goTo(ui.page, vpc.line, vpc.column);
    await highlighted('aws_vpc.main').waitFor({ state: 'attached' });
    await frame.locator('svg#graph rect.highlight-ring[visibility="visible"]').waitFor({ state: 'attached' });

    const group = locate(main, 'name   = "web"');
    await goTo(ui.page, group.line, group.column);
    await highlighted('aws_security_group.web').waitFor({ state: 'attached' });
    assert.deepEqual(
      await frame
        .locator('svg#graph g.node.highlight')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id'))),
      ['aws_security_group.web'],
      'the highlight moved: only the block under the cursor is marked',
    );
    await ui.screenshot('ui-graph-highlight');
    // Outside every block (the comment on line 1): nothing is.
    await goTo(ui.page, 1, 1);
    await frame.locator('svg#graph g.node.highlight').waitFor({ state: 'detached' });
  });

  it('the panel comes back with its graph after "Developer: Reload Window"', async () => {
    // In code-server the command reloads the page: wait for the new document, not the old one still showing.
    const reloaded = ui.page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(ui.page, 'Developer: Reload Window');
    await reloaded;
    await ui.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await ui.page
      .locator('.tabs-container .tab')
      .filter({ hasText: 'Resource Graph' })
      .waitFor({ state: 'visible', timeout: 60_000 });
    const frame = graphFrame(ui.page);
    await waitUntil(
      'the restored panel draws the graph',
      async () => (await drawnNodes(frame)).length === NODES.length,
      60_000,
    );
    assert.deepEqual(await drawnNodes(frame), NODES);
    await ui.screenshot('ui-graph-restored');
  });

  it('an edit in the editor shows up in the graph without saving', async () => {
    await openFile(ui.page, 'main.tf');
    const end = locate(path.join(ui.ws, 'main.tf'), 'name   = "assets-');
    await goTo(ui.page, end.line + 1, 2);
    await ui.page.keyboard.press('End');
    await ui.page.keyboard.press('Enter');
    // insertText: no auto-closing of quotes and braces.
    await ui.page.keyboard.insertText('\nresource "aws_eip" "web" {\n  instance = aws_instance.web.id\n}');
    const frame = graphFrame(ui.page);
    await frame
      .locator('svg#graph g.node[data-id="aws_eip.web"]')
      .waitFor({ state: 'attached', timeout: 30_000 });
    assert.deepEqual(await drawnNodes(frame), [...NODES, 'aws_eip.web'].sort());
    await ui.screenshot('ui-graph-edited');
  });

  it('"Opsmith: Export Resource Graph" saves the drawing as SVG where the save dialog says', async () => {
    const target = path.join(ui.ws, 'resource-graph.svg');
    await startCommand(ui.page, 'Opsmith: Export Resource Graph');
    await ui.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'SVG' }).first().click();
    // code-server's save dialog is a quick input holding the proposed path: the folder and resource-graph.svg.
    const input = ui.page.locator('.quick-input-widget input');
    await waitUntil('the save dialog', async () => (await input.inputValue()).endsWith('resource-graph.svg'));
    await ui.page.keyboard.press('Enter');
    const svg = await waitUntil(
      'the exported file',
      () => existsSync(target) && readFileSync(target, 'utf8'),
    );
    assert.match(svg, /^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    assert.ok(svg.includes('aws_instance.web'), 'the drawing, labels included');
  });

  it('the Opsmith view container shows the same graph in its Resource Graph view', async () => {
    await ui.page.locator('.activitybar .action-item a[aria-label^="Opsmith"]').click();
    // Its only view: the side bar's title names it ("Opsmith: Resource Graph") instead of a section header.
    await ui.page
      .locator('.sidebar .composite.title')
      .filter({ hasText: 'Resource Graph' })
      .waitFor({ state: 'visible' });
    const frame = graphFrame(ui.page, 'view');
    await waitUntil(
      'the view draws the graph',
      async () => (await drawnNodes(frame)).length > NODES.length,
      60_000,
    );
    assert.deepEqual(await drawnNodes(frame), [...NODES, 'aws_eip.web'].sort());
    await ui.screenshot('ui-graph-view');
  });
});
