/**
 * Custom messages between the extension client, the language server and the webview. One file, imported by all
 * three, so a renamed field is a compile error everywhere instead of a silent mismatch.
 */

/** Server → client, once the workspace folders have been indexed. */
export const IndexedNotification = 'opsmith/indexed';
export interface IndexedParams {
  files: number;
  ms: number;
}

/** Client → server: turn a request in plain words into Terraform for a folder, validated by the gate. */
export const GenerateRequestMethod = 'opsmith/generate';
export type Environment = 'prod' | 'staging' | 'dev';
export interface GenerateParams {
  request: string;
  /** The folder the files are for; what it already holds is reused, never duplicated. */
  folderUri: string;
  region?: string;
  env?: Environment;
}
export interface GeneratedFile {
  /** Relative to the folder. */
  path: string;
  uri: string;
  content: string;
  /** The file's current text when it already exists: the preview diffs against it and Accept checks it. */
  previous?: string;
}
export interface GateFindingInfo {
  file: string;
  line: number;
  column: number;
  message: string;
  code: string;
}
export interface GateSummary {
  passed: boolean;
  stages: { name: string; passed: boolean; findings: GateFindingInfo[] }[];
  durationMs: number;
}
export interface GenerateResult {
  files: GeneratedFile[];
  resources: string[];
  notUnderstood: string[];
  gate: GateSummary;
}

/** Client → server: scan the cloud, write `.opsmith/snapshots/latest.json`, refresh drift. */
export const ScanRequestMethod = 'opsmith/scan';
export interface ScanParams {
  /** The workspace folder the snapshot belongs to. */
  folderUri: string;
  regions: string[];
  profile?: string;
  endpoint?: string;
}
export interface ScanResult {
  snapshotPath: string;
  resources: number;
  /** Types whose listing failed: unknown, never treated as deleted. */
  failed: { type: string; region: string; error: string }[];
  account?: string;
  durationMs: number;
}

/** Client → server: code (resource + import blocks) for the scan's unmanaged resources; answered like generate. */
export const ImportUnmanagedMethod = 'opsmith/importUnmanaged';
export interface ImportUnmanagedParams {
  folderUri: string;
  /** Only these live resources (cloud IDs); all unmanaged ones when absent. */
  ids?: string[];
}

/** Client → server: the latest scan's resources that nothing in the folder manages (for the Unmanaged view). */
export const UnmanagedRequestMethod = 'opsmith/unmanaged';
export interface UnmanagedResourceInfo {
  type: string;
  id: string;
  name?: string;
  region: string;
}
export interface UnmanagedResult {
  /** False when there is no scan yet. */
  scanned: boolean;
  takenAt?: string;
  resources: UnmanagedResourceInfo[];
}
