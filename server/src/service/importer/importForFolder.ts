import type { DriftSource } from '../drift/driftSource';
import { codeResources, importTargets, matchResources } from '../drift/match';
import type { Gate, GateResult } from '../gate/gate';
import type { SchemaView } from '../schemaView/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { baseName } from '../workspace/uris';
import { importUnmanaged } from './importer';

/** The stages an import must pass; policies are reported but real infrastructure is imported as it is. */
const REQUIRED_STAGES = new Set(['parse', 'references', 'schema', 'format']);

export class NothingToImport extends Error {}

/**
 * Resource and import blocks for the live resources of the latest scan that nothing in this folder (code, state
 * or import blocks) manages, with references to the folder's resources and to each other.
 */
/** Live resources of the latest scan that nothing in this folder (code, state, import blocks) manages. */
export function unmanagedIn(folderUri: string, deps: { index: WorkspaceIndex; drift: DriftSource }) {
  const folder = folderUri.replace(/\/$/, '');
  const snapshot = deps.drift.snapshot();
  if (!snapshot) return undefined;
  const module = deps.index.module(folder);
  const match = matchResources(codeResources(module), snapshot, deps.drift.state(folder), {
    imports: importTargets(module),
  });
  return { snapshot, module, match };
}

export async function importForFolder(
  folderUri: string,
  deps: { index: WorkspaceIndex; drift: DriftSource; schemas: SchemaView; gate: Gate },
  ids?: readonly string[],
): Promise<{
  files: { path: string; uri: string; content: string; previous?: string }[];
  resources: string[];
  gate: GateResult;
}> {
  const folder = folderUri.replace(/\/$/, '');
  const found = unmanagedIn(folder, deps);
  if (!found) throw new NothingToImport('There is no cloud scan yet: run "Opsmith: Scan Cloud" first.');
  const { module, match } = found;
  const wanted = ids ? match.unmanaged.filter((r) => ids.includes(r.id)) : match.unmanaged;
  if (wanted.length === 0)
    throw new NothingToImport('Every scanned resource is already managed by this folder.');
  const existingIds = new Map<string, string>();
  for (const m of match.matched) {
    existingIds.set(m.live.id, m.address);
    if (m.live.arn) existingIds.set(m.live.arn, m.address);
  }
  const existingAddresses = new Set([...module.declarations.keys()]);
  const imported = importUnmanaged(wanted, {
    existingIds,
    existingAddresses,
    schemas: deps.schemas,
  });
  const docs = deps.index.documentsIn(folder);
  const names = new Set(docs.map((d) => baseName(d.uri)));
  const files = imported.files.map((f) => {
    let path = f.path;
    for (let n = 2; names.has(path); n++) path = f.path.replace(/\.tf$/, `_${n}.tf`);
    return { path, content: f.content };
  });
  const gate = await deps.gate.run(files, {
    existing: docs.map((d) => ({ path: d.uri.slice(folder.length + 1), content: d.text })),
  });
  const stages = gate.stages.filter((s) => REQUIRED_STAGES.has(s.name));
  return {
    files: files.map((f) => ({ ...f, uri: `${folder}/${f.path}` })),
    resources: imported.addresses,
    gate: { ...gate, stages, passed: stages.every((s) => s.passed) },
  };
}
