// Generation with Claude in the real VS Code workbench, against the local fake Messages API started here: the key
// is set through "Opsmith: Set Anthropic API Key" (SecretStorage), the user settings point opsmith.model.baseUrl at
// the fake, then palette → request → the model's plan (streamed, with progress in the notification) → preview →
// Accept → files on disk. The workspace's own baseUrl points at a decoy, which must never be asked: the setting is
// machine-scoped so a cloned repository cannot send the key elsewhere. Run by scripts/test-e2e.mjs (`--grep Claude`).
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { compileIntent } from '../../server/src/service/generate';
import { credentialOf, FakeAnthropic, messageTexts, toolAnswer } from '../helpers/fakeAnthropic';
import { uiSuite } from './session';
import {
  acceptGeneratedFiles,
  openFile,
  previewShown,
  requestGeneration,
  runCommand,
  serverReady,
  startCommand,
} from './workbench';

const KEY = 'sk-ant-api03-e2e-test-key-31337';
const REQUEST =
  'An SQS queue with a dead-letter queue after 5 failed attempts, consumed by a Lambda function';
/** The model's plan differs from the offline compiler's in its project name, so the files show who made them. */
const PROJECT = 'fromclaude';

function modelPlan() {
  const { plan } = compileIntent(REQUEST);
  const { version: _v, envSource: _s, request: _r, profile: _p, ...submission } = plan;
  return { ...submission, project: PROJECT };
}

/**
 * Waits until the notification center lists a notification with this text. The center rather than the toasts: it
 * lists every notification (progress ones included) whether or not a toast is on screen.
 */
async function notificationShows(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  await runCommand(page, 'Notifications: Show Notifications');
  try {
    await page
      .locator('.notifications-center .notification-list-item')
      .filter({ hasText: text })
      .first()
      .waitFor({ state: 'visible', timeout });
  } finally {
    await runCommand(page, 'Notifications: Hide Notifications');
  }
}

describe('Opsmith generation with Claude in the VS Code workbench (UI)', function () {
  this.timeout(150_000);

  const fake = new FakeAnthropic();
  const decoy = new FakeAnthropic();
  let userSettings: string;
  let userSettingsBefore: string;

  const ui = uiSuite('ui-claude', async (h) => {
    await fake.start();
    await decoy.start();
    userSettings = path.join(h.userDataDir, 'User', 'settings.json');
    userSettingsBefore = readFileSync(userSettings, 'utf8');
    writeFileSync(
      userSettings,
      JSON.stringify({ ...JSON.parse(userSettingsBefore), 'opsmith.model.baseUrl': fake.url }, null, 2),
    );
    const ws = h.newWorkspace('claude');
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(
      path.join(ws, '.vscode', 'settings.json'),
      JSON.stringify({ 'opsmith.model.provider': 'claude', 'opsmith.model.baseUrl': decoy.url }, null, 2),
    );
    return ws;
  });

  // Registered after uiSuite's: the page is closed by then, so nothing reads the user settings while they go back.
  after(async () => {
    if (userSettingsBefore !== undefined) writeFileSync(userSettings, userSettingsBefore);
    await fake.stop();
    await decoy.stop();
  });

  it('"Opsmith: Set Anthropic API Key" stores the key from a password box', async () => {
    await openFile(ui.page, 'main.tf');
    await serverReady(ui.page);
    await startCommand(ui.page, 'Opsmith: Set Anthropic API Key');
    const box = ui.page.locator('.quick-input-widget').filter({ hasText: 'Anthropic API key' });
    await box.waitFor({ state: 'visible' });
    const input = ui.page.locator('.quick-input-widget input[type="password"]');
    await input.fill(KEY);
    await ui.page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden' });
    await notificationShows(ui.page, 'generate with Claude using the stored API key');
  });

  it('generates with Claude: palette → request → model plan → preview → Accept → files on disk', async () => {
    // A slow stream, so the notification shows the streaming progress before the preview.
    fake.replay({ ...toolAnswer('submit_plan', modelPlan()), chunk: 200, delayMs: 500 });
    const before = new Set(readdirSync(ui.ws));
    await requestGeneration(ui.page, REQUEST);
    await runCommand(ui.page, 'Notifications: Show Notifications');
    await ui.page
      .locator('.notifications-center .notification-list-item')
      .filter({ hasText: /planning…/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await ui.screenshot('ui-claude-progress');
    await runCommand(ui.page, 'Notifications: Hide Notifications');
    await previewShown(ui.page, ui.ws, before);

    // The model was asked, with the stored key, the request, and the folder as data; the workspace's baseUrl not.
    assert.equal(decoy.requests.length, 0, "the workspace's opsmith.model.baseUrl is ignored");
    assert.equal(fake.requests.length, 1);
    const [sent] = fake.requests;
    assert.equal(credentialOf(sent), KEY);
    assert.equal(sent.body.tool_choice?.name, 'submit_plan');
    const [user] = messageTexts(sent);
    assert.ok(user.text.includes(`<request>\n${REQUEST}\n</request>`));
    assert.match(user.text, /"address": "aws_instance\.web"/);
    await ui.screenshot('ui-claude-preview');

    const all = await acceptGeneratedFiles(ui.page, ui.ws, before);
    assert.match(all, /resource "aws_sqs_queue"/);
    assert.match(all, /resource "aws_lambda_function"/);
    assert.ok(all.includes(PROJECT), 'the files come from the model plan');
    await ui.screenshot('ui-claude-accepted');
  });

  it('"Opsmith: Clear Anthropic API Key" removes it', async () => {
    await startCommand(ui.page, 'Opsmith: Clear Anthropic API Key');
    await notificationShows(ui.page, 'the stored Anthropic API key was removed');
  });
});
