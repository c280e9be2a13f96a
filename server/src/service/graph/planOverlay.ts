// The plan on the graph: each root module's plan maps onto its nodes by address. A resource the plan deletes
// and the code no longer declares still gets a node, since a deletion is what a reviewer most needs to see.
import type { GraphNode } from '../../../../shared/protocol';
import type { CodeGraph, RootModule } from './buildGraph';
import type { Plan } from './plan';

export function applyPlan(graph: CodeGraph, root: RootModule, plan: Plan): GraphNode[] {
  const added: GraphNode[] = [];
  const modules = new Set(graph.instances.filter((i) => i.root === root).map((i) => i.modulePath));
  for (const change of plan.changes.values()) {
    const prefix = root.group ? `${root.group}.` : '';
    const id = prefix + change.address;
    const node = graph.byId.get(id);
    if (node) {
      node.plan = change.action;
      continue;
    }
    if (change.action !== 'delete' || change.mode !== 'managed' || !modules.has(change.modulePath)) continue;
    const ghost: GraphNode = {
      id,
      kind: 'resource',
      label: change.modulePath ? change.address.slice(change.modulePath.length + 1) : change.address,
      type: change.type || undefined,
      module: change.modulePath ? prefix + change.modulePath : root.group,
      plan: 'delete',
    };
    graph.byId.set(id, ghost);
    added.push(ghost);
  }
  return added;
}
