// Free-form mode: Claude writes the HCL itself (submit_files). The gate's findings go back as an error result for
// up to `repairRounds` rounds; what comes out either passes the gate or carries the findings that remain, and the
// caller writes nothing in that case.
import type { EngineOptions, EngineResult } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import { Conversation, Corrections, type RunSettings } from './conversation';
import { checkFilesSubmission, resourceAddresses } from './filesSubmission';
import type { ModelClient, ModelUsage, ToolCall } from './modelClient';
import {
  freeformSystemPrompt,
  gateFeedback,
  malformedFeedback,
  unparsableFeedback,
  userTurn,
} from './prompts';
import { SUBMIT_FILES, submitFilesTool } from './tools';

export async function runFreeform(
  client: ModelClient,
  request: string,
  options: EngineOptions,
  settings: RunSettings & { freeformReason?: string },
  calls: ModelUsage[],
  logger?: Logger,
): Promise<{ result: EngineResult; repairRounds: number; answeredBy: string }> {
  const conversation = new Conversation(client, {
    system: freeformSystemPrompt(),
    tools: [submitFilesTool()],
    toolChoice: { type: 'tool', name: SUBMIT_FILES },
    maxTokens: settings.maxTokens,
    signal: options.signal,
    progress: options.progress,
    logger,
    calls,
  });
  const corrections = new Corrections();
  let repairs = 0;
  let phase = 'writing Terraform';
  let next: string | undefined = userTurn({
    request,
    env: options.env,
    region: options.region,
    workspace: options.workspace,
    freeformReason: settings.freeformReason,
  });
  const correct = (call: ToolCall, text: string, summary: string) => {
    corrections.take(summary);
    conversation.reply(call, text, true);
    phase = 'correcting the files';
  };
  for (;;) {
    const { call, stopReason } = await conversation.ask(phase, next);
    next = undefined;
    if (!call) {
      corrections.take(`it did not call ${SUBMIT_FILES} (stop reason: ${stopReason ?? 'none'}).`);
      next = `Answer by calling ${SUBMIT_FILES} with every file.`;
      phase = 'correcting the files';
      continue;
    }
    if (call.name !== SUBMIT_FILES) {
      correct(
        call,
        `There is no tool "${call.name}". Call ${SUBMIT_FILES}.`,
        `it called an unknown tool "${call.name}".`,
      );
      continue;
    }
    if (call.inputError) {
      correct(
        call,
        unparsableFeedback(SUBMIT_FILES, call.inputError, stopReason === 'max_tokens'),
        `the files were not valid JSON (${call.inputError}${stopReason === 'max_tokens' ? ', cut off at max_tokens' : ''}).`,
      );
      continue;
    }
    const checked = checkFilesSubmission(call.input);
    if (checked.problems) {
      const first = checked.problems[0];
      correct(
        call,
        malformedFeedback(SUBMIT_FILES, checked.problems),
        `the submission did not match the schema (${first.path || 'the input'}: ${first.message}).`,
      );
      continue;
    }
    const { submission } = checked;
    const env = options.env ?? submission.env;
    const result: EngineResult = {
      notUnderstood: submission.notUnderstood ?? [],
      files: submission.files,
      resources: resourceAddresses(submission.files),
      env,
    };
    if (!options.validate) return { result, repairRounds: repairs, answeredBy: conversation.answeredBy };
    options.progress?.('validating…');
    result.gate = await options.validate(submission.files, env);
    if (result.gate.passed || repairs >= settings.repairRounds)
      return { result, repairRounds: repairs, answeredBy: conversation.answeredBy };
    repairs++;
    conversation.reply(call, gateFeedback(SUBMIT_FILES, result.gate, repairs, settings.repairRounds), true);
    phase = `repairing ${repairs}/${settings.repairRounds}`;
  }
}
