#!/usr/bin/env node
// End-to-end tests in a real VS Code (code-server + headless chromium, see scripts/e2e-setup.mjs):
//   1. check the test bed is installed          (node scripts/e2e-setup.mjs --check)
//   2. package the extension                    (scripts/package.mjs → out/opsmith.vsix)
//   3. bundle the in-host suite                 (scripts/build-e2e.mjs → out/e2e/inhost/index.js)
//   4. mocha over test/e2e/ui.test.ts + ui-*.test.ts (Playwright UI tests) and test/e2e/inhost.launch.test.ts (the in-host suite
//      inside code-server's extension host), sharing one code-server + chromium.
// Prints "N passed, N failed" as its last line and exits non-zero on any failure.
//
//   node scripts/test-e2e.mjs [--skip-package] [--grep <pattern>]
// Env: OPSMITH_CACHE (test-bed folder), OPSMITH_E2E_TIMEOUT_MS (whole mocha run, default 600000),
//      OPSMITH_E2E_KEEP=1 (keep the temp profile/workspaces), OPSMITH_E2E_ARTIFACTS (default test-artifacts/).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const artifacts = process.env.OPSMITH_E2E_ARTIFACTS || path.join(root, 'test-artifacts');
const summaryFile = path.join(artifacts, 'e2e-summary.json');
const pidFile = path.join(artifacts, 'e2e-pids.json');
const mochaTimeoutMs = Number(process.env.OPSMITH_E2E_TIMEOUT_MS || 600_000);
const timings = [];
const t0 = Date.now();

function finish(passed, failed) {
  console.log(
    '\n[test-e2e] timings: ' +
      timings.map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)} s`).join(', ') +
      `; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

function stage(name, cmd, cmdArgs) {
  console.log(`\n[test-e2e] ── ${name}`);
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  timings.push([name, Date.now() - t]);
  if (r.status !== 0) {
    console.error(`[test-e2e] ${name} failed (exit ${r.status ?? r.signal})`);
    finish(0, 1);
  }
}

/** Kill any process group the harness recorded and that is still alive (harness killed hard, watchdog, …). */
function reapLeftovers() {
  if (!existsSync(pidFile)) return;
  let groups = [];
  try {
    groups = JSON.parse(readFileSync(pidFile, 'utf8'));
  } catch {
    // unreadable: nothing to do
  }
  for (const { pgid, name } of groups) {
    try {
      process.kill(-pgid, 0);
      process.kill(-pgid, 'SIGKILL');
      console.error(`[test-e2e] killed leftover ${name} process group ${pgid}`);
    } catch {
      // already gone
    }
  }
  rmSync(pidFile, { force: true });
}

mkdirSync(artifacts, { recursive: true });
// Drop this runner's artifacts of the previous run, so a screenshot left over from an old failure cannot mislead.
for (const f of readdirSync(artifacts)) {
  if (/^ui-.*\.png$|^(code-server|browser-console|inhost-output)\.log$|^e2e-summary\.json$/.test(f)) {
    rmSync(path.join(artifacts, f), { force: true });
  }
}
reapLeftovers();

stage('setup check', process.execPath, [path.join(root, 'scripts', 'e2e-setup.mjs'), '--check']);
if (!args.includes('--skip-package'))
  stage('package', process.execPath, [path.join(root, 'scripts', 'package.mjs')]);
stage('build in-host suite', process.execPath, [path.join(root, 'scripts', 'build-e2e.mjs')]);

console.log('\n[test-e2e] ── UI + in-host tests (code-server + chromium)');
const grepAt = args.indexOf('--grep');
const mochaArgs = [
  require.resolve('mocha/bin/mocha.js'),
  '--no-config',
  '--require',
  'tsx/cjs',
  '--require',
  'test/e2e/session.ts',
  '--reporter',
  './test/e2e/summary-reporter.ts',
  '--timeout',
  '120000',
  '--exit',
  ...(grepAt >= 0 ? ['--grep', args[grepAt + 1]] : []),
  'test/e2e/ui.test.ts',
  // One file per feature area (ui-graph, ui-claude, …), all sharing the one code-server + chromium.
  'test/e2e/ui-*.test.ts',
  'test/e2e/inhost.launch.test.ts',
];
const t = Date.now();
const child = spawn(process.execPath, mochaArgs, {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, OPSMITH_E2E_SUMMARY: summaryFile, OPSMITH_E2E_ARTIFACTS: artifacts },
});
let timedOut = false;
const watchdog = setTimeout(() => {
  timedOut = true;
  console.error(`[test-e2e] mocha still running after ${mochaTimeoutMs} ms: stopping it`);
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
}, mochaTimeoutMs);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    child.kill(sig);
    setTimeout(() => {
      child.kill('SIGKILL');
      reapLeftovers();
      process.exit(130);
    }, 10_000).unref();
  });
}
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
clearTimeout(watchdog);
timings.push(['UI + in-host tests', Date.now() - t]);
reapLeftovers();

let summary;
try {
  summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  summary = undefined;
}
if (!summary) {
  console.error(`[test-e2e] mocha exited with ${code}${timedOut ? ' (timed out)' : ''} without a summary`);
  finish(0, 1);
}
if (summary.failures?.length)
  console.log(`\n[test-e2e] failed: ${summary.failures.map((f) => `\n  - ${f}`).join('')}`);
console.log(`[test-e2e] screenshots and logs: ${path.relative(process.cwd(), artifacts) || artifacts}/`);
// A mocha exit code that disagrees with the summary (crash after the run, timeout) counts as one more failure.
const extra = code !== 0 && summary.failed === 0 ? 1 : 0;
finish(summary.passed, summary.failed + extra);
