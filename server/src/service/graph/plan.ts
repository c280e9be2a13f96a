// `terraform show -json <planfile>` output, reduced to what the graph shows: the action planned for each
// resource, by address with instance keys dropped (all instances of a block share its node).
import type { GraphPlanAction } from '../../../../shared/protocol';
import { stripInstanceKeys } from '../drift/state';

export interface PlannedChange {
  /** `aws_instance.web`, `module.net.aws_subnet.a`, `data.aws_ami.x` (instance keys dropped). */
  address: string;
  /** `module.net`, empty for the root module. */
  modulePath: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  action: GraphPlanAction;
}

export interface Plan {
  changes: Map<string, PlannedChange>;
}

export class NotAPlanError extends Error {}

/** When the instances of one block are planned differently, the node shows the most consequential action. */
const WEIGHT: Record<GraphPlanAction, number> = {
  replace: 6,
  delete: 5,
  create: 4,
  update: 3,
  read: 2,
  'no-op': 1,
};

/** Terraform's action lists: ["create"], ["delete","create"] (replace, destroy first), ["create","delete"], … */
export function planAction(actions: readonly unknown[]): GraphPlanAction | undefined {
  const list = actions.filter((a): a is string => typeof a === 'string');
  if (list.length === 2 && list.includes('delete') && list.includes('create')) return 'replace';
  if (list.length !== 1) return undefined;
  switch (list[0]) {
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'no-op':
      return list[0];
    default:
      // "forget" (a `removed` block) leaves the real object alone: nothing to draw.
      return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses plan JSON text; throws on invalid JSON or on JSON that is not a plan (state output, anything else). */
export function readPlan(text: string): Plan {
  const json: unknown = JSON.parse(text);
  if (!isObject(json) || (!('resource_changes' in json) && !('planned_values' in json)))
    throw new NotAPlanError('not `terraform show -json` plan output (no resource_changes)');
  const changes = new Map<string, PlannedChange>();
  const list = Array.isArray(json.resource_changes) ? json.resource_changes : [];
  for (const item of list) {
    if (!isObject(item) || typeof item.address !== 'string' || !isObject(item.change)) continue;
    const actions = item.change.actions;
    const action = Array.isArray(actions) ? planAction(actions) : undefined;
    if (!action) continue;
    const address = stripInstanceKeys(item.address);
    const mode = item.mode === 'data' ? 'data' : 'managed';
    const modulePath = typeof item.module_address === 'string' ? stripInstanceKeys(item.module_address) : '';
    const type = typeof item.type === 'string' ? item.type : '';
    const name = typeof item.name === 'string' ? item.name : '';
    const known = changes.get(address);
    if (known && WEIGHT[known.action] >= WEIGHT[action]) continue;
    changes.set(address, { address, modulePath, mode, type, name, action });
  }
  return { changes };
}
