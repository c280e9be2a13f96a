// A console-only mocha reporter for the extension host: one line per test (the workbench forwards the host's
// console to the outer runner through codeAutomationLog) and a final machine-readable line that
// test/e2e/inhost.launch.test.ts turns back into one outer test per in-host test.
import Mocha from 'mocha';

export const RESULT_MARKER = 'OPSMITH-INHOST-RESULT ';

export interface InHostTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export class InHostReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const results: InHostTestResult[] = [];
    runner.on(EVENT_TEST_PASS, (test) => {
      results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      console.log(`[in-host] ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      results.push({ title: test.fullTitle(), state: 'pending' });
      console.log(`[in-host] - ${test.fullTitle()} (skipped)`);
    });
    runner.on(EVENT_TEST_FAIL, (test, err: Error) => {
      const error = err?.stack || String(err);
      results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error });
      console.log(`[in-host] ✗ ${test.fullTitle()}\n${error}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const passed = results.filter((r) => r.state === 'passed').length;
      const failed = results.filter((r) => r.state === 'failed').length;
      console.log(`[in-host] finished: ${passed} passing, ${failed} failing`);
      console.log(RESULT_MARKER + JSON.stringify(results));
    });
  }
}
