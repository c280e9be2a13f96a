// How a node is named, classified and filtered. Shared by rendering, tooltips, filters and the live region so
// that they all say the same thing.
import type { GraphDriftStatus, GraphNode, GraphPlanAction } from '../../../shared/protocol';
import type { FilterDimension } from '../state';

export function statusOf(node: GraphNode): GraphDriftStatus {
  return node.drift?.status ?? 'unknown';
}

/** The type a filter and a tooltip show: the resource type, "data.<type>", or the kind for the rest. */
export function typeKey(node: GraphNode): string {
  if (node.kind === 'resource') return node.type ?? 'resource';
  if (node.kind === 'data') return `data.${node.type ?? '?'}`;
  return node.kind;
}

export const ROOT_MODULE = '(root)';
export const NO_FILE = '(no file)';

export function filterValue(node: GraphNode, dimension: FilterDimension): string {
  switch (dimension) {
    case 'type':
      return typeKey(node);
    case 'file':
      return node.file ?? NO_FILE;
    case 'module':
      return node.module || ROOT_MODULE;
    case 'status':
      return statusOf(node);
  }
}

const PLAN_GLYPHS: Partial<Record<GraphPlanAction, string>> = {
  create: '+',
  update: '~',
  replace: '±',
  delete: '−',
};
export function planGlyph(plan: GraphPlanAction | undefined): string | undefined {
  return plan ? PLAN_GLYPHS[plan] : undefined;
}

export function policyLevel(node: GraphNode): 'error' | 'warning' | 'information' | undefined {
  const policies = node.policies ?? [];
  if (!policies.length) return undefined;
  if (policies.some((p) => p.severity === 'error')) return 'error';
  if (policies.some((p) => p.severity === 'warning')) return 'warning';
  return 'information';
}

/**
 * "module.a.module.b" → ["module.a", "module.a.module.b"]: the module calls a node is nested in, outermost first.
 * Split on ".module." rather than on dots: pseudo module calls for root folders ("module.stacks/dev.eu") may hold
 * dots, module names cannot.
 */
export function moduleAncestors(module: string): string[] {
  if (!module.startsWith('module.')) return [];
  const parts = module.split('.module.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.module.'));
}

export interface CollapsedSummary {
  members: number;
  drifted: number;
  missing: number;
  policies: number;
}

/** What a screen reader hears on focus: "aws_instance.web, resource, drifted, 2 policy findings, plan update". */
export function ariaLabel(node: GraphNode, collapsed?: CollapsedSummary): string {
  const parts = [node.label, node.kind];
  const status = statusOf(node);
  if (status !== 'unknown') parts.push(status);
  const policies = node.policies?.length ?? 0;
  if (policies) parts.push(`${policies} policy finding${policies === 1 ? '' : 's'}`);
  if (node.plan && node.plan !== 'no-op') parts.push(`plan ${node.plan}`);
  if (collapsed) {
    parts.push(`collapsed, ${collapsed.members} member${collapsed.members === 1 ? '' : 's'}`);
    if (collapsed.drifted) parts.push(`${collapsed.drifted} drifted inside`);
    if (collapsed.missing) parts.push(`${collapsed.missing} missing inside`);
  }
  if (node.kind === 'module') parts.push(collapsed ? 'press C to expand' : 'press C to collapse');
  return parts.join(', ');
}
