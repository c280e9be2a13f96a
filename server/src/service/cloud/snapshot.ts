/**
 * What a cloud scan saw, in the aws provider's attribute model. Written as versioned JSON under `.opsmith/` in the
 * workspace (the previous snapshot is kept), read by drift detection, import and (later) the graph.
 */
export const SNAPSHOT_VERSION = 1;

export interface LiveResource {
  /** The Terraform resource type this object is managed as, e.g. `aws_instance`. */
  type: string;
  /** The import ID Terraform uses for the type (`i-0abc…`, the bucket name, the role name, …). */
  id: string;
  region: string;
  arn?: string;
  /** Identifying name: the `name`/`bucket`/`identifier` attribute or the Name tag. */
  name?: string;
  /**
   * Attributes with the aws provider's exact names and shapes (snake_case, sets sorted, JSON policies parsed to
   * objects, provider defaults filled in), so they compare directly with configuration.
   */
  attributes: Record<string, unknown>;
  tags?: Record<string, string>;
}

export type TypeScanState = 'ok' | 'failed' | 'skipped';

/** Per resource type: a type whose listing failed is unknown, never empty. */
export interface TypeScanStatus {
  type: string;
  region: string;
  state: TypeScanState;
  count: number;
  error?: string;
  durationMs: number;
}

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  takenAt: string;
  account?: string;
  regions: string[];
  /** Set when the scan used an endpoint override (a local emulator). */
  endpoint?: string;
  types: TypeScanStatus[];
  resources: LiveResource[];
}

export interface ScanProgress {
  done: number;
  total: number;
  message: string;
}

export interface ScanOptions {
  regions: string[];
  /** Only these Terraform types; all supported types when absent. */
  types?: string[];
  profile?: string;
  endpoint?: string;
  /** At most this many AWS calls in flight. */
  concurrency?: number;
}

/** The cloud scanner as the service sees it: an interface, so tests and other clouds can stand in. */
export interface CloudScanner {
  supportedTypes(): readonly string[];
  scan(
    options: ScanOptions,
    onProgress?: (progress: ScanProgress) => void,
    token?: { readonly isCancellationRequested: boolean },
  ): Promise<Snapshot>;
}
