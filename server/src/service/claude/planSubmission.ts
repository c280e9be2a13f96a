// A plan submitted by the model → an ArchitecturePlan the renderer accepts, or the problems that stop it. The
// schema check is the structure (plan.schema.json, generated from plan.ts); the checks here are what a schema
// cannot say: unique ids, references to components that exist, names the renderer can use.
import planSchema from '../generate/plan.schema.json';
import {
  PROFILES,
  type ArchitecturePlan,
  type Component,
  type Environment,
  type PlanSubmission,
  type Relation,
} from '../generate/plan';
import { validateJson, type JsonSchema, type SchemaProblem } from './jsonSchema';
import type { ToolInputSchema } from './modelClient';

/** The submit_plan tool's input schema: the generated file without its bookkeeping members. */
export function planInputSchema(): ToolInputSchema {
  const {
    $comment: _comment,
    $schema: _schema,
    definitions: _definitions,
    ...schema
  } = planSchema as Record<string, unknown>;
  return schema as ToolInputSchema;
}

const ID = /^[a-z][a-z0-9_]*$/;
const PROJECT = /^[a-z][a-z0-9-]{1,11}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/** Every component id a component or relation names, with where, for the reference check. */
function referencesOf(c: Component, at: string): { id: string; path: string }[] {
  const out: { id: string; path: string }[] = [];
  const ref = (id: string | undefined, path: string) =>
    id !== undefined && out.push({ id, path: `${at}.${path}` });
  switch (c.kind) {
    case 'loadBalancer':
      ref(c.target, 'target');
      break;
    case 'function':
      ref(c.source, 'source');
      break;
    case 'apiGateway':
      c.functions.forEach((id, i) => ref(id, `functions[${i}]`));
      break;
    case 'topic':
      c.subscribers.forEach((id, i) => ref(id, `subscribers[${i}]`));
      break;
    case 'dns':
      c.records.forEach((r, i) => ref(r.target, `records[${i}].target`));
      break;
    case 'waf':
      ref(c.target, 'target');
      break;
    case 'scheduledJob':
      ref(c.target, 'target');
      break;
    case 'workflow':
      c.steps.forEach((id, i) => ref(id, `steps[${i}]`));
      break;
    case 'monitoring':
      c.alarms.forEach((a, i) => ref(a.target, `alarms[${i}].target`));
      break;
    case 'secret':
      c.readers.forEach((id, i) => !id.startsWith('external:') && ref(id, `readers[${i}]`));
      break;
  }
  return out;
}

function relationReferences(r: Relation, at: string): { id: string; path: string }[] {
  switch (r.kind) {
    case 'talksTo':
      return [{ id: r.from, path: `${at}.from` }];
    case 'connectsTo':
      return [
        { id: r.from, path: `${at}.from` },
        { id: r.to, path: `${at}.to` },
      ];
    case 'allowedFrom':
      return [{ id: r.target, path: `${at}.target` }];
    case 'behindLoadBalancer':
      return [
        { id: r.target, path: `${at}.target` },
        { id: r.loadBalancer, path: `${at}.loadBalancer` },
      ];
  }
}

function cidrsOf(c: Component): { cidr: string; path: string }[] {
  if (c.kind === 'network') return [{ cidr: c.cidr, path: 'cidr' }];
  if (c.kind === 'loadBalancer')
    return c.allowedCidrs.map((cidr, i) => ({ cidr, path: `allowedCidrs[${i}]` }));
  if (c.kind === 'vm') return c.sshFrom.map((cidr, i) => ({ cidr, path: `sshFrom[${i}]` }));
  return [];
}

/** What a schema cannot say about a structurally valid submission. */
export function semanticProblems(plan: PlanSubmission): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!PROJECT.test(plan.project))
    problems.push({
      path: 'project',
      message: `${JSON.stringify(plan.project)} must match ${PROJECT} (2-12 characters)`,
    });
  if (!REGION.test(plan.region))
    problems.push({
      path: 'region',
      message: `${JSON.stringify(plan.region)} is not an AWS region name like "eu-west-1"`,
    });
  const ids = new Set<string>();
  plan.components.forEach((c, i) => {
    const at = `components[${i}]`;
    if (!ID.test(c.id))
      problems.push({ path: `${at}.id`, message: `${JSON.stringify(c.id)} must match ${ID}` });
    if (ids.has(c.id)) problems.push({ path: `${at}.id`, message: `${JSON.stringify(c.id)} is used twice` });
    ids.add(c.id);
    for (const { cidr, path } of cidrsOf(c))
      if (!CIDR.test(cidr))
        problems.push({ path: `${at}.${path}`, message: `${JSON.stringify(cidr)} is not an IPv4 CIDR` });
  });
  const refs = [
    ...plan.components.flatMap((c, i) => referencesOf(c, `components[${i}]`)),
    ...plan.relations.flatMap((r, i) => relationReferences(r, `relations[${i}]`)),
  ];
  for (const { id, path } of refs)
    if (!ids.has(id))
      problems.push({ path, message: `names component ${JSON.stringify(id)}, which the plan does not have` });
  return problems;
}

export type CheckedPlan =
  { plan: ArchitecturePlan; problems?: undefined } | { plan?: undefined; problems: SchemaProblem[] };

/**
 * Checks a submission and completes it into a plan: the caller's environment and region win over the model's
 * (the person chose them), the profile is the environment's with the submitted departures.
 */
export function checkPlanSubmission(
  input: unknown,
  context: { request: string; env?: Environment; region?: string },
): CheckedPlan {
  const structural = validateJson(input, planInputSchema() as JsonSchema);
  if (structural.length) return { problems: structural };
  const submission = input as PlanSubmission;
  const semantic = semanticProblems(submission);
  if (semantic.length) return { problems: semantic };
  const env = context.env ?? submission.env;
  const plan: ArchitecturePlan = {
    version: 1,
    project: submission.project,
    env,
    envSource: context.env ? 'option' : 'request',
    profile: { ...PROFILES[env], ...submission.profile, env },
    region: context.region ?? submission.region,
    components: submission.components,
    relations: submission.relations,
    notUnderstood: submission.notUnderstood,
    assumptions: submission.assumptions,
    request: context.request,
  };
  // Plain JSON, as the offline compiler's plans are.
  return { plan: JSON.parse(JSON.stringify(plan)) as ArchitecturePlan };
}
