// From the server's graph to what is drawn: collapsed modules replace their members (edges rerouted to the
// module node), filters remove nodes and every edge touching them. Pure, so it is cheap to recompute on every
// toolbar change.
import type { GraphEdgeKind, GraphNode, GraphResult } from '../../../shared/protocol';
import { FILTER_DIMENSIONS, type ViewSettings } from '../state';
import { filterValue, moduleAncestors, statusOf, type CollapsedSummary } from './describe';

export interface ViewNode {
  id: string;
  node: GraphNode;
  /** Set when this is a collapsed module standing for its members. */
  collapsed?: CollapsedSummary;
}

export interface ViewEdge {
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** An end was moved from a member of a collapsed module to the module. */
  rerouted: boolean;
}

export interface VisibleGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  byId: Map<string, ViewNode>;
  /** Nodes removed by filters (members of collapsed modules are not counted: they are still represented). */
  filtered: number;
}

/** Every module call in the graph, whether or not the server sent a node for it. */
export function moduleIds(graph: GraphResult): string[] {
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === 'module') ids.add(node.id);
    for (const ancestor of moduleAncestors(node.module)) ids.add(ancestor);
  }
  return [...ids].sort();
}

export function visibleGraph(graph: GraphResult, settings: ViewSettings): VisibleGraph {
  const collapsed = new Set(settings.collapsed);
  const known = new Map(graph.nodes.map((node) => [node.id, node]));

  // Each node's representative: itself, or its outermost collapsed module.
  const representative = new Map<string, string>();
  const summaries = new Map<string, CollapsedSummary>();
  for (const node of graph.nodes) {
    const outer = collapsed.size ? moduleAncestors(node.module).find((m) => collapsed.has(m)) : undefined;
    representative.set(node.id, outer ?? node.id);
    if (outer) {
      const summary = summaries.get(outer) ?? { members: 0, drifted: 0, missing: 0, policies: 0 };
      summary.members++;
      if (statusOf(node) === 'drifted') summary.drifted++;
      if (statusOf(node) === 'missing') summary.missing++;
      summary.policies += node.policies?.length ?? 0;
      summaries.set(outer, summary);
    }
  }

  const excluded = FILTER_DIMENSIONS.map(
    (dimension) => [dimension, new Set(settings.excluded[dimension])] as const,
  );
  const passes = (node: GraphNode) =>
    excluded.every(([dimension, values]) => !values.has(filterValue(node, dimension)));

  const nodes: ViewNode[] = [];
  const byId = new Map<string, ViewNode>();
  let filtered = 0;
  const add = (node: GraphNode) => {
    if (byId.has(node.id)) return;
    if (!passes(node)) {
      filtered++;
      return;
    }
    const view: ViewNode = { id: node.id, node, collapsed: summaries.get(node.id) };
    nodes.push(view);
    byId.set(node.id, view);
  };
  for (const node of graph.nodes) {
    const rep = representative.get(node.id)!;
    if (rep === node.id) add(node);
    else if (!known.has(rep) && !byId.has(rep)) add(syntheticModule(rep));
  }

  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const source = representative.get(edge.source) ?? edge.source;
    const target = representative.get(edge.target) ?? edge.target;
    if (source === target || !byId.has(source) || !byId.has(target)) continue;
    const key = `${source}\u0000${target}\u0000${edge.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({
      source,
      target,
      kind: edge.kind,
      rerouted: source !== edge.source || target !== edge.target,
    });
  }
  return { nodes, edges, byId, filtered };
}

/** A collapsed module the server sent no node for (e.g. a nested call) still needs something to stand for it. */
function syntheticModule(id: string): GraphNode {
  const ancestors = moduleAncestors(id);
  return {
    id,
    kind: 'module',
    label: id,
    module: ancestors.length > 1 ? ancestors[ancestors.length - 2] : '',
  };
}
