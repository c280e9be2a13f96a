// Runs the in-host mocha suite (out/e2e/inhost/index.js, built by scripts/build-e2e.mjs) inside code-server's real
// extension host and turns each in-host test into a test of this outer run, so the final count includes them.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

import type { InHostResult } from './harness';
import { RESULT_MARKER, type InHostTestResult } from './inhost/reporter';
import { sharedHarness } from './session';

describe('Opsmith inside the extension host (in-host mocha suite)', function () {
  this.timeout(240_000);
  let run: InHostResult | undefined;
  let results: InHostTestResult[] | undefined;

  before(async function () {
    const h = await sharedHarness();
    const entry = h.paths.inHostEntry;
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run node scripts/build-e2e.mjs`);
    const ws = h.newWorkspace('inhost');
    run = await h.runInHost(entry, ws, 180_000, (line) => {
      if (line.startsWith('[in-host]')) console.log(`      ${line}`);
    });
    writeFileSync(path.join(h.paths.artifacts, 'inhost-output.log'), run.output.join('\n') + '\n');
    const line = run.output.find((l) => l.startsWith(RESULT_MARKER));
    results = line ? (JSON.parse(line.slice(RESULT_MARKER.length)) as InHostTestResult[]) : undefined;

    // One outer test per in-host test. Tests added to a suite in its before-all hook are run by mocha.
    const suite = this.test?.parent;
    for (const r of results ?? []) {
      if (r.state === 'pending') {
        suite?.addTest(new Mocha.Test(r.title));
        continue;
      }
      suite?.addTest(
        new Mocha.Test(r.title, () => {
          if (r.state === 'failed')
            throw new Error(`failed inside the extension host:\n${r.error ?? '(no error text)'}`);
        }),
      );
    }
  });

  it('the in-host runner finished, reported its tests and exited with 0 exactly when they all passed', () => {
    assert.ok(run, 'the in-host suite did not run');
    const tail = run.output.slice(-30).join('\n');
    assert.ok(results, `no ${RESULT_MARKER.trim()} line from the extension host; last output:\n${tail}`);
    assert.ok(results.length > 0, 'the in-host suite ran no tests');
    const failed = results.filter((r) => r.state === 'failed').length;
    assert.equal(
      run.exitCode,
      failed > 0 ? 1 : 0,
      `unexpected exit code ${run.exitCode} with ${failed} failed in-host test(s)`,
    );
  });
});
