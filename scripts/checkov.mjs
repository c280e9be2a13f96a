#!/usr/bin/env node
// checkov (from PyPI) over Terraform directories, with the project's documented skip list.
//
//   node scripts/checkov.mjs --install             create the venv and pip install checkov (idempotent)
//   node scripts/checkov.mjs --check               exit 0 when the venv is ready, 1 when it is not
//   node scripts/checkov.mjs [--json] [--env E] DIR[@env] …
//                                                  run checkov on the directories; exit 1 on any failed check.
//                                                  E (prod, staging, dev; default prod) picks whether the
//                                                  skipOutsideProd checks apply; DIR@dev overrides it per dir
//
// The venv lives in ${OPSMITH_CACHE:-$HOME/.cache/opsmith-e2e}/checkov-venv, outside the repository; a marker
// file (.opsmith-ok) is written only after checkov installed and answered --version, so an interrupted install
// is redone next time. Skipped checks and the reason for each are in scripts/checkov-skip.json.
// Several directories are scanned by one checkov process (its start-up, not the scan, is the slow part): they are
// copied side by side under a temporary root. --json prints
// { dirs: [{ dir, env, failed: [{ id, name, file, lines, resource }], skippedOutsideProd }], passed, failedCount,
//   parsingErrors, seconds, version }.
// Exit code: 0 when no check failed and every file parsed, 1 otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pinnedVenv } from './venv.mjs';
import { fileURLToPath } from 'node:url';

export const CHECKOV_VERSION = '3.3.30';

const here = path.dirname(fileURLToPath(import.meta.url));

const venv = pinnedVenv({
  name: 'checkov',
  requirement: `checkov==${CHECKOV_VERSION}`,
  version: CHECKOV_VERSION,
  binary: 'checkov',
  verify: (binary) => {
    const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    return version.status === 0 && version.stdout.includes(CHECKOV_VERSION)
      ? undefined
      : `checkov --version answered ${JSON.stringify(version.stdout + version.stderr)}`;
  },
});

export function checkovPaths(env = process.env) {
  const p = venv.paths(env);
  return { venv: p.venv, checkov: p.binary, marker: p.marker };
}

/** { skip: { checkId: reason }, skipOutsideProd: { checkId: reason } } from scripts/checkov-skip.json. */
export function skipList() {
  const raw = JSON.parse(readFileSync(path.join(here, 'checkov-skip.json'), 'utf8'));
  return { skip: raw.skip ?? {}, skipOutsideProd: raw.skipOutsideProd ?? {} };
}

const ENVS = ['prod', 'staging', 'dev'];

export const isInstalled = venv.isInstalled;
export const install = venv.install;
const log = venv.log;

