// Small helpers for driving the VS Code web workbench with playwright-core. They wait for conditions rather than
// sleeping: every action is followed by a wait for the UI state it should produce.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Normalise text read from the DOM: monaco renders spaces as non-breaking spaces. */
export const domText = (s: string): string => s.replace(/\u00a0/g, ' ');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Open the command palette, type the command's title and pick the entry whose label is exactly that title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  const row = quickInput(page)
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
    .first();
  await row.click();
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** Palette → a command whose first step is a quick input of its own (so not runCommand, which waits for none). */
export async function startCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await quickInput(page).locator('.monaco-list-row').filter({ hasText: title }).first().click();
}

/** The tab of the active editor. */
export const activeTab = (page: Page): Locator => page.locator('.tabs-container .tab.active');

/** Quick-open a file of the workspace by name and wait until it is the active, focused editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  // Wait until the *focused* entry is the file: the list briefly keeps the previous (recently opened) entries
  // focused while it filters, and Enter at that moment would open the wrong file.
  const focused = quickInput(page)
    .locator('.monaco-list-row.focused')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  await focused.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await activeTab(page).filter({ hasText: name }).waitFor({ state: 'visible' });
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible' });
}

/** Put the cursor at a 1-based line and column with Go to Line (Ctrl+G) and wait for the status bar to agree. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await cursorIs(page, line, column);
}

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.) and picks the action with this title. The menu lists what the
 * language server answered when it was asked; asked before the server has seen the latest diagnostics it can come up
 * without the action (or not at all), so it is asked again, a few times, before giving up.
 */
export async function applyQuickFix(page: Page, title: string, attempts = 5): Promise<void> {
  const row = page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500 * attempt);
    }
  }
  await row.click();
}

/** "Opsmith: Generate Infrastructure" with this request, up to the moment it is submitted. */
export async function requestGeneration(page: Page, request: string): Promise<void> {
  await startCommand(page, 'Opsmith: Generate Infrastructure');
  await quickInput(page)
    .filter({ hasText: 'describe the infrastructure you need' })
    .waitFor({ state: 'visible' });
  await quickInput(page).locator('input').fill(request);
  await quickInput(page)
    .locator('.monaco-list-row')
    .filter({ hasText: 'your request' })
    .first()
    .waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Waits for the generation's preview and asserts that nothing new is in the workspace folder before Accept. */
export async function previewShown(page: Page, ws: string, before: ReadonlySet<string>): Promise<void> {
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
}

/**
 * Accepts the generation whose preview is open, waits until the written files are on disk and open, and asserts that
 * Problems counts no errors. `before` is the workspace folder's listing from before the generation: whatever is new
 * was written by Accept. Returns the written files' text, joined.
 */
export async function acceptGeneratedFiles(
  page: Page,
  ws: string,
  before: ReadonlySet<string>,
): Promise<string> {
  // The check mark on the preview diff's title bar (the notification offers the same choice).
  const accept = page.locator('.editor-actions .action-label[aria-label^="Accept Generated Files"]').first();
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
  // Accept opens every written file; let it finish before the next keystrokes, and give the server a moment to
  // analyse them before counting errors in the status bar.
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
  return added.map((f) => readFileSync(path.join(ws, f), 'utf8')).join('\n');
}

/** The extension's status-bar item shows "$(check) Opsmith" once the language server is running. */
export async function serverReady(page: Page, timeoutMs = 60_000): Promise<void> {
  await page
    .locator('.statusbar-item')
    .filter({ hasText: /Opsmith/, has: page.locator('.codicon-check') })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

/** The "Ln X, Col Y" status-bar entry. */
export const cursorStatus = (page: Page): Locator => page.locator('[id="status.editor.selection"]');

export async function cursorIs(page: Page, line: number, column?: number): Promise<void> {
  const text = column === undefined ? new RegExp(`Ln ${line},`) : new RegExp(`Ln ${line}, Col ${column}\\b`);
  await cursorStatus(page).filter({ hasText: text }).waitFor({ state: 'visible' });
}

/** 1-based line/column of `needle` in a file, plus `offset` characters into it. */
export function locate(file: string, needle: string, offset = 0): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found in ${file}`);
  const before = text.slice(0, at + offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Poll a condition until it holds (returns a truthy value) or the timeout passes. */
export async function waitUntil<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Truthy<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
