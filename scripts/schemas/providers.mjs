// The provider packages the committed schemas are generated from, pinned, and where their extracted copies live.
//
// Each is a prebuilt cdktf binding whose package.json `cdktf.provider` names the Terraform provider version it was
// generated from; the last @cdktf/provider-aws release (21.22.1) is hashicorp/aws 6.25.0. Bumping a version: change
// `version` and `integrity` (from `npm view <package>@<version> dist.integrity`), run `npm run schemas`, commit.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PROVIDERS = [
  {
    name: 'archive',
    source: 'hashicorp/archive',
    package: '@cdktf/provider-archive',
    version: '11.0.1',
    integrity:
      'sha512-2Plwhj1hVUOYmQrxNbBvy2nrw/gyHZKnQFauPCwjhQX+MpRImF7cceKgX8zZgBPvB5YEP75MIFPbr4sjxDWeHw==',
  },
  {
    name: 'aws',
    source: 'hashicorp/aws',
    package: '@cdktf/provider-aws',
    version: '21.22.1',
    integrity:
      'sha512-BuSHeaQFUL9l33pBzIMRT7cTQ69AM2mLtijjteCPhVQRmvuhuj9Lvfymf7knAMhYqAT6+Lrls9jiGVW/Us3zrQ==',
  },
  {
    name: 'local',
    source: 'hashicorp/local',
    package: '@cdktf/provider-local',
    version: '11.1.1',
    integrity:
      'sha512-HlSM8foh/o2KVgPukaDzXTJ0m/FF59LrPDWA26QFvrw4CAjZYRcrYAAvMa7SSCbPhWfYtf8Nhe3ELX76UMg+oQ==',
  },
  {
    name: 'null',
    source: 'hashicorp/null',
    package: '@cdktf/provider-null',
    version: '11.0.1',
    integrity:
      'sha512-Ky4unO3BiquQkQnsiJSZZX9qJ/JuTt8bitr3GEFK7XX39bP5VHnKWZQA8hah4FnTEeu8AiONPjbN6vnN3u177g==',
  },
  {
    name: 'random',
    source: 'hashicorp/random',
    package: '@cdktf/provider-random',
    version: '12.0.1',
    integrity:
      'sha512-yE9fteVRxekOl6MhJeM6sac1VkljCwGFrZxozq0aE11zTBmB4oQBr3nk9Z1A2C5C3IB/0jKmabYDNPqgrZDfNw==',
  },
  {
    name: 'tls',
    source: 'hashicorp/tls',
    package: '@cdktf/provider-tls',
    version: '11.0.1',
    integrity:
      'sha512-8b7nKJUzLDxGEHOuXo5WcpFGg7g4rQqol6f1YjCJoQD5o3AA68hjMpfWJ6yy85DJekyjA0/idYbeINlOmrd4EQ==',
  },
];

/** `$OPSMITH_CACHE`, else ~/.cache/opsmith-schemas: outside the repository, kept between runs. */
export function cacheDir() {
  return process.env.OPSMITH_CACHE || path.join(os.homedir(), '.cache', 'opsmith-schemas');
}

/** `@cdktf/provider-aws` 21.22.1 → `cdktf-provider-aws-21.22.1` (npm pack's file name without .tgz). */
function baseName(p) {
  return `${p.package.replace(/^@/, '').replace('/', '-')}-${p.version}`;
}

/** The extracted package folder (holding package.json and lib/) if it is in the cache, complete. */
export function cachedPackageDir(p, cache = cacheDir()) {
  const dir = path.join(cache, baseName(p));
  return fs.existsSync(path.join(dir, '.complete')) ? path.join(dir, 'package') : undefined;
}

function sriOf(file) {
  return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/**
 * The extracted package folder, downloading (`npm pack`) and extracting it into the cache first when needed.
 * The tarball is checked against the pinned integrity.
 */
export function ensurePackage(p, cache = cacheDir(), log = console.log) {
  const ready = cachedPackageDir(p, cache);
  if (ready) return ready;
  fs.mkdirSync(cache, { recursive: true });
  const tgz = path.join(cache, `${baseName(p)}.tgz`);
  if (!fs.existsSync(tgz) || sriOf(tgz) !== p.integrity) {
    log(`[schemas] npm pack ${p.package}@${p.version} → ${cache}`);
    const r = spawnSync(
      'npm',
      ['pack', `${p.package}@${p.version}`, '--pack-destination', cache, '--silent'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        shell: process.platform === 'win32',
      },
    );
    if (r.status !== 0) throw new Error(`npm pack ${p.package}@${p.version} failed (exit ${r.status})`);
  }
  const sri = sriOf(tgz);
  if (sri !== p.integrity) throw new Error(`${tgz}: integrity ${sri} is not the pinned ${p.integrity}`);
  const dir = path.join(cache, baseName(p));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('tar', ['-xzf', tgz, '-C', dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`extracting ${tgz} failed (exit ${r.status})`);
  fs.writeFileSync(path.join(dir, '.complete'), `${p.integrity}\n`);
  return path.join(dir, 'package');
}
