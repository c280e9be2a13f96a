import { readFileSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'vscode-uri';
import type { Snapshot } from './service/cloud/snapshot';
import { readSnapshot } from './service/cloud/snapshotStore';
import type { DriftSource } from './service/drift/driftSource';
import { readState, type TerraformState } from './service/drift/state';
import type { Logger } from './service/workspace/fileSystem';

/** Files whose change means drift must be recomputed. */
export const DRIFT_FILES = ['terraform.tfstate', '.opsmith/state.json', '.opsmith/snapshots/latest.json'];

/**
 * The latest scan from `<workspace>/.opsmith/snapshots/latest.json` and each module's state from its
 * `terraform.tfstate` (or `terraform show -json` output saved as `.opsmith/state.json`). A file that cannot be
 * read is logged once and treated as absent: bad input never takes diagnostics down.
 */
export class WorkspaceDriftSource implements DriftSource {
  private latest: Snapshot | undefined;
  private readonly states = new Map<string, TerraformState | undefined>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly roots: () => readonly string[],
    private readonly logger: Logger,
  ) {}

  /** Fires after the snapshot was re-read or a state file changed. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  snapshot(): Snapshot | undefined {
    return this.latest;
  }

  state(moduleDir: string): TerraformState | undefined {
    if (!this.states.has(moduleDir)) this.states.set(moduleDir, this.readState(moduleDir));
    return this.states.get(moduleDir);
  }

  async reloadSnapshot(): Promise<void> {
    let newest: Snapshot | undefined;
    for (const root of this.roots()) {
      try {
        const snapshot = await readSnapshot(URI.parse(root).fsPath);
        if (snapshot && (!newest || snapshot.takenAt > newest.takenAt)) newest = snapshot;
      } catch (error) {
        this.logger.warn(`Ignoring the cloud snapshot: ${(error as Error).message}`);
      }
    }
    this.latest = newest;
    for (const listener of this.listeners) listener();
  }

  /** Whether a changed file concerns drift; states are re-read on next use, the snapshot at once. */
  async fileChanged(uri: string): Promise<boolean> {
    const file = URI.parse(uri).fsPath.split(path.sep).join('/');
    // A new .opsmith folder may be reported as the folder alone, without the snapshot file inside it.
    if (file.endsWith('/.opsmith') || file.includes('/.opsmith/')) {
      this.states.clear();
      await this.reloadSnapshot();
      return true;
    }
    if (file.endsWith('/terraform.tfstate') || file.endsWith('/.opsmith/state.json')) {
      this.states.clear();
      for (const listener of this.listeners) listener();
      return true;
    }
    return false;
  }

  private readState(moduleDir: string): TerraformState | undefined {
    const dir = URI.parse(moduleDir).fsPath;
    for (const name of ['terraform.tfstate', path.join('.opsmith', 'state.json')]) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      try {
        return readState(text);
      } catch (error) {
        this.logger.warn(`Ignoring ${file}: ${(error as Error).message}`);
      }
    }
    return undefined;
  }
}
