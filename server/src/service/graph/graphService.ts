// The resource graph of a workspace folder: code, then the latest scan, the policy findings and the plan on top.
import type { GraphParams, GraphResult } from '../../../../shared/protocol';
import type { DriftSource } from '../drift/driftSource';
import { neverCancelled, type CancellationToken } from '../features/cancellation';
import type { SchemaView } from '../schemaView/types';
import type { FileSystem, Logger } from '../workspace/fileSystem';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { buildCodeGraph, findRoots, GraphCancelledError } from './buildGraph';
import { applyDrift, prepareDrift } from './driftOverlay';
import { moduleGraph } from './moduleGraph';
import { PlanFiles, type PlanFile } from './planFiles';
import { applyPlan } from './planOverlay';
import { applyPolicies, policiesByAddress } from './policyOverlay';

export { GraphCancelledError };

export interface GraphServiceDeps {
  index: WorkspaceIndex;
  fs?: FileSystem;
  logger: Logger;
  drift: DriftSource;
  schemas?: () => SchemaView;
}

export interface GraphService {
  /** Throws GraphCancelledError when the token is cancelled before it is done. */
  graph(params: GraphParams, token?: CancellationToken): Promise<GraphResult>;
  /** Forgets cached plans when a plan file changed; true when the change can change a graph. */
  fileChanged(uri: string): boolean;
}

/** Uncached work (module graphs, policies, drift) runs in slices this long, then lets other messages in. */
const SLICE_MS = 15;

export function createGraphService(deps: GraphServiceDeps): GraphService {
  const plans = new PlanFiles(deps.fs, deps.logger);
  return {
    fileChanged: (uri) => plans.fileChanged(uri),
    async graph(params, token = neverCancelled) {
      const folders = params.folderUri
        ? [params.folderUri.replace(/\/$/, '')]
        : [...deps.index.workspaceRoots];
      const options = { includeVariables: params.includeVariables, includeOutputs: params.includeOutputs };
      const { index, drift } = deps;
      const schemas = deps.schemas?.();
      let sliceStart = performance.now();
      let pauses = 0;
      const pause = async () => {
        if (performance.now() - sliceStart < SLICE_MS) return;
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (token.isCancellationRequested) throw new GraphCancelledError();
        sliceStart = performance.now();
        pauses++;
      };

      const plansByDir = new Map<string, PlanFile>();
      for (const root of findRoots(index, folders)) {
        const file = await plans.planFor(root.dir);
        if (file) plansByDir.set(root.dir, file);
      }
      // A first graph of a large workspace computes everything: keep keystrokes and diagnostics flowing meanwhile.
      for (const dir of index.moduleDirectories()) {
        if (!folders.some((folder) => dir === folder || dir.startsWith(`${folder}/`))) continue;
        moduleGraph(index.module(dir));
        await pause();
        policiesByAddress(index.module(dir));
        await pause();
      }
      let code = buildCodeGraph(index, folders, options, token);
      const built = pauses;
      const snapshot = drift.snapshot();
      if (snapshot)
        for (const instance of code.instances) {
          prepareDrift(instance, index, snapshot, drift, schemas);
          await pause();
        }
      if (token.isCancellationRequested) throw new GraphCancelledError();

      // From here on synchronous, so the graph is made from one state of the index: if an edit may have landed
      // since the code graph was built, it is built again (from cached module graphs).
      if (pauses !== built) code = buildCodeGraph(index, folders, options, token);
      const unmanaged = applyDrift(code, index, snapshot, drift, schemas);
      applyPolicies(code, index);
      const ghosts = code.roots.flatMap((root) => {
        const file = plansByDir.get(root.dir);
        return file ? applyPlan(code, root, file.plan) : [];
      });
      const result: GraphResult = { nodes: [...code.nodes, ...ghosts, ...unmanaged], edges: code.edges };
      if (snapshot) result.scan = { takenAt: snapshot.takenAt };
      const planned = code.roots.find((root) => plansByDir.has(root.dir));
      if (planned) result.plan = { file: relativeTo(planned.folder, plansByDir.get(planned.dir)!.uri) };
      return result;
    },
  };
}

function relativeTo(folder: string, uri: string): string {
  return uri.startsWith(`${folder}/`) ? uri.slice(folder.length + 1) : uri;
}
