// Entry point of the in-host suite, for both runners:
//  - scripts/test-e2e.mjs opens code-server with extensionTestsPath = out/e2e/inhost/index.js (payload mechanism),
//  - scripts/test-electron.mjs passes the same file to @vscode/test-electron on a desktop.
// VS Code requires this module inside the extension host and awaits run(); a rejection means "tests failed".
//
// Mocha 11 (CommonJS) is bundled into the same file by scripts/build-e2e.mjs, so the test files cannot be added
// with mocha.addFile(); instead the bdd globals are installed ('pre-require') and the bundled test modules are
// required afterwards, which registers their suites.
import Mocha from 'mocha';

import { InHostReporter } from './reporter';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.OPSMITH_INHOST_TIMEOUT ?? 60_000),
    reporter: InHostReporter,
    grep: process.env.OPSMITH_INHOST_GREP,
  });
  mocha.suite.emit('pre-require', globalThis, 'opsmith-inhost', mocha);
  require('./extension.test');
  require('./language.test');
  require('./serverCrash.test'); // last: it kills the server on purpose

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve(),
      );
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
