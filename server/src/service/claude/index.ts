// Claude-powered generation: the engine on the Anthropic SDK, as the language server and the CLI build it.
import type { GenerationEngine } from '../generation/generateStack';
import type { Logger } from '../workspace/fileSystem';
import { createAnthropicClient } from './anthropicClient';
import { createClaudeEngine, DEFAULT_CLAUDE_SETTINGS, type ClaudeSettings } from './claudeEngine';

export { DEFAULT_CLAUDE_SETTINGS, DEFAULT_MODEL_ID, type ClaudeSettings } from './claudeEngine';
export { ModelCancelled, ModelError, TRANSIENT_KINDS } from './errors';

const clamp = (value: unknown, min: number, max: number, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(max, Math.max(min, Math.floor(value)))
    : fallback;

/** Settings as they arrived (a request, the command line), within sensible bounds. */
export function saneSettings(settings: Partial<ClaudeSettings>): ClaudeSettings {
  const d = DEFAULT_CLAUDE_SETTINGS;
  const mode = settings.mode === 'freeform' || settings.mode === 'auto' ? settings.mode : 'planner';
  return {
    id: typeof settings.id === 'string' && settings.id.trim() ? settings.id.trim() : d.id,
    maxTokens: clamp(settings.maxTokens, 1024, 128_000, d.maxTokens),
    baseUrl:
      typeof settings.baseUrl === 'string' && settings.baseUrl.trim() ? settings.baseUrl.trim() : undefined,
    timeoutSeconds: clamp(settings.timeoutSeconds, 5, 3600, d.timeoutSeconds),
    repairRounds: clamp(settings.repairRounds, 0, 10, d.repairRounds),
    mode,
  };
}

/** Claude through the official SDK (streaming, retries with retry-after), as a generation engine. */
export function claudeEngine(
  settings: ClaudeSettings & { apiKey: string },
  logger?: Logger,
): GenerationEngine {
  const client = createAnthropicClient({
    apiKey: settings.apiKey,
    model: settings.id,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutSeconds * 1000,
    logger,
  });
  return createClaudeEngine(client, settings, logger);
}
