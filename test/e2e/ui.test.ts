// UI tests in the real VS Code workbench (code-server + headless chromium). Run by scripts/test-e2e.mjs; the
// shared harness is started by the first suite that needs it and stopped by the root hook in session.ts.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { uiSuite } from './session';
import {
  acceptGeneratedFiles,
  activeTab,
  applyQuickFix,
  cursorIs,
  domText,
  goTo,
  locate,
  openFile,
  previewShown,
  requestGeneration,
  runCommand,
  serverReady,
  waitUntil,
} from './workbench';

describe('Opsmith in the VS Code workbench (UI)', function () {
  this.timeout(90_000);

  const ui = uiSuite('ui', (h) => h.newWorkspace('ui'));

  it('activates on a .tf file: the "Opsmith" status-bar item appears', async () => {
    await openFile(ui.page, 'main.tf');
    await ui.page
      .locator('[id="status.editor.mode"]')
      .filter({ hasText: 'Terraform' })
      .waitFor({ state: 'visible' });
    const item = ui.page.locator('.statusbar-item').filter({ hasText: /Opsmith/ });
    await item.first().waitFor({ state: 'visible', timeout: 60_000 });
    // "$(check) Opsmith" once the language server is up.
    await serverReady(ui.page);
    await ui.screenshot('ui-activated');
  });

  it('a syntax error (deleted closing brace) shows in the Problems panel', async () => {
    await openFile(ui.page, 'main.tf');
    await serverReady(ui.page);
    // Line 14 of the fixture is the `}` that closes resource "aws_instance" "web".
    const closing = locate(path.join(ui.ws, 'main.tf'), '\n}\n', 1);
    await goTo(ui.page, closing.line, 1);
    await ui.page.keyboard.press('Shift+End');
    await ui.page.keyboard.press('Delete');
    try {
      await ui.page.keyboard.press('Control+Shift+M');
      const panel = ui.page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible' });
      const problem = panel
        .locator('.monaco-list-row')
        .filter({ hasText: /expected `}`/ })
        .first();
      await problem.waitFor({ state: 'visible', timeout: 30_000 });
      const text = domText(await problem.innerText());
      assert.match(text, /expected `}` to close resource "aws_instance" "web"/);
      await ui.screenshot('ui-problems');
    } finally {
      // Put the file back (unsaved edit), then check the problem goes away again.
      await ui.page.keyboard.press('Control+1');
      await runCommand(ui.page, 'File: Revert File');
    }
    await ui.page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: /expected `}`/ })
      .waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('go to definition (F12) on var.region in main.tf jumps to variables.tf', async () => {
    await openFile(ui.page, 'main.tf');
    await serverReady(ui.page);
    const ref = locate(path.join(ui.ws, 'main.tf'), 'var.region', 'var.re'.length);
    const decl = locate(path.join(ui.ws, 'variables.tf'), 'variable "region"');
    await goTo(ui.page, ref.line, ref.column);
    await ui.page.keyboard.press('F12');
    await activeTab(ui.page)
      .filter({ hasText: 'variables.tf' })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await cursorIs(ui.page, decl.line);
    await ui.screenshot('ui-definition');
  });

  it('rename (F2) of a variable changes main.tf and variables.tf', async () => {
    await openFile(ui.page, 'main.tf');
    await serverReady(ui.page);
    const ref = locate(path.join(ui.ws, 'main.tf'), 'var.instance_type', 'var.inst'.length);
    await goTo(ui.page, ref.line, ref.column);
    await ui.page.keyboard.press('F2');
    // Act on the rename input itself (not the keyboard focus): the widget shows before it takes the focus.
    const box = ui.page.locator('.rename-box input.rename-input');
    await box.waitFor({ state: 'visible', timeout: 30_000 });
    await ui.page.waitForFunction(() => document.activeElement?.classList.contains('rename-input'));
    assert.equal(await box.inputValue(), 'instance_type');
    await box.fill('web_instance_type');
    await box.press('Enter');
    await box.waitFor({ state: 'hidden' });
    // Wait until the rename was applied to the open editor, then save every file it touched.
    await ui.page
      .locator('.editor-group-container.active .view-lines')
      .filter({ hasText: 'var.web_instance_type' })
      .waitFor({ state: 'visible' });
    await runCommand(ui.page, 'File: Save All Files');
    const files = await waitUntil('both files renamed on disk', () => {
      const main = readFileSync(path.join(ui.ws, 'main.tf'), 'utf8');
      const vars = readFileSync(path.join(ui.ws, 'variables.tf'), 'utf8');
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
    await ui.screenshot('ui-rename');
  });

  it('generates infrastructure: palette → request → preview → Accept → files on disk, no errors', async () => {
    const before = new Set(readdirSync(ui.ws));
    // The palette lists an extension's commands once its host has started; the ready status bar item says so.
    await serverReady(ui.page);
    await requestGeneration(ui.page, 'Bucket for application logs that deletes objects after one year');
    await previewShown(ui.page, ui.ws, before);
    await ui.screenshot('ui-generate-preview');
    const all = await acceptGeneratedFiles(ui.page, ui.ws, before);
    assert.match(all, /resource "aws_s3_bucket_lifecycle_configuration"/);
    assert.match(all, /days\s+= 365/);
    await ui.screenshot('ui-generate-accepted');
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
      path.join(ui.ws, 'drift.tf'),
      'resource "aws_instance" "drifted" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n}\n',
    );
    writeFileSync(path.join(ui.ws, 'terraform.tfstate'), JSON.stringify(state));
    mkdirSync(path.join(ui.ws, '.opsmith', 'snapshots'), { recursive: true });
    writeFileSync(path.join(ui.ws, '.opsmith', 'snapshots', 'latest.json'), JSON.stringify(snapshot));
    // From the explorer: quick open's file index may not know a file created a moment ago.
    await ui.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ hasText: /^drift\.tf$/ })
      .first()
      .click();
    await activeTab(ui.page).filter({ hasText: 'drift.tf' }).waitFor({ state: 'visible' });
    // Ctrl+Shift+M toggles: an earlier test may have left the Problems panel open.
    if (!(await ui.page.locator('.markers-panel').isVisible()))
      await ui.page.keyboard.press('Control+Shift+M');
    const row = ui.page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: 'Drift: live instance_type is "t3.large", code says "t3.micro"' })
      .first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await ui.screenshot('ui-drift-problem');
    // Put the cursor on the drifted value in the editor, then ask for quick fixes there.
    await goTo(ui.page, 3, 20);
    await applyQuickFix(ui.page, 'Adopt live value');
    await ui.page
      .locator('.editor-group-container.active .view-lines')
      .filter({ hasText: 't3.large' })
      .waitFor({ state: 'visible' });
    await runCommand(ui.page, 'File: Save');
    await waitUntil('the adopted value on disk', () =>
      readFileSync(path.join(ui.ws, 'drift.tf'), 'utf8').includes('instance_type = "t3.large"'),
    );
    await ui.screenshot('ui-drift-adopted');
  });
});
