import type { ExistingStack } from '../generate/plan';
import type { Gate, GateFile, GateResult } from '../gate/gate';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CancellationToken } from '../features/cancellation';
import type { GenerateModelReport } from '../../../../shared/protocol';
import { existingStackOf } from './existingStack';
import { summarizeWorkspace, type WorkspaceSummary } from './workspaceSummary';

type Environment = 'prod' | 'staging' | 'dev';

export interface EngineOptions {
  region?: string;
  env?: Environment;
  existing?: ExistingStack;
  /** The folder as a model sees it (declarations with a few attributes, provider versions). */
  workspace?: WorkspaceSummary;
  /** Runs the gate over proposed files with the folder's files as context: engines that repair validate first. */
  validate?: (files: GateFile[], env?: Environment) => Promise<GateResult>;
  /** Aborted when the request is cancelled; engines that call out pass it on. */
  signal?: AbortSignal;
  /** One short line for the progress notification: "planning…", "repairing 1/3…". */
  progress?: (message: string) => void;
}

export interface EngineResult {
  notUnderstood: string[];
  files: { path: string; content: string }[];
  resources: string[];
  /** The plan's environment, for the policies the gate applies. */
  env?: Environment;
  /** The gate's verdict on exactly these files, when the engine already ran it (saves running it twice). */
  gate?: GateResult;
  /** Which model made the files and what it cost. */
  model?: GenerateModelReport;
}

/** Whatever turns a request into files: the offline intent compiler, or Claude through the same plan and gate. */
export type GenerationEngine = (
  request: string,
  options: EngineOptions,
) => EngineResult | Promise<EngineResult>;

export interface StackRequest {
  request: string;
  folderUri: string;
  region?: string;
  env?: 'prod' | 'staging' | 'dev';
}

export interface StackFile {
  path: string;
  uri: string;
  content: string;
  previous?: string;
}

export interface StackResult {
  files: StackFile[];
  resources: string[];
  notUnderstood: string[];
  gate: GateResult;
  model?: GenerateModelReport;
}

export class GenerationCancelled extends Error {
  constructor() {
    super('Generation was cancelled.');
  }
}

/**
 * Generates Terraform for a folder and runs the gate over it, with the folder's current files as context so
 * references into them resolve. Nothing is written here: callers preview and apply.
 */
export async function generateStack(
  input: StackRequest,
  deps: { index: WorkspaceIndex; gate: Gate; engine: GenerationEngine },
  token?: CancellationToken,
  hooks: { signal?: AbortSignal; progress?: (message: string) => void } = {},
): Promise<StackResult> {
  const folder = input.folderUri.replace(/\/$/, '');
  const docs = deps.index.documentsIn(folder);
  const existing = existingStackOf(docs);
  const context = docs.map((d) => ({ path: d.uri.slice(folder.length + 1), content: d.text }));
  const validate = (files: GateFile[], env?: Environment) =>
    deps.gate.run(files, { profile: env ?? input.env, existing: context });
  const generated = await deps.engine(input.request, {
    region: input.region,
    env: input.env,
    existing,
    workspace: summarizeWorkspace(docs),
    validate,
    signal: hooks.signal,
    progress: hooks.progress,
  });
  if (token?.isCancellationRequested) throw new GenerationCancelled();
  const current = new Map(docs.map((d) => [d.uri, d.text]));
  const gate = generated.gate ?? (await validate(generated.files, generated.env));
  if (token?.isCancellationRequested) throw new GenerationCancelled();
  return {
    files: generated.files.map((f) => {
      const uri = `${folder}/${f.path}`;
      return { path: f.path, uri, content: f.content, previous: current.get(uri) };
    }),
    resources: generated.resources,
    notUnderstood: generated.notUnderstood,
    gate,
    model: generated.model,
  };
}