function capture(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // With --skip-download, no guideline mapping either: the scan needs no network.
      env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs checkov over the directories; resolves with the failed checks of each (skipped ones excluded).
 * `dirs` are paths, or { dir, env } where env (prod, staging, dev; prod by default) decides whether the
 * skipOutsideProd checks apply. checkov exits 1 when a check failed, so results are read from the report.
 */
export async function scan(dirs, env = process.env) {
  const p = checkovPaths(env);
  if (!isInstalled(env)) throw new Error(`checkov is not installed: run node scripts/checkov.mjs --install`);
  const targets = dirs.map((d) => (typeof d === 'string' ? { dir: d, env: 'prod' } : { env: 'prod', ...d }));
  for (const t of targets)
    if (!ENVS.includes(t.env)) throw new Error(`unknown env ${t.env}: use ${ENVS.join(', ')}`);
  const absolute = targets.map((t) => path.resolve(t.dir));
  const { skip, skipOutsideProd } = skipList();
  // checkov's own handling of several `-d` is unreliable (later reports repeat earlier directories' results),
  // so several directories are copied side by side under one temporary root and scanned as one tree.
  const staging = absolute.length > 1 ? mkdtempSync(path.join(os.tmpdir(), 'opsmith-checkov-')) : undefined;
  const roots = absolute.map((dir, i) => {
    if (!staging) return dir;
    const copy = path.join(staging, String(i));
    cpSync(dir, copy, { recursive: true, filter: (src) => !/[/\\]\.(terraform|git)([/\\]|$)/.test(src) });
    return copy;
  });
  const args = [
    '-d',
    staging ?? roots[0],
    '--framework',
    'terraform',
    '--quiet',
    '--compact',
    '-o',
    'json',
    '--skip-download',
    ...(Object.keys(skip).length ? ['--skip-check', Object.keys(skip).join(',')] : []),
  ];
  const started = Date.now();
  let output;
  try {
    output = await capture(p.checkov, args);
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
  const { code, stdout, stderr } = output;
  const seconds = (Date.now() - started) / 1000;
  let parsed;
  try {
    parsed = parseReports(stdout);
  } catch {
    throw new Error(`checkov exited ${code} without a JSON report:\n${stderr || stdout}`);
  }
  // A directory without any Terraform gives the empty summary { passed: 0, failed: 0, … } without check_type.
  const reports = parsed.filter((r) => r.check_type === 'terraform');
  const all = reports.flatMap((r) => r.results?.failed_checks ?? []);
  const passedCount = reports.reduce((n, r) => n + (r.summary?.passed ?? 0), 0);
  const parsingErrors = reports.flatMap((r) => r.results?.parsing_errors ?? []);
  const byDir = absolute.map((dir, i) => ({ dir, env: targets[i].env, failed: [], skippedOutsideProd: 0 }));
  let failedCount = 0;
  for (const f of all) {
    const file = path.resolve(f.file_abs_path ?? path.join(roots[0], f.file_path));
    const i = roots.findIndex((root) => file === root || file.startsWith(root + path.sep));
    const owner = byDir[Math.max(i, 0)];
    if (owner.env !== 'prod' && Object.hasOwn(skipOutsideProd, f.check_id)) {
      owner.skippedOutsideProd++;
      continue;
    }
    failedCount++;
    const original = i >= 0 ? path.join(absolute[i], path.relative(roots[i], file)) : file;
    owner.failed.push({
      id: f.check_id,
      name: f.check_name,
      file: path.relative(process.cwd(), original),
      lines: f.file_line_range,
      resource: f.resource,
    });
  }
  return {
    dirs: byDir,
    passed: passedCount,
    failedCount,
    parsingErrors,
    seconds,
    version: CHECKOV_VERSION,
  };
}

/**
 * checkov prints one JSON document per `-d` directory, one after the other (and an array instead of an object
 * when several frameworks ran): join them into one array of reports.
 */
export function parseReports(stdout) {
  const joined = `[${stdout.trim().replace(/^([}\]])\s*\n(?=[{[])/gm, '$1,\n')}]`;
  return JSON.parse(joined).flat();
}

async function main(argv) {
  if (argv.includes('--install')) {
    install();
    return 0;
  }
  if (argv.includes('--check')) {
    const ok = isInstalled();
    log(ok ? `checkov ${CHECKOV_VERSION} is installed` : 'checkov is not installed');
    return ok ? 0 : 1;
  }
  const json = argv.includes('--json');
  let defaultEnv = 'prod';
  const dirs = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--env') defaultEnv = argv[++i];
    else if (a.startsWith('--env=')) defaultEnv = a.slice('--env='.length);
    else if (!a.startsWith('--')) dirs.push(a);
  }
  if (dirs.length === 0) {
    log(
      'usage: node scripts/checkov.mjs --install | --check | [--json] [--env prod|staging|dev] DIR[@env] …',
    );
    return 2;
  }
  const targets = dirs.map((d) => {
    const m = /^(.*)@(prod|staging|dev)$/.exec(d);
    return m ? { dir: m[1], env: m[2] } : { dir: d, env: defaultEnv };
  });
  for (const t of targets) if (!existsSync(t.dir)) throw new Error(`no such directory: ${t.dir}`);
  const result = await scan(targets);
  if (json) console.log(JSON.stringify(result, null, 2));
  else {
    for (const d of result.dirs) {
      const rel = path.relative(process.cwd(), d.dir) || '.';
      if (d.failed.length === 0) console.log(`${rel} (${d.env}): no failed checks`);
      for (const f of d.failed)
        console.log(`${f.file}:${f.lines?.[0] ?? 1}: ${f.id} ${f.name} (${f.resource})`);
    }
    const { skip, skipOutsideProd } = skipList();
    console.log(
      `checkov ${result.version}: ${result.passed} passed, ${result.failedCount} failed ` +
        `(skip list: ${Object.keys(skip).length} checks, ${Object.keys(skipOutsideProd).length} more outside prod) ` +
        `in ${result.seconds.toFixed(1)} s`,
    );
  }
  for (const e of result.parsingErrors) console.log(`parsing error: ${e}`);
  return result.failedCount === 0 && result.parsingErrors.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      log(error.message);
      process.exit(1);
    },
  );
}
