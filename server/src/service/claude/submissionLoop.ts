// The conversation both modes run: ask until the model submits something usable through the mode's tool, with one
// correction for an unusable answer (no tool call, an unknown tool, input that is not JSON or that the mode
// refuses), then the gate's findings go back for up to `repairRounds` rounds. What a submission means is the
// mode's business (`accept`).
import type { EngineOptions, EngineResult } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import { Conversation, Corrections, type ConversationOptions, type RunSettings } from './conversation';
import type { SchemaProblem } from './jsonSchema';
import type { ModelClient, ModelUsage, ToolCall } from './modelClient';
import { gateFeedback, malformedFeedback, unparsableFeedback } from './prompts';

/** What a mode made of its tool's input: files for the gate, or what to tell the model instead. */
export type Accepted = { result: EngineResult } | { correction: { text: string; summary: string } };

/** The files of a usable submission, gated unless there are none or nothing validates. */
export interface Submitted {
  kind: 'files';
  result: EngineResult;
  repairRounds: number;
  answeredBy: string;
}

export interface SubmissionLoop<Exit> {
  system: string;
  tools: ConversationOptions['tools'];
  toolChoice: ConversationOptions['toolChoice'];
  /** The tool the model submits with. */
  tool: string;
  firstTurn: string;
  /** Progress while the first answer streams ("planning"), and while a correction does ("correcting the plan"). */
  phase: string;
  correcting: string;
  /** What a submission holds, for the nudge after an answer without a tool call: "the complete plan". */
  answerWith: string;
  /** The correction summary for input that is not JSON: "the plan was not valid JSON". */
  unparsable: string;
  /** A call of another tool the mode offers; what it returns ends the conversation. */
  other?: (call: ToolCall) => Exit | undefined;
  accept: (input: unknown) => Accepted;
}

export interface LoopContext {
  client: ModelClient;
  options: EngineOptions;
  settings: RunSettings;
  calls: ModelUsage[];
  logger?: Logger;
}

/** The correction for input that does not match the tool's schema; `what` names it: "the plan". */
export function schemaCorrection(tool: string, what: string, problems: readonly SchemaProblem[]): Accepted {
  const first = problems[0];
  return {
    correction: {
      text: malformedFeedback(tool, problems),
      summary: `${what} did not match the schema (${first.path || 'the input'}: ${first.message}).`,
    },
  };
}

export async function runSubmissionLoop<Exit = never>(
  { client, options, settings, calls, logger }: LoopContext,
  loop: SubmissionLoop<Exit>,
): Promise<Submitted | Exit> {
  const conversation = new Conversation(client, {
    system: loop.system,
    tools: loop.tools,
    toolChoice: loop.toolChoice,
    maxTokens: settings.maxTokens,
    signal: options.signal,
    progress: options.progress,
    logger,
    calls,
  });
  const corrections = new Corrections();
  const { tool } = loop;
  let repairs = 0;
  let phase = loop.phase;
  let next: string | undefined = loop.firstTurn;
  const correct = (call: ToolCall, text: string, summary: string) => {
    corrections.take(summary);
    conversation.reply(call, text, true);
    phase = loop.correcting;
  };
  for (;;) {
    const { call, stopReason } = await conversation.ask(phase, next);
    next = undefined;
    if (!call) {
      corrections.take(`it did not call ${tool} (stop reason: ${stopReason ?? 'none'}).`);
      next = `Answer by calling ${tool} with ${loop.answerWith}.`;
      phase = loop.correcting;
      continue;
    }
    if (call.name !== tool) {
      const exit = loop.other?.(call);
      if (exit !== undefined) return exit;
      correct(
        call,
        `There is no tool "${call.name}". Call ${tool}.`,
        `it called an unknown tool "${call.name}".`,
      );
      continue;
    }
    if (call.inputError) {
      const cutOff = stopReason === 'max_tokens';
      correct(
        call,
        unparsableFeedback(tool, call.inputError, cutOff),
        `${loop.unparsable} (${call.inputError}${cutOff ? ', cut off at max_tokens' : ''}).`,
      );
      continue;
    }
    const accepted = loop.accept(call.input);
    if ('correction' in accepted) {
      correct(call, accepted.correction.text, accepted.correction.summary);
      continue;
    }
    const { result } = accepted;
    const done = (): Submitted => ({
      kind: 'files',
      result,
      repairRounds: repairs,
      answeredBy: conversation.answeredBy,
    });
    if (result.files.length === 0 || !options.validate) return done();
    options.progress?.('validating…');
    result.gate = await options.validate(result.files, result.env);
    if (result.gate.passed || repairs >= settings.repairRounds) return done();
    repairs++;
    conversation.reply(call, gateFeedback(tool, result.gate, repairs, settings.repairRounds), true);
    phase = `repairing ${repairs}/${settings.repairRounds}`;
  }
}
