// The one test command (npm test): static checks, unit tests, protocol tests against the bundled server, then
// end-to-end tests in a real VS Code. Stops at the first failing stage and says which.
import { spawnSync } from 'node:child_process';

const skipE2e = process.argv.includes('--no-e2e') || process.env.OPSMITH_SKIP_E2E === '1';
const stages = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.']],
  ['format check', 'npx', ['prettier', '--check', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['unit tests', 'npx', ['mocha']],
  [
    'protocol tests',
    'npx',
    ['mocha', '--no-config', '-r', 'tsx/cjs', '--timeout', '60000', 'test/protocol/**/*.test.ts'],
  ],
  ...(skipE2e ? [] : [['end-to-end tests (real VS Code)', 'node', ['scripts/test-e2e.mjs']]]),
];

const timings = [];
for (const [name, command, args] of stages) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}).`);
    console.log(timings.join('\n'));
    process.exit(1);
  }
}
console.log(`\n${timings.join('\n')}\nAll stages passed.`);
