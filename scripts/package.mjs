#!/usr/bin/env node
// `npm run package`: production build, then @vscode/vsce (3.x) into out/opsmith.vsix. Fails over 15 MB.
//
//   node scripts/package.mjs [--skip-build] [--out <file>]
//
// If README.md is missing (early in development) the package is made from a staged copy in the temp folder with a
// placeholder README, with a warning; the repository is never touched.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAX_BYTES = 15 * 1024 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const out = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(root, 'out', 'opsmith.vsix');
const started = Date.now();

let tmp;
function fail(msg) {
  console.error(`[package] ${msg}`);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

function run(label, cmd, cmdArgs, cwd = root) {
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0)
    fail(`${label} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})`);
  console.log(`[package] ${label}: ${Date.now() - t} ms`);
}

if (!args.includes('--skip-build'))
  run('production build', process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production']);
// The production build writes no source maps, but dist/ may still hold stale ones from a development build, and
// vsce would ship them: its .vscodeignore negations (`!dist/**`) win over `dist/**/*.map` whatever the order.
for (const f of readdirSync(path.join(root, 'dist'), { recursive: true })) {
  if (String(f).endsWith('.map')) rmSync(path.join(root, 'dist', String(f)), { force: true });
}
for (const f of ['dist/client.js', 'dist/server.js']) {
  if (!existsSync(path.join(root, f))) fail(`${f} is missing after the build`);
}

// Relative links in README.md stay relative: the repository URL is not a GitHub/GitLab one vsce could rewrite them
// against (it refuses to package then), and VS Code resolves them against the installed extension anyway.
const vsceArgs = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out];
// vsce only packs files from its working directory, so a missing README.md is handled by packaging a staged copy
// of the shipped files (the .vscodeignore allow-list) plus a placeholder README, all in the temp folder.
let cwd = root;
if (!existsSync(path.join(root, 'README.md'))) {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'opsmith-package-'));
  cwd = path.join(tmp, 'extension');
  mkdirSync(cwd);
  for (const f of [
    '.vscodeignore',
    'package.json',
    'LICENSE',
    'CHANGELOG.md',
    'language-configuration.json',
    'dist',
    'syntaxes',
    'media',
  ]) {
    if (existsSync(path.join(root, f))) cpSync(path.join(root, f), path.join(cwd, f), { recursive: true });
  }
  writeFileSync(
    path.join(cwd, 'README.md'),
    '# Opsmith\n\nPlaceholder README: the repository has no README.md yet.\n',
  );
  console.warn(
    `[package] WARNING: README.md is missing; packaging a staged copy with a placeholder README from ${cwd}`,
  );
}

mkdirSync(path.dirname(out), { recursive: true });
rmSync(out, { force: true });
run('vsce package', process.execPath, [require.resolve('@vscode/vsce/vsce'), ...vsceArgs], cwd);
if (tmp) rmSync(tmp, { recursive: true, force: true });

if (!existsSync(out)) fail(`vsce reported success but ${out} does not exist`);
const size = statSync(out).size;
const mb = (size / 1024 / 1024).toFixed(2);
console.log(
  `[package] ${path.relative(process.cwd(), out) || out}: ${mb} MB (${size} bytes, limit 15 MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (size > MAX_BYTES) fail(`FAIL: ${out} is ${mb} MB, over the 15 MB limit`);
