// Planner mode: Claude answers with the typed plan (submit_plan), which goes through the offline compiler's
// renderer and the gate. A submission that does not match the schema gets one corrective round; gate findings
// go back for up to `repairRounds` rounds.
import { renderPlan } from '../generate/render/index';
import type { EngineOptions, EngineResult } from '../generation/generateStack';
import { Conversation, Corrections, type RunSettings } from './conversation';
import type { ModelClient, ModelUsage, ToolCall } from './modelClient';
import { checkPlanSubmission } from './planSubmission';
import {
  gateFeedback,
  malformedFeedback,
  plannerSystemPrompt,
  unparsableFeedback,
  userTurn,
} from './prompts';
import { REQUEST_FREEFORM, requestFreeformTool, SUBMIT_PLAN, submitPlanTool } from './tools';
import type { Logger } from '../workspace/fileSystem';

export type PlannerOutcome =
  | { kind: 'files'; result: EngineResult; repairRounds: number; answeredBy: string }
  | { kind: 'freeform'; reason: string };

export async function runPlanner(
  client: ModelClient,
  request: string,
  options: EngineOptions,
  settings: RunSettings & { allowFreeform: boolean },
  calls: ModelUsage[],
  logger?: Logger,
): Promise<PlannerOutcome> {
  const conversation = new Conversation(client, {
    system: plannerSystemPrompt({ allowFreeform: settings.allowFreeform }),
    tools: settings.allowFreeform ? [submitPlanTool(), requestFreeformTool()] : [submitPlanTool()],
    toolChoice: settings.allowFreeform ? { type: 'any' } : { type: 'tool', name: SUBMIT_PLAN },
    maxTokens: settings.maxTokens,
    signal: options.signal,
    progress: options.progress,
    logger,
    calls,
  });
  const corrections = new Corrections();
  let repairs = 0;
  let phase = 'planning';
  let next: string | undefined = userTurn({
    request,
    env: options.env,
    region: options.region,
    workspace: options.workspace,
  });
  const correct = (call: ToolCall, text: string, summary: string) => {
    corrections.take(summary);
    conversation.reply(call, text, true);
    phase = 'correcting the plan';
  };
  for (;;) {
    const { call, stopReason } = await conversation.ask(phase, next);
    next = undefined;
    if (!call) {
      corrections.take(`it did not call ${SUBMIT_PLAN} (stop reason: ${stopReason ?? 'none'}).`);
      next = `Answer by calling ${SUBMIT_PLAN} with the complete plan.`;
      phase = 'correcting the plan';
      continue;
    }
    if (call.name === REQUEST_FREEFORM && settings.allowFreeform) {
      const reason = (call.input as { reason?: unknown } | undefined)?.reason;
      return { kind: 'freeform', reason: typeof reason === 'string' ? reason : 'no reason given' };
    }
    if (call.name !== SUBMIT_PLAN) {
      correct(
        call,
        `There is no tool "${call.name}". Call ${SUBMIT_PLAN}.`,
        `it called an unknown tool "${call.name}".`,
      );
      continue;
    }
    if (call.inputError) {
      correct(
        call,
        unparsableFeedback(SUBMIT_PLAN, call.inputError, stopReason === 'max_tokens'),
        `the plan was not valid JSON (${call.inputError}${stopReason === 'max_tokens' ? ', cut off at max_tokens' : ''}).`,
      );
      continue;
    }
    const checked = checkPlanSubmission(call.input, { request, env: options.env, region: options.region });
    if (checked.problems) {
      const first = checked.problems[0];
      correct(
        call,
        malformedFeedback(SUBMIT_PLAN, checked.problems),
        `the plan did not match the schema (${first.path || 'the input'}: ${first.message}).`,
      );
      continue;
    }
    let rendered;
    try {
      rendered = renderPlan(checked.plan, options.existing);
    } catch (error) {
      const message = (error as Error).message;
      correct(
        call,
        `Opsmith could not render the plan: ${message}. Fix the plan and call ${SUBMIT_PLAN} again.`,
        `the plan could not be rendered (${message}).`,
      );
      continue;
    }
    const result: EngineResult = {
      notUnderstood: checked.plan.notUnderstood,
      files: rendered.files,
      resources: rendered.resources,
      env: checked.plan.env,
    };
    if (rendered.files.length === 0 || !options.validate)
      return { kind: 'files', result, repairRounds: repairs, answeredBy: conversation.answeredBy };
    options.progress?.('validating…');
    result.gate = await options.validate(rendered.files, checked.plan.env);
    if (result.gate.passed || repairs >= settings.repairRounds)
      return { kind: 'files', result, repairRounds: repairs, answeredBy: conversation.answeredBy };
    repairs++;
    conversation.reply(call, gateFeedback(SUBMIT_PLAN, result.gate, repairs, settings.repairRounds), true);
    phase = `repairing ${repairs}/${settings.repairRounds}`;
  }
}
