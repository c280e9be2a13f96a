// One code-server + chromium per mocha run, shared by the UI tests and the in-host launcher.
// Loaded with `mocha --require test/e2e/session.ts`: the root afterAll hook stops everything, pass or fail.
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
