// Locations used by the e2e harness. Mirrors scripts/e2e-paths.mjs (the installer); keep the two in step.
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

export function e2ePaths(env: NodeJS.ProcessEnv = process.env) {
  const cache = env.OPSMITH_CACHE || path.join(os.homedir(), '.cache', 'opsmith-e2e');
  const node24Dir = path.join(cache, 'node24');
  const codeServerDir = path.join(cache, 'code-server');
  return {
    cache,
    node24Dir,
    node: path.join(node24Dir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: env.OPSMITH_CHROMIUM || '/usr/bin/chromium',
    vsix: env.OPSMITH_VSIX || path.join(repoRoot, 'out', 'opsmith.vsix'),
    fixture: path.join(repoRoot, 'test', 'fixtures', 'e2e-workspace'),
    inHostEntry: path.join(repoRoot, 'out', 'e2e', 'inhost', 'index.js'),
    artifacts: env.OPSMITH_E2E_ARTIFACTS || path.join(repoRoot, 'test-artifacts'),
  };
}

export type E2EPaths = ReturnType<typeof e2ePaths>;
