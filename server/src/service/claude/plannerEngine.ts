// Planner mode: Claude answers with the typed plan (submit_plan), which goes through the offline compiler's
// renderer and the gate. A submission that does not match the schema gets one corrective round; gate findings
// go back for up to `repairRounds` rounds.
import { renderPlan } from '../generate/render/index';
import type { EngineOptions } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import type { RunSettings } from './conversation';
import type { ModelClient, ModelUsage } from './modelClient';
import { checkPlanSubmission } from './planSubmission';
import { plannerSystemPrompt, userTurn } from './prompts';
import { runSubmissionLoop, schemaCorrection, type Submitted } from './submissionLoop';
import { REQUEST_FREEFORM, requestFreeformTool, SUBMIT_PLAN, submitPlanTool } from './tools';

export type PlannerOutcome = Submitted | { kind: 'freeform'; reason: string };

export async function runPlanner(
  client: ModelClient,
  request: string,
  options: EngineOptions,
  settings: RunSettings & { allowFreeform: boolean },
  calls: ModelUsage[],
  logger?: Logger,
): Promise<PlannerOutcome> {
  return runSubmissionLoop<PlannerOutcome>(
    { client, options, settings, calls, logger },
    {
      system: plannerSystemPrompt({ allowFreeform: settings.allowFreeform }),
      tools: settings.allowFreeform ? [submitPlanTool(), requestFreeformTool()] : [submitPlanTool()],
      toolChoice: settings.allowFreeform ? { type: 'any' } : { type: 'tool', name: SUBMIT_PLAN },
      tool: SUBMIT_PLAN,
      firstTurn: userTurn({
        request,
        env: options.env,
        region: options.region,
        workspace: options.workspace,
      }),
      phase: 'planning',
      correcting: 'correcting the plan',
      answerWith: 'the complete plan',
      unparsable: 'the plan was not valid JSON',
      other: (call) => {
        if (call.name !== REQUEST_FREEFORM || !settings.allowFreeform) return undefined;
        const reason = (call.input as { reason?: unknown } | undefined)?.reason;
        return { kind: 'freeform', reason: typeof reason === 'string' ? reason : 'no reason given' };
      },
      accept: (input) => {
        const checked = checkPlanSubmission(input, { request, env: options.env, region: options.region });
        if (checked.problems) return schemaCorrection(SUBMIT_PLAN, 'the plan', checked.problems);
        let rendered;
        try {
          rendered = renderPlan(checked.plan, options.existing);
        } catch (error) {
          const message = (error as Error).message;
          return {
            correction: {
              text: `Opsmith could not render the plan: ${message}. Fix the plan and call ${SUBMIT_PLAN} again.`,
              summary: `the plan could not be rendered (${message}).`,
            },
          };
        }
        return {
          result: {
            notUnderstood: checked.plan.notUnderstood,
            files: rendered.files,
            resources: rendered.resources,
            env: checked.plan.env,
          },
        };
      },
    },
  );
}
