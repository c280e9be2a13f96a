// UI tests in the real VS Code workbench (code-server + headless chromium). Run by scripts/test-e2e.mjs; the
// shared harness is started by the first suite that needs it and stopped by the root hook in session.ts.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

import type { Harness } from './harness';
import { sharedHarness } from './session';
import {
  activeTab,
  applyQuickFix,
  cursorIs,
  domText,
  goTo,
  locate,
  openFile,
  runCommand,
  serverReady,
  waitUntil,
} from './workbench';

describe('Opsmith in the VS Code workbench (UI)', function () {
  this.timeout(90_000);

  let h: Harness;
  let page: Page;
  let ws: string;

  before(async function () {
    this.timeout(180_000);
    h = await sharedHarness();
    ws = h.newWorkspace('ui');
    page = await h.openWorkbench(ws);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (t && t.state === 'failed' && page) {
      const file = await h.screenshot(page, `ui-FAILED-${t.title}`);
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  it('activates on a .tf file: the "Opsmith" status-bar item appears', async () => {
    await openFile(page, 'main.tf');
    await page
      .locator('[id="status.editor.mode"]')
      .filter({ hasText: 'Terraform' })
      .waitFor({ state: 'visible' });
    const item = page.locator('.statusbar-item').filter({ hasText: /Opsmith/ });
    await item.first().waitFor({ state: 'visible', timeout: 60_000 });
    // "$(check) Opsmith" once the language server is up.
    await serverReady(page);
    await h.screenshot(page, 'ui-activated');
  });

  it('a syntax error (deleted closing brace) shows in the Problems panel', async () => {
    await openFile(page, 'main.tf');
    await serverReady(page);
    // Line 14 of the fixture is the `}` that closes resource "aws_instance" "web".
    const closing = locate(path.join(ws, 'main.tf'), '\n}\n', 1);
    await goTo(page, closing.line, 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    try {
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible' });
      const problem = panel
        .locator('.monaco-list-row')
        .filter({ hasText: /expected `}`/ })
        .first();
      await problem.waitFor({ state: 'visible', timeout: 30_000 });
      const text = domText(await problem.innerText());
      assert.match(text, /expected `}` to close resource "aws_instance" "web"/);
      await h.screenshot(page, 'ui-problems');
    } finally {
      // Put the file back (unsaved edit), then check the problem goes away again.
      await page.keyboard.press('Control+1');
      await runCommand(page, 'File: Revert File');
    }
    await page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: /expected `}`/ })
      .waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('go to definition (F12) on var.region in main.tf jumps to variables.tf', async () => {
    await openFile(page, 'main.tf');
    await serverReady(page);
    const ref = locate(path.join(ws, 'main.tf'), 'var.region', 'var.re'.length);
    const decl = locate(path.join(ws, 'variables.tf'), 'variable "region"');
    await goTo(page, ref.line, ref.column);
    await page.keyboard.press('F12');
    await activeTab(page).filter({ hasText: 'variables.tf' }).waitFor({ state: 'visible', timeout: 30_000 });
    await cursorIs(page, decl.line);
    await h.screenshot(page, 'ui-definition');
  });

  it('rename (F2) of a variable changes main.tf and variables.tf', async () => {
    await openFile(page, 'main.tf');
    await serverReady(page);
    const ref = locate(path.join(ws, 'main.tf'), 'var.instance_type', 'var.inst'.length);
    await goTo(page, ref.line, ref.column);
    await page.keyboard.press('F2');
    // Act on the rename input itself (not the keyboard focus): the widget shows before it takes the focus.
    const box = page.locator('.rename-box input.rename-input');
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => document.activeElement?.classList.contains('rename-input'));
    assert.equal(await box.inputValue(), 'instance_type');
    await box.fill('web_instance_type');
    await box.press('Enter');
    await box.waitFor({ state: 'hidden' });
    // Wait until the rename was applied to the open editor, then save every file it touched.
    await page
      .locator('.editor-group-container.active .view-lines')
      .filter({ hasText: 'var.web_instance_type' })
      .waitFor({ state: 'visible' });
    await runCommand(page, 'File: Save All Files');
    const files = await waitUntil('both files renamed on disk', () => {
      const main = readFileSync(path.join(ws, 'main.tf'), 'utf8');
      const vars = readFileSync(path.join(ws, 'variables.tf'), 'utf8');
      return (
        main.includes('var.web_instance_type') &&
        vars.includes('variable "web_instance_type"') && { main, vars }
      );
    });
    assert.doesNotMatch(files.main, /var\.instance_type\b/);
    assert.doesNotMatch(files.vars, /variable "instance_type"/);
    assert.match(
      files.main,
      /^\s+instance_type\s+= var\.web_instance_type$/m,
      'the attribute name itself is not renamed',
    );
    await h.screenshot(page, 'ui-rename');
  });

  it('generates infrastructure: palette → request → preview → Accept → files on disk, no errors', async () => {
    const before = new Set(readdirSync(ws));
    // The palette lists an extension's commands once its host has started; the ready status bar item says so.
    await serverReady(page);
    // Not runCommand: the command opens a quick input of its own straight away.
    await page.keyboard.press('F1');
    await page.keyboard.type('Opsmith: Generate Infrastructure');
    await page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: 'Opsmith: Generate Infrastructure' })
      .first()
      .click();
    await page
      .locator('.quick-input-widget')
      .filter({ hasText: 'describe the infrastructure you need' })
      .waitFor({ state: 'visible' });
    const input = page.locator('.quick-input-widget input');
    await input.fill('Bucket for application logs that deletes objects after one year');
    await page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: 'your request' })
      .first()
      .waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // The preview is open before anything is on disk.
    await page
      .locator('.tabs-container .tab')
      .filter({ hasText: 'Opsmith preview' })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(
      readdirSync(ws).filter((f) => !before.has(f)),
      [],
      'nothing is written before Accept',
    );
    await h.screenshot(page, 'ui-generate-preview');
    // Accept with the check mark on the preview diff's title bar (the notification offers the same choice).
    const accept = page
      .locator('.editor-actions .action-label[aria-label^="Accept Generated Files"]')
      .first();
    await accept.waitFor({ state: 'visible' });
    await waitUntil(
      'the Accept action enabled',
      async () => !(await accept.getAttribute('class'))?.includes('disabled'),
    );
    await accept.click();
    const added = await waitUntil('generated files on disk', () => {
      // Files are created first and saved with their content right after: wait for both.
      const now = readdirSync(ws).filter((f) => !before.has(f));
      const saved = now.length > 0 && now.every((f) => readFileSync(path.join(ws, f), 'utf8').length > 0);
      return saved && now;
    });
    const all = added.map((f) => readFileSync(path.join(ws, f), 'utf8')).join('\n');
    assert.match(all, /resource "aws_s3_bucket_lifecycle_configuration"/);
    assert.match(all, /days\s+= 365/);
    // The accepted files are open and analysed; give the server a moment, then count errors in the status bar.
    await activeTab(page).filter({ hasText: /\.tf$/ }).waitFor({ state: 'visible' });
    await page.waitForTimeout(3000);
    const problems = domText(await page.locator('[id="status.problems"]').first().innerText());
    const label =
      (await page.locator('[id="status.problems"] [aria-label]').first().getAttribute('aria-label')) ??
      problems;
    assert.doesNotMatch(label, /[1-9]\d* errors?/i, `Problems: ${label}`);
    await h.screenshot(page, 'ui-generate-accepted');
  });

  it('shows drift from the latest scan in Problems, and "Adopt live value" changes the file', async () => {
    const state = {
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: 'e2e',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'aws_instance',
          name: 'drifted',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [
            { schema_version: 1, attributes: { id: 'i-0e2e', ami: 'ami-123', instance_type: 't3.micro' } },
          ],
        },
      ],
    };
    const snapshot = {
      version: 1,
      takenAt: new Date().toISOString(),
      regions: ['us-east-1'],
      types: [{ type: 'aws_instance', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 }],
      resources: [
        {
          type: 'aws_instance',
          id: 'i-0e2e',
          region: 'us-east-1',
          attributes: { ami: 'ami-123', instance_type: 't3.large' },
        },
      ],
    };
    // A scan lands and state appears while the editor is open: the server picks both up from the file watcher.
    writeFileSync(
      path.join(ws, 'drift.tf'),
      'resource "aws_instance" "drifted" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n}\n',
    );
    writeFileSync(path.join(ws, 'terraform.tfstate'), JSON.stringify(state));
    mkdirSync(path.join(ws, '.opsmith', 'snapshots'), { recursive: true });
    writeFileSync(path.join(ws, '.opsmith', 'snapshots', 'latest.json'), JSON.stringify(snapshot));
    // From the explorer: quick open's file index may not know a file created a moment ago.
    await page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ hasText: /^drift\.tf$/ })
      .first()
      .click();
    await activeTab(page).filter({ hasText: 'drift.tf' }).waitFor({ state: 'visible' });
    // Ctrl+Shift+M toggles: an earlier test may have left the Problems panel open.
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    const row = page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: 'Drift: live instance_type is "t3.large", code says "t3.micro"' })
      .first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await h.screenshot(page, 'ui-drift-problem');
    // Put the cursor on the drifted value in the editor, then ask for quick fixes there.
    await goTo(page, 3, 20);
    await applyQuickFix(page, 'Adopt live value');
    await page
      .locator('.editor-group-container.active .view-lines')
      .filter({ hasText: 't3.large' })
      .waitFor({ state: 'visible' });
    await runCommand(page, 'File: Save');
    await waitUntil('the adopted value on disk', () =>
      readFileSync(path.join(ws, 'drift.tf'), 'utf8').includes('instance_type = "t3.large"'),
    );
    await h.screenshot(page, 'ui-drift-adopted');
  });
});
