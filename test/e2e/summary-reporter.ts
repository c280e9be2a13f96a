// Mocha's spec reporter, plus a JSON summary written to $OPSMITH_E2E_SUMMARY for scripts/test-e2e.mjs, which
// prints the final "N passed, N failed" line from it.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: string[] = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test) => failures.push(test.fullTitle()));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.OPSMITH_E2E_SUMMARY;
      if (!file) return;
      const s = runner.stats;
      writeFileSync(
        file,
        JSON.stringify({
          passed: s?.passes ?? 0,
          failed: s?.failures ?? 0,
          pending: s?.pending ?? 0,
          failures,
        }) + '\n',
      );
    });
  }
}

export = SummaryReporter;
