// Claude as a GenerationEngine: the mode decides the conversation (plan, files, or plan with a way out to files);
// either way the result goes back through generateStack's gate and the client's preview, like the offline engine's.
import type { GenerateModelOptions, GenerateModelReport } from '../../../../shared/protocol';
import { GenerationCancelled, type GenerationEngine } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import { ModelCancelled } from './errors';
import { runFreeform } from './freeformEngine';
import type { ModelClient, ModelUsage } from './modelClient';
import { runPlanner } from './plannerEngine';

/** The settings the client sends with a generate request, minus the key (which the server unseals separately). */
export type ClaudeSettings = Omit<GenerateModelOptions, 'sealedApiKey'>;

/** The newest Sonnet the SDK names (Sonnet 4.5 is retired): fast enough for repair loops, strong at Terraform. */
export const DEFAULT_MODEL_ID = 'claude-sonnet-5-5';

export const DEFAULT_CLAUDE_SETTINGS: ClaudeSettings = {
  id: DEFAULT_MODEL_ID,
  maxTokens: 16384,
  timeoutSeconds: 120,
  repairRounds: 3,
  mode: 'planner',
};

function report(
  answeredBy: string,
  mode: GenerateModelReport['mode'],
  repairRounds: number,
  calls: ModelUsage[],
  freeformReason?: string,
): GenerateModelReport {
  return {
    id: answeredBy,
    mode,
    repairRounds,
    calls: calls.map((c) => ({ inputTokens: c.inputTokens, outputTokens: c.outputTokens })),
    inputTokens: calls.reduce((sum, c) => sum + c.inputTokens, 0),
    outputTokens: calls.reduce((sum, c) => sum + c.outputTokens, 0),
    ...(freeformReason ? { freeformReason } : {}),
  };
}

/**
 * planner: the typed plan only (what the catalog cannot express is reported as not understood).
 * freeform: Claude writes the HCL.
 * auto: planner, with a `request_freeform` tool; when Claude says no plan can express the request, a free-form
 * conversation follows (told why).
 */
export function createClaudeEngine(
  client: ModelClient,
  settings: Pick<ClaudeSettings, 'maxTokens' | 'repairRounds' | 'mode'>,
  logger?: Logger,
): GenerationEngine {
  return async (request, options) => {
    const calls: ModelUsage[] = [];
    const run = {
      maxTokens: settings.maxTokens,
      repairRounds: Math.max(0, Math.floor(settings.repairRounds)),
    };
    try {
      if (settings.mode !== 'freeform') {
        const planned = await runPlanner(
          client,
          request,
          options,
          { ...run, allowFreeform: settings.mode === 'auto' },
          calls,
          logger,
        );
        if (planned.kind === 'files')
          return {
            ...planned.result,
            model: report(planned.answeredBy || client.model, 'planner', planned.repairRounds, calls),
          };
        logger?.info(`Claude asked for free-form mode: ${planned.reason}`);
        const written = await runFreeform(
          client,
          request,
          options,
          { ...run, freeformReason: planned.reason },
          calls,
          logger,
        );
        return {
          ...written.result,
          model: report(
            written.answeredBy || client.model,
            'freeform',
            written.repairRounds,
            calls,
            planned.reason,
          ),
        };
      }
      const written = await runFreeform(client, request, options, run, calls, logger);
      return {
        ...written.result,
        model: report(written.answeredBy || client.model, 'freeform', written.repairRounds, calls),
      };
    } catch (error) {
      if (error instanceof ModelCancelled) throw new GenerationCancelled();
      throw error;
    }
  };
}
