#!/usr/bin/env node
// Bundles the in-host test suite (test/e2e/inhost) into out/e2e/inhost/index.js: one CommonJS file with mocha
// inside and `vscode` external, loadable by code-server's extension host (scripts/test-e2e.mjs) and by
// @vscode/test-electron (scripts/test-electron.mjs) alike.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'out', 'e2e', 'inhost', 'index.js');
const start = Date.now();
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/e2e/inhost/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
  // mocha's optional ESM loader and its browser-only bits are not used in the host.
  logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent' },
});
if (result.errors.length) process.exit(1);
console.log(`[build-e2e] ${path.relative(root, outfile)} in ${Date.now() - start} ms`);
