// A pinned Python tool in its own venv under the cache folder, installed once and recognised by a marker file
// (shared by checkov.mjs and moto.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @param {{ name: string, requirement: string, version: string, binary: string,
 *           verify: (binary: string) => string | undefined }} tool
 *   verify answers an error message when the installed binary does not work, undefined when it does.
 */
export function pinnedVenv(tool) {
  const log = (msg) => console.error(`[${tool.name}] ${msg}`);
  const paths = (env = process.env) => {
    const cache = env.OPSMITH_CACHE || path.join(os.homedir(), '.cache', 'opsmith-e2e');
    const venv = path.join(cache, `${tool.name}-venv`);
    return { venv, binary: path.join(venv, 'bin', tool.binary), marker: path.join(venv, '.opsmith-ok') };
  };
  const isInstalled = (env = process.env) => {
    const p = paths(env);
    if (!existsSync(p.marker) || !existsSync(p.binary)) return false;
    try {
      return JSON.parse(readFileSync(p.marker, 'utf8')).version === tool.version;
    } catch {
      return false;
    }
  };
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  };
  const install = (env = process.env) => {
    const p = paths(env);
    if (isInstalled(env)) {
      log(`${tool.name} ${tool.version} already installed in ${p.venv}`);
      return;
    }
    const started = Date.now();
    rmSync(p.venv, { recursive: true, force: true });
    const python = env.PYTHON || 'python3';
    log(`creating ${p.venv} with ${python}`);
    run(python, ['-m', 'venv', p.venv]);
    run(path.join(p.venv, 'bin', 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      tool.requirement,
    ]);
    const problem = tool.verify(p.binary);
    if (problem) throw new Error(problem);
    writeFileSync(
      p.marker,
      JSON.stringify({ version: tool.version, installedAt: new Date().toISOString() }) + '\n',
    );
    log(`installed ${tool.name} ${tool.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  return { paths, isInstalled, install, log };
}
