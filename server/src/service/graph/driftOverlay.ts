// The latest scan on the graph, from the same matching and comparison as the drift diagnostics: each module
// instance is matched with its root's state under its module path, so `module.net.aws_vpc.main` finds its ID.
import type { GraphDriftStatus, GraphNode } from '../../../../shared/protocol';
import type { LiveResource, Snapshot } from '../cloud/snapshot';
import type { AttributeDrift } from '../drift/compare';
import { computeDrift, show, type DriftReport } from '../drift/diagnostics';
import type { DriftSource } from '../drift/driftSource';
import type { TerraformState } from '../drift/state';
import type { SchemaView } from '../schemaView/types';
import type { ModuleIndex } from '../workspace/moduleIndex';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { CodeGraph, ModuleInstance } from './buildGraph';

/** When instances of one block disagree, the node shows the status that most needs attention. */
const WEIGHT: Record<GraphDriftStatus, number> = {
  missing: 4,
  drifted: 3,
  'in-sync': 2,
  unknown: 1,
  unmanaged: 0,
};

interface Cached {
  snapshot: Snapshot;
  state: TerraformState | undefined;
  schemas: SchemaView | undefined;
  report: DriftReport;
}
/**
 * Reports per module directory and module path: a module called twice is matched twice (under `module.a` and
 * `module.b`), and both results are kept until the directory changes.
 */
const reports = new WeakMap<ModuleIndex, Map<string, Cached>>();

function reportFor(
  module: ModuleIndex,
  modulePath: string,
  snapshot: Snapshot,
  state: TerraformState | undefined,
  schemas: SchemaView | undefined,
): DriftReport {
  let byPath = reports.get(module);
  if (!byPath) reports.set(module, (byPath = new Map()));
  const cached = byPath.get(modulePath);
  if (cached && cached.snapshot === snapshot && cached.state === state && cached.schemas === schemas)
    return cached.report;
  const report = computeDrift(module, snapshot, state, { modulePath: modulePath || undefined, schemas });
  byPath.set(modulePath, { snapshot, state, schemas, report });
  return report;
}

/** Matches one module instance with the scan ahead of applyDrift, which then finds the result cached. */
export function prepareDrift(
  instance: ModuleInstance,
  index: WorkspaceIndex,
  snapshot: Snapshot,
  drift: DriftSource,
  schemas: SchemaView | undefined,
): void {
  reportFor(
    index.module(instance.dir),
    instance.modulePath,
    snapshot,
    drift.state(instance.root.dir),
    schemas,
  );
}

export function applyDrift(
  graph: CodeGraph,
  index: WorkspaceIndex,
  snapshot: Snapshot | undefined,
  drift: DriftSource,
  schemas: SchemaView | undefined,
): GraphNode[] {
  for (const node of graph.nodes) if (node.kind === 'resource') node.drift = { status: 'unknown' };
  if (!snapshot) return [];

  let unmanaged: Set<LiveResource> | undefined;
  for (const instance of graph.instances) {
    const report = reportFor(
      index.module(instance.dir),
      instance.modulePath,
      snapshot,
      drift.state(instance.root.dir),
      schemas,
    );
    const mark = (address: string, status: GraphDriftStatus, cloudId?: string, drifts?: AttributeDrift[]) => {
      const node = graph.byId.get(instance.prefix + address);
      if (!node?.drift) return;
      const current = node.drift;
      if (drifts?.length) {
        current.details = [...(current.details ?? []), ...drifts.map(detail)];
      }
      if (WEIGHT[status] > WEIGHT[current.status]) current.status = status;
      current.cloudId ??= cloudId;
    };
    for (const matched of report.match.matched) mark(matched.code.address, 'in-sync', matched.live.id);
    for (const { instance: matched, drifts } of report.instances)
      mark(matched.code.address, 'drifted', matched.live.id, drifts);
    for (const missing of report.match.missing) mark(missing.code.address, 'missing', missing.id);
    // A live resource is unmanaged only if no module instance of the folder claims it.
    const free = new Set(report.match.unmanaged);
    unmanaged = unmanaged ? new Set([...unmanaged].filter((r) => free.has(r))) : free;
  }

  const out: GraphNode[] = [];
  for (const live of unmanaged ?? snapshot.resources) {
    const id = `unmanaged:${live.type}:${live.id}`;
    if (graph.byId.has(id)) continue;
    const attributes = [{ name: 'region', value: live.region }];
    if (live.name) attributes.unshift({ name: 'name', value: live.name });
    if (live.arn) attributes.push({ name: 'arn', value: live.arn });
    const node: GraphNode = {
      id,
      kind: 'resource',
      label: `${live.type}.${live.name ?? live.id}`,
      type: live.type,
      module: '',
      attributes,
      drift: { status: 'unmanaged', cloudId: live.id },
    };
    graph.byId.set(id, node);
    out.push(node);
  }
  return out;
}

function detail(drift: AttributeDrift): { attribute: string; live: string; code: string } {
  if (drift.nestedBlock) return { attribute: drift.display, live: 'no such block', code: 'block' };
  if (drift.json && drift.detail) {
    return {
      attribute: drift.detail.path ? `${drift.display} ${drift.detail.path}` : drift.display,
      live: show(drift.detail.live),
      code: show(drift.detail.code),
    };
  }
  return {
    attribute: drift.display,
    live: drift.liveMissing ? 'not set' : show(drift.live),
    code: show(drift.code),
  };
}
