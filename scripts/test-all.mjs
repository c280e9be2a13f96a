// The one test command (npm test): static checks, unit tests, protocol tests against the bundled server, then
// end-to-end tests in a real VS Code. Stops at the first failing stage and says which; ends with one
// "N passed, N failed" line adding up every test stage.
import { spawn } from 'node:child_process';

/** A mocha run outside .mocharc.json's unit spec: longer timeout, the same tsx loader and leak guard. */
function mochaStage(name, spec) {
  return [
    name,
    'npx',
    ['mocha', '--no-config', '-r', 'tsx/cjs', '-r', 'test/helpers/leakGuard.ts', '--timeout', '60000', spec],
  ];
}

const skipE2e = process.argv.includes('--no-e2e') || process.env.OPSMITH_SKIP_E2E === '1';
const stages = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['format check', 'npx', ['prettier', '--check', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit tests', 'npx', ['mocha']],
  mochaStage('protocol tests', 'test/protocol/**/*.test.ts'),
  mochaStage('webview tests (chromium)', 'test/webview/**/*.test.ts'),
  ...(skipE2e ? [] : [['end-to-end tests (real VS Code)', 'node', ['scripts/test-e2e.mjs']]]),
];

/** Runs a stage with its output shown live and kept, so its test counts can be read afterwards. */
function runStage(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function counts(output) {
  // mocha: "  12 passing (3s)" / "  1 failing"; the e2e runner: "13 passed, 0 failed".
  const plain = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { passed: passing ? Number(passing[1]) : 0, failed: failing ? Number(failing[1]) : 0 };
}

const timings = [];
let passed = 0;
let failed = 0;
for (const [name, command, args] of stages) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const { code, output } = await runStage(command, args);
  const c = counts(output);
  passed += c.passed;
  failed += c.failed;
  timings.push(
    `${name}: ${((Date.now() - started) / 1000).toFixed(1)} s${c.passed + c.failed ? ` (${c.passed} passed, ${c.failed} failed)` : ''}`,
  );
  if (code !== 0) {
    console.error(`\n${name} failed (exit ${code}).`);
    console.log(timings.join('\n'));
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
}
console.log(`\n${timings.join('\n')}\nAll stages passed.`);
console.log(`${passed} passed, ${failed} failed`);
