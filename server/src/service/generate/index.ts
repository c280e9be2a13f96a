// Generating infrastructure from a sentence: the intent compiler (request → plan) and the renderer
// (plan → Terraform files), composed. The Claude integration produces the same plan and reuses renderPlan.
import { compileIntent, type CompileOptions } from './intent/compile';
import type { ArchitecturePlan, ExistingStack } from './plan';
import { renderPlan, type RenderedFile } from './render/index';

export interface GenerateOptions extends CompileOptions {
  /** What the target folder already holds: reused, never duplicated or collided with. */
  existing?: ExistingStack;
}

export interface GenerateResult {
  plan: ArchitecturePlan;
  /** Meaningful words of the request that the plan does not account for. */
  notUnderstood: string[];
  files: RenderedFile[];
  /** Addresses of the resources the files declare. */
  resources: string[];
  /** The plan's environment (the gate applies its policies per environment). */
  env: ArchitecturePlan['env'];
}

/** Request → plan → formatted Terraform files. Offline, deterministic, no model. */
export function generate(request: string, options: GenerateOptions = {}): GenerateResult {
  const { plan, notUnderstood } = compileIntent(request, options);
  const { files, resources } = renderPlan(plan, options.existing);
  return { plan, notUnderstood, files, resources, env: plan.env };
}

export { compileIntent, type CompileOptions, type CompileResult } from './intent/compile';
export { parseSchedule } from './intent/schedule';
export { renderPlan, type RenderedFile, type RenderResult } from './render/index';
export * from './plan';
