// Process-group bookkeeping so that no code-server, extension host, language server or chromium outlives a run.
//
// Every long-lived child is started in its own process group (detached: true ⇒ setsid). We remember the group ids,
// kill them on stop, synchronously on process exit, and write them to a pid file so that the outer runner
// (scripts/test-e2e.mjs) can kill whatever is left if this process itself was killed hard.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const groups = new Map<number, string>();
let pidFile: string | undefined;

export function setPidFile(file: string): void {
  pidFile = file;
  mkdirSync(path.dirname(file), { recursive: true });
  persist();
}

function persist(): void {
  if (!pidFile) return;
  if (groups.size === 0) {
    rmSync(pidFile, { force: true });
    return;
  }
  writeFileSync(
    pidFile,
    JSON.stringify(
      [...groups].map(([pgid, name]) => ({ pgid, name })),
      null,
      2,
    ) + '\n',
  );
}

export function trackGroup(pgid: number, name: string): void {
  groups.set(pgid, name);
  persist();
}

export function untrackGroup(pgid: number): void {
  groups.delete(pgid);
  persist();
}

/** True while any process of the group exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM the group, wait up to graceMs for it to empty, then SIGKILL whatever is left. */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signalGroup(pgid, 'SIGKILL');
  untrackGroup(pgid);
}

/** Last resort, safe to call from a synchronous 'exit' handler. */
export function killAllGroupsSync(): void {
  for (const pgid of groups.keys()) signalGroup(pgid, 'SIGKILL');
  groups.clear();
  persist();
}

/** Direct children of this process whose command matches, as [pid, pgid]. Used to find playwright's chromium. */
export function childGroups(match: RegExp): Array<{ pid: number; pgid: number }> {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,pgid=,comm=', '--ppid', String(process.pid)], {
      encoding: 'utf8',
    });
    return out
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 3 && match.test(f.slice(2).join(' ')))
      .map((f) => ({ pid: Number(f[0]), pgid: Number(f[1]) }));
  } catch {
    return [];
  }
}

let installed = false;
/** Kill tracked groups on exit, and turn SIGINT/SIGTERM/SIGHUP into an orderly exit. */
export function installExitHandlers(onSignal: () => Promise<void>): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllGroupsSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`[e2e] ${sig}: stopping code-server and chromium`);
      const code = sig === 'SIGINT' ? 130 : sig === 'SIGTERM' ? 143 : 129;
      const hardStop = setTimeout(() => process.exit(code), 8000);
      hardStop.unref();
      onSignal()
        .catch(() => undefined)
        .finally(() => process.exit(code));
    });
  }
}
