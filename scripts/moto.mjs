#!/usr/bin/env node
// moto (from PyPI) in server mode: a local AWS emulator for the cloud scanner's integration tests.
//
//   node scripts/moto.mjs --install      create the venv and pip install moto[server] (idempotent)
//   node scripts/moto.mjs --check        exit 0 when the venv is ready, 1 when it is not
//   node scripts/moto.mjs --serve        start moto_server on 127.0.0.1 (free port), print the endpoint, run
//                                        until interrupted
//
// The venv lives in ${OPSMITH_CACHE:-$HOME/.cache/opsmith-e2e}/moto-venv, outside the repository; a marker file
// (.opsmith-ok) is written only after moto installed and moto_server answered --help, so an interrupted install is
// redone next time.
//
// For tests: `isInstalled()` and `startMoto({ port? })` → { endpoint, port, stop() }. The server listens on
// 127.0.0.1 only, runs in its own process group and is killed as a group by stop(), and also when this process
// exits (normally, by an uncaught error or by SIGINT/SIGTERM), so a failing test leaves no orphan behind.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pinnedVenv } from './venv.mjs';
import { fileURLToPath } from 'node:url';

/** Pinned: moto 5.2.x supports Python 3.9–3.13 (this machine has 3.11). */
export const MOTO_VERSION = '5.2.5';
const HOST = '127.0.0.1';

const venv = pinnedVenv({
  name: 'moto',
  requirement: `moto[server]==${MOTO_VERSION}`,
  version: MOTO_VERSION,
  binary: 'moto_server',
  verify: (binary) => {
    const help = spawnSync(binary, ['--help'], { encoding: 'utf8' });
    return help.status === 0 ? undefined : `moto_server --help failed: ${help.stderr || help.stdout}`;
  },
});

export function motoPaths(env = process.env) {
  const p = venv.paths(env);
  return { venv: p.venv, server: p.binary, marker: p.marker };
}

export const isInstalled = venv.isInstalled;
export const install = venv.install;
const log = venv.log;

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set();
let exitHooked = false;

function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      for (const child of running) killGroup(child);
      process.exit(128 + (os.constants.signals[sig] ?? 1));
    });
  }
}

function answers(endpoint) {
  return new Promise((resolve) => {
    const req = http.get(`${endpoint}/moto-api/`, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Starts moto_server from the venv on 127.0.0.1 (a free port unless `port` is given), waits until it answers
 * HTTP, and resolves with { endpoint, port, stop }. stop() kills the whole process group and resolves once the
 * server is gone.
 */
export async function startMoto({ port, timeoutMs = 30000, env = process.env } = {}) {
  const p = motoPaths(env);
  if (!isInstalled(env)) throw new Error('moto is not installed: run node scripts/moto.mjs --install');
  const chosen = port ?? (await freePort());
  const started = Date.now();
  const child = spawn(p.server, ['-H', HOST, '-p', String(chosen)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, MOTO_PORT: String(chosen) },
  });
  hookExit();
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr = (stderr + c).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));
  const endpoint = `http://${HOST}:${chosen}`;
  const stop = async () => {
    killGroup(child);
    await exited;
  };
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    }
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Keep draining stderr (moto logs each request) so the pipe never fills, but don't hold the event loop open.
  child.stderr.resume();
  child.unref();
  child.stderr.unref?.();
  return { endpoint, port: chosen, pid: child.pid, startMs: Date.now() - started, stop };
}

async function main(argv) {
  if (argv.includes('--install')) {
    install();
    return 0;
  }
  if (argv.includes('--check')) {
    const ok = isInstalled();
    log(ok ? `moto ${MOTO_VERSION} is installed` : 'moto is not installed');
    return ok ? 0 : 1;
  }
  if (argv.includes('--serve')) {
    const i = argv.indexOf('--port');
    const moto = await startMoto({ port: i >= 0 ? Number(argv[i + 1]) : undefined });
    console.log(moto.endpoint);
    log(
      `moto_server ${MOTO_VERSION} answering on ${moto.endpoint} (started in ${moto.startMs} ms); Ctrl-C stops it`,
    );
    await new Promise(() => {});
  }
  log('usage: node scripts/moto.mjs --install | --check | --serve [--port N]');
  return 2;
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
