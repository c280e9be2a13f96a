#!/usr/bin/env node
// Desktop alternative to scripts/test-e2e.mjs: runs the same in-host suite (out/e2e/inhost/index.js) with
// @vscode/test-electron, which downloads a VS Code build into .vscode-test/. Needs the internet and a display (or
// xvfb-run); it cannot work on the CI machines, which is why CI uses code-server instead. Not run by CI.
//
//   node scripts/test-electron.mjs [--version stable|insiders|1.95.0] [--skip-build]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const versionAt = args.indexOf('--version');
const version = versionAt >= 0 ? args[versionAt + 1] : 'stable';

function step(script, scriptArgs = []) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', script), ...scriptArgs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!args.includes('--skip-build')) step('build.mjs');
step('build-e2e.mjs');

// Same as the code-server run: a throw-away copy of the fixture, so the tests never modify it.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'opsmith-electron-'));
const workspace = path.join(tmp, 'workspace');
cpSync(path.join(root, 'test', 'fixtures', 'e2e-workspace'), workspace, { recursive: true });

let code = 0;
try {
  await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'e2e', 'inhost', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      path.join(tmp, 'user-data'),
    ],
  });
} catch (e) {
  console.error(`[test-electron] ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
