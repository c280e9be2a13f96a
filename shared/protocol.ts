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
  /** Generate with Claude (planner / free-form) instead of the offline compiler; absent: offline. */
  model?: GenerateModelOptions;
  /** A progress token the client created: the server reports "planning…", "validating…", "repairing 1/3…" on it. */
  workDoneToken?: string;
}
/** How Claude is asked: `planner` answers with the typed plan, `freeform` writes HCL, `auto` plans and falls back to
 *  free-form when the model says the catalog cannot express the request. */
export type ModelMode = 'planner' | 'freeform' | 'auto';
export interface GenerateModelOptions {
  /** The API key sealed to the server's public key (opsmith/modelKey), so an LSP trace never shows it; absent: the
   *  server's own ANTHROPIC_API_KEY. */
  sealedApiKey?: string;
  /** Model id, e.g. "claude-sonnet-5-5". */
  id: string;
  maxTokens: number;
  /** Gateway or proxy in front of the Messages API; the SDK's default (api.anthropic.com) when absent. */
  baseUrl?: string;
  /** Per HTTP request, and the longest silence allowed while an answer streams. */
  timeoutSeconds: number;
  /** How many times gate findings go back to the model before Opsmith gives up. */
  repairRounds: number;
  mode: ModelMode;
}
/** Client → server: the public key (X25519, one per server process) the client seals the API key to. */
export const ModelKeyRequestMethod = 'opsmith/modelKey';
export interface ModelKeyResult {
  publicKey: string;
}
/** Why a model call failed: the `data.modelError` of the error an opsmith/generate request fails with. */
export type ModelErrorKind =
  | 'noKey'
  | 'auth'
  | 'rateLimited'
  | 'overloaded'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'badRequest'
  | 'malformed';
export interface ModelErrorData {
  modelError: ModelErrorKind;
}
export interface GenerateModelReport {
  /** The model that answered. */
  id: string;
  /** How the files were made; `auto` reports the mode it ended in. */
  mode: 'planner' | 'freeform';
  /** Repair rounds used (gate findings sent back). */
  repairRounds: number;
  calls: { inputTokens: number; outputTokens: number }[];
  inputTokens: number;
  outputTokens: number;
  /** Why auto mode switched to free-form, in the model's words. */
  freeformReason?: string;
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
  /** Present when Claude made the files. */
  model?: GenerateModelReport;
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

/**
 * Client → server: the resource graph of a workspace folder (or of every folder when absent). The server computes
 * everything — nodes, edges, overlays, positions are the webview's business only — so the webview just draws.
 */
export const GraphRequestMethod = 'opsmith/graph';
export interface GraphParams {
  folderUri?: string;
  includeVariables?: boolean;
  includeOutputs?: boolean;
}
/** Server → client: the index changed in a way that can change the graph; the client re-requests (debounced). */
export const GraphChangedNotification = 'opsmith/graphChanged';
export interface GraphChangedParams {
  /** Module directories or files whose change caused this, so a client can ignore folders it does not show;
   *  empty when the change concerns every folder (a new scan, a changed state). */
  uris: string[];
}

export type GraphNodeKind = 'resource' | 'data' | 'module' | 'variable' | 'output';
/** What the latest scan says about a node; 'unknown' when there is no scan or the type's listing failed. */
export type GraphDriftStatus = 'in-sync' | 'drifted' | 'missing' | 'unmanaged' | 'unknown';
export type GraphPlanAction = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'no-op';
export type GraphEdgeKind = 'reference' | 'depends_on' | 'module-input' | 'module-output';

export interface GraphPosition {
  line: number;
  character: number;
}
export interface GraphRange {
  start: GraphPosition;
  end: GraphPosition;
}
export interface GraphNode {
  /** Unique in the graph: the Terraform address ("aws_instance.web", "module.net.aws_vpc.main", "var.region",
   *  "output.id", "module.net"); unmanaged cloud resources use "unmanaged:<type>:<cloud id>". A folder whose root
   *  module is not the folder itself (stacks/dev, stacks/prod) shows each root as a pseudo module call:
   *  "module.stacks/dev.aws_instance.web", module "module.stacks/dev". */
  id: string;
  kind: GraphNodeKind;
  /** What the node shows: "aws_instance.web", "module.net", "var.region". */
  label: string;
  /** Resource or data source type; the source for a module. */
  type?: string;
  /** The module the node lives in: "" for the root module, "module.net" inside a module call. */
  module: string;
  /** Workspace-folder-relative path of the file that declares the node; absent for unmanaged resources. */
  file?: string;
  uri?: string;
  /** The whole block, for reveal and for cursor → node highlighting. */
  range?: GraphRange;
  /** A few attributes worth showing on hover, values as written in the code. */
  attributes?: { name: string; value: string }[];
  drift?: {
    status: GraphDriftStatus;
    /** Attribute-level differences for 'drifted'. */
    details?: { attribute: string; live: string; code: string }[];
    cloudId?: string;
  };
  policies?: { id: string; severity: 'error' | 'warning' | 'information'; message: string }[];
  plan?: GraphPlanAction;
}
export interface GraphEdge {
  /** The node whose code holds the reference. */
  source: string;
  /** The node referred to. */
  target: string;
  kind: GraphEdgeKind;
}
export interface GraphResult {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** When the overlays were taken, to say "scanned 5 minutes ago" in the view. */
  scan?: { takenAt: string };
  plan?: { file: string };
}

/** Extension host → graph webview. */
export type HostToGraphMessage =
  | {
      type: 'graph';
      graph: GraphResult;
      /** Keep zoom/pan and positions of nodes still present. */ keepView: boolean;
    }
  | { type: 'highlight'; id: string | null }
  | { type: 'exportRequest'; format: 'svg' | 'png' };
/** Graph webview → extension host. */
export type GraphToHostMessage =
  | { type: 'ready' }
  | { type: 'reveal'; id: string; uri: string; range: GraphRange }
  | { type: 'export'; format: 'svg' | 'png'; /** SVG text, or a PNG data: URL. */ data: string }
  | { type: 'error'; message: string };
