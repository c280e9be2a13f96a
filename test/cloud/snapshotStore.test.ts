import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SNAPSHOT_VERSION, type Snapshot } from '../../server/src/service/cloud/snapshot';
import {
  SnapshotError,
  readSnapshot,
  readSnapshots,
  snapshotDir,
  snapshotPath,
  validateSnapshot,
  writeSnapshot,
} from '../../server/src/service/cloud/snapshotStore';

function snapshot(n: number): Snapshot {
  return {
    version: SNAPSHOT_VERSION,
    takenAt: new Date(Date.UTC(2025, 0, n)).toISOString(),
    account: '123456789012',
    regions: ['us-east-1'],
    types: [{ type: 'aws_vpc', region: 'us-east-1', state: 'ok', count: 1, durationMs: 5 }],
    resources: [
      {
        type: 'aws_vpc',
        id: `vpc-${n}`,
        region: 'us-east-1',
        attributes: { cidr_block: '10.0.0.0/16', tags: { Name: 'main' } },
        tags: { Name: 'main' },
        name: 'main',
      },
    ],
  };
}

describe('cloud snapshot store', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'opsmith-snap-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('reads nothing before the first write', async () => {
    assert.equal(await readSnapshot(ws), undefined);
    assert.deepEqual(await readSnapshots(ws), { latest: undefined, previous: undefined });
  });

  it('round-trips a snapshot under .opsmith/snapshots/latest.json', async () => {
    const file = await writeSnapshot(ws, snapshot(1));
    assert.equal(file, path.join(ws, '.opsmith', 'snapshots', 'latest.json'));
    assert.deepEqual(await readSnapshot(ws), snapshot(1));
    assert.equal(await readSnapshot(ws, 'previous'), undefined);
  });

  it('rotates latest to previous on each write and keeps only two', async () => {
    await writeSnapshot(ws, snapshot(1));
    await writeSnapshot(ws, snapshot(2));
    assert.deepEqual(await readSnapshots(ws), { latest: snapshot(2), previous: snapshot(1) });
    await writeSnapshot(ws, snapshot(3));
    assert.deepEqual(await readSnapshots(ws), { latest: snapshot(3), previous: snapshot(2) });
    assert.deepEqual(readdirSync(snapshotDir(ws)).sort(), ['latest.json', 'previous.json']);
  });

  it('reports bad JSON as a SnapshotError naming the file', async () => {
    mkdirSync(snapshotDir(ws), { recursive: true });
    writeFileSync(snapshotPath(ws, 'latest'), '{"version": 1, ');
    await assert.rejects(readSnapshot(ws), (e: unknown) => {
      assert.ok(e instanceof SnapshotError);
      assert.match(e.message, /latest\.json: not valid JSON/);
      return true;
    });
  });

  it('rejects another version with a clear message', async () => {
    mkdirSync(snapshotDir(ws), { recursive: true });
    writeFileSync(snapshotPath(ws, 'previous'), JSON.stringify({ ...snapshot(1), version: 99 }));
    await assert.rejects(readSnapshot(ws, 'previous'), /unsupported snapshot version 99 \(expected 1\)/);
  });

  it('rejects a wrong shape without crashing', () => {
    assert.throws(() => validateSnapshot([]), /not a JSON object/);
    assert.throws(() => validateSnapshot({ ...snapshot(1), takenAt: 'yesterday' }), /takenAt/);
    assert.throws(() => validateSnapshot({ ...snapshot(1), regions: [1] }), /regions/);
    assert.throws(
      () => validateSnapshot({ ...snapshot(1), types: [{ type: 'aws_vpc', state: 'gone' }] }),
      /types\[0\]/,
    );
    assert.throws(
      () => validateSnapshot({ ...snapshot(1), resources: [{ type: 'aws_vpc' }] }),
      /resources\[0\]/,
    );
  });

  it('refuses to write an invalid snapshot and leaves the old one', async () => {
    await writeSnapshot(ws, snapshot(1));
    await assert.rejects(writeSnapshot(ws, { ...snapshot(2), version: 2 as 1 }), SnapshotError);
    assert.deepEqual(await readSnapshot(ws), snapshot(1));
  });
});
