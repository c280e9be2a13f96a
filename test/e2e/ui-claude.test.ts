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
import type { Harness } from './harness';
import { sharedHarness } from './session';
import { domText, openFile, runCommand, serverReady, waitUntil } from './workbench';

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

/** Palette → a command whose first step is a quick input of its own (so not runCommand, which waits for none). */
async function startCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().click();
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
  let h: Harness;
  let page: Page;
  let ws: string;
  let userSettings: string;
  let userSettingsBefore: string;

  before(async function () {
    this.timeout(180_000);
    await fake.start();
    await decoy.start();
    h = await sharedHarness();
    userSettings = path.join(h.userDataDir, 'User', 'settings.json');
    userSettingsBefore = readFileSync(userSettings, 'utf8');
    writeFileSync(
      userSettings,
      JSON.stringify({ ...JSON.parse(userSettingsBefore), 'opsmith.model.baseUrl': fake.url }, null, 2),
    );
    ws = h.newWorkspace('claude');
    mkdirSync(path.join(ws, '.vscode'), { recursive: true });
    writeFileSync(
      path.join(ws, '.vscode', 'settings.json'),
      JSON.stringify({ 'opsmith.model.provider': 'claude', 'opsmith.model.baseUrl': decoy.url }, null, 2),
    );
    page = await h.openWorkbench(ws);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
    if (userSettingsBefore !== undefined) writeFileSync(userSettings, userSettingsBefore);
    await fake.stop();
    await decoy.stop();
  });

  afterEach(async function () {
    const t = this.currentTest;
    if (t && t.state === 'failed' && page) {
      const file = await h.screenshot(page, `ui-claude-FAILED-${t.title}`);
      console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
    }
  });

  it('"Opsmith: Set Anthropic API Key" stores the key from a password box', async () => {
    await openFile(page, 'main.tf');
    await serverReady(page);
    await startCommand(page, 'Opsmith: Set Anthropic API Key');
    const box = page.locator('.quick-input-widget').filter({ hasText: 'Anthropic API key' });
    await box.waitFor({ state: 'visible' });
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.fill(KEY);
    await page.keyboard.press('Enter');
    await box.waitFor({ state: 'hidden' });
    await notificationShows(page, 'generate with Claude using the stored API key');
  });

  it('generates with Claude: palette → request → model plan → preview → Accept → files on disk', async () => {
    // A slow stream, so the notification shows the streaming progress before the preview.
    fake.replay({ ...toolAnswer('submit_plan', modelPlan()), chunk: 200, delayMs: 500 });
    const before = new Set(readdirSync(ws));
    await startCommand(page, 'Opsmith: Generate Infrastructure');
    await page
      .locator('.quick-input-widget')
      .filter({ hasText: 'describe the infrastructure you need' })
      .waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget input').fill(REQUEST);
    await page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ hasText: 'your request' })
      .first()
      .waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await runCommand(page, 'Notifications: Show Notifications');
    await page
      .locator('.notifications-center .notification-list-item')
      .filter({ hasText: /planning…/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await h.screenshot(page, 'ui-claude-progress');
    await runCommand(page, 'Notifications: Hide Notifications');
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

    // The model was asked, with the stored key, the request, and the folder as data; the workspace's baseUrl not.
    assert.equal(decoy.requests.length, 0, "the workspace's opsmith.model.baseUrl is ignored");
    assert.equal(fake.requests.length, 1);
    const [sent] = fake.requests;
    assert.equal(credentialOf(sent), KEY);
    assert.equal(sent.body.tool_choice?.name, 'submit_plan');
    const [user] = messageTexts(sent);
    assert.ok(user.text.includes(`<request>\n${REQUEST}\n</request>`));
    assert.match(user.text, /"address": "aws_instance\.web"/);
    await h.screenshot(page, 'ui-claude-preview');

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
      const now = readdirSync(ws).filter((f) => !before.has(f));
      const saved = now.length > 0 && now.every((f) => readFileSync(path.join(ws, f), 'utf8').length > 0);
      return saved && now;
    });
    const all = added.map((f) => readFileSync(path.join(ws, f), 'utf8')).join('\n');
    assert.match(all, /resource "aws_sqs_queue"/);
    assert.match(all, /resource "aws_lambda_function"/);
    assert.ok(all.includes(PROJECT), 'the files come from the model plan');
    // Accept opens every written file; let it finish before the next keystrokes, then count errors.
    for (const file of added)
      await page
        .locator('.tabs-container .tab')
        .filter({ hasText: file })
        .first()
        .waitFor({ state: 'visible' });
    await page.waitForTimeout(3000);
    const label =
      (await page.locator('[id="status.problems"] [aria-label]').first().getAttribute('aria-label')) ??
      domText(await page.locator('[id="status.problems"]').first().innerText());
    assert.doesNotMatch(label, /[1-9]\d* errors?/i, `Problems: ${label}`);
    await h.screenshot(page, 'ui-claude-accepted');
  });

  it('"Opsmith: Clear Anthropic API Key" removes it', async () => {
    await startCommand(page, 'Opsmith: Clear Anthropic API Key');
    await notificationShows(page, 'the stored Anthropic API key was removed');
  });
});
