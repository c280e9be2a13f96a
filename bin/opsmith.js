#!/usr/bin/env node
// The opsmith CLI. From a clone, the bundle is built on first use so `npx opsmith …` works after `npm ci`.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
require(cli);
