import type { ExistingStack } from '../generate/plan';
import type { Gate, GateResult } from '../gate/gate';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CancellationToken } from '../features/cancellation';
import { existingStackOf } from './existingStack';

export interface EngineOptions {
  region?: string;
  env?: 'prod' | 'staging' | 'dev';
  existing?: ExistingStack;
}

export interface EngineResult {
  notUnderstood: string[];
  files: { path: string; content: string }[];
  resources: string[];
  /** The plan's environment, for the policies the gate applies. */
  env?: 'prod' | 'staging' | 'dev';
}

/** Whatever turns a request into files: the offline intent compiler, or the model (later) through the same plan. */
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
): Promise<StackResult> {
  const folder = input.folderUri.replace(/\/$/, '');
  const docs = deps.index.documentsIn(folder);
  const existing = existingStackOf(docs);
  const generated = await deps.engine(input.request, { region: input.region, env: input.env, existing });
  if (token?.isCancellationRequested) throw new GenerationCancelled();
  const current = new Map(docs.map((d) => [d.uri, d.text]));
  const gate = await deps.gate.run(generated.files, {
    profile: generated.env ?? input.env,
    existing: docs.map((d) => ({ path: d.uri.slice(folder.length + 1), content: d.text })),
  });
  if (token?.isCancellationRequested) throw new GenerationCancelled();
  return {
    files: generated.files.map((f) => {
      const uri = `${folder}/${f.path}`;
      return { path: f.path, uri, content: f.content, previous: current.get(uri) };
    }),
    resources: generated.resources,
    notUnderstood: generated.notUnderstood,
    gate,
  };
}
