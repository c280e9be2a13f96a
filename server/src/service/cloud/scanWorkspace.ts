import type { CloudScanner, ScanProgress } from './snapshot';
import { writeSnapshot } from './snapshotStore';

export interface WorkspaceScanRequest {
  /** File-system path of the workspace folder. */
  folder: string;
  regions: string[];
  profile?: string;
  endpoint?: string;
}

/** Scans, keeps the previous snapshot, writes the new one, and summarises what could not be listed. */
export async function scanWorkspace(
  scanner: CloudScanner,
  request: WorkspaceScanRequest,
  onProgress?: (progress: ScanProgress) => void,
  token?: { readonly isCancellationRequested: boolean },
) {
  const started = Date.now();
  const snapshot = await scanner.scan(
    { regions: request.regions, profile: request.profile, endpoint: request.endpoint },
    onProgress,
    token,
  );
  const snapshotPath = await writeSnapshot(request.folder, snapshot);
  return {
    snapshot,
    snapshotPath,
    resources: snapshot.resources.length,
    failed: snapshot.types
      .filter((t) => t.state === 'failed')
      .map((t) => ({ type: t.type, region: t.region, error: t.error ?? 'unknown error' })),
    account: snapshot.account,
    durationMs: Date.now() - started,
  };
}
