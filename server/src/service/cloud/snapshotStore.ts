import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_VERSION, type Snapshot } from './snapshot';

/**
 * Snapshots on disk: `<workspace>/.opsmith/snapshots/latest.json` and `previous.json`. Writing rotates latest to
 * previous and writes the new latest through a temporary file and a rename, so a reader never sees half a file.
 * Reading validates: bad JSON, another version or a wrong shape is a SnapshotError with the file and the reason.
 */
export const SNAPSHOT_DIR = path.join('.opsmith', 'snapshots');

export type SnapshotSlot = 'latest' | 'previous';

export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SnapshotError';
  }
}

export function snapshotDir(workspace: string): string {
  return path.join(workspace, SNAPSHOT_DIR);
}

export function snapshotPath(workspace: string, slot: SnapshotSlot): string {
  return path.join(snapshotDir(workspace), `${slot}.json`);
}

export async function writeSnapshot(workspace: string, snapshot: Snapshot): Promise<string> {
  validateSnapshot(snapshot, '(snapshot to write)');
  const dir = snapshotDir(workspace);
  await fs.mkdir(dir, { recursive: true });
  const latest = snapshotPath(workspace, 'latest');
  const tmp = path.join(dir, `.latest.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, JSON.stringify(snapshot, null, 1) + '\n', 'utf8');
  try {
    await fs.rename(latest, snapshotPath(workspace, 'previous'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }
  await fs.rename(tmp, latest);
  return latest;
}

/** The snapshot in `slot`, or undefined when there is none yet; throws SnapshotError when it is unreadable. */
export async function readSnapshot(
  workspace: string,
  slot: SnapshotSlot = 'latest',
): Promise<Snapshot | undefined> {
  const file = snapshotPath(workspace, slot);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotError(file, `cannot read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(file, `not valid JSON (${(error as Error).message})`);
  }
  return validateSnapshot(value, file);
}

/** Both snapshots, for comparing two scans. */
export async function readSnapshots(
  workspace: string,
): Promise<{ latest: Snapshot | undefined; previous: Snapshot | undefined }> {
  const [latest, previous] = await Promise.all([
    readSnapshot(workspace, 'latest'),
    readSnapshot(workspace, 'previous'),
  ]);
  return { latest, previous };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateSnapshot(value: unknown, file = '(snapshot)'): Snapshot {
  const fail = (reason: string): never => {
    throw new SnapshotError(file, reason);
  };
  if (!isObject(value)) return fail('not a JSON object');
  if (value.version !== SNAPSHOT_VERSION)
    fail(
      `unsupported snapshot version ${JSON.stringify(value.version)} (expected ${SNAPSHOT_VERSION}); scan again`,
    );
  if (typeof value.takenAt !== 'string' || Number.isNaN(Date.parse(value.takenAt)))
    fail('takenAt is not a date');
  if (value.account !== undefined && typeof value.account !== 'string') fail('account is not a string');
  if (value.endpoint !== undefined && typeof value.endpoint !== 'string') fail('endpoint is not a string');
  if (!Array.isArray(value.regions) || !value.regions.every((r) => typeof r === 'string'))
    fail('regions is not a list of strings');
  if (!Array.isArray(value.types)) return fail('types is not a list');
  value.types.forEach((t, i) => {
    if (
      !isObject(t) ||
      typeof t.type !== 'string' ||
      typeof t.region !== 'string' ||
      !['ok', 'failed', 'skipped'].includes(t.state as string) ||
      typeof t.count !== 'number' ||
      typeof t.durationMs !== 'number'
    )
      fail(`types[${i}] is not a type status`);
  });
  if (!Array.isArray(value.resources)) return fail('resources is not a list');
  value.resources.forEach((r, i) => {
    if (
      !isObject(r) ||
      typeof r.type !== 'string' ||
      typeof r.id !== 'string' ||
      typeof r.region !== 'string' ||
      !isObject(r.attributes)
    )
      fail(`resources[${i}] is not a resource (type, id, region, attributes)`);
  });
  return value as unknown as Snapshot;
}
