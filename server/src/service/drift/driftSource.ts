import type { Snapshot } from '../cloud/snapshot';
import type { TerraformState } from './state';

/**
 * Where drift detection gets the latest scan and each module's Terraform state. Injected, so the service never
 * reads the disk or the cloud itself; the server backs it with `.opsmith/snapshots` and `terraform.tfstate`.
 */
export interface DriftSource {
  snapshot(): Snapshot | undefined;
  /** The state that describes the module in this directory, if the workspace has one. */
  state(moduleDir: string): TerraformState | undefined;
}

export const noDrift: DriftSource = { snapshot: () => undefined, state: () => undefined };
