// The ModelClient over the official Anthropic SDK: one Messages API call per send(), streamed, with the SDK's
// retries (429, 529 and 5xx, honouring retry-after) and its errors turned into ModelError kinds.
import Anthropic, { APIUserAbortError } from '@anthropic-ai/sdk';
import type {
  MessageCreateParamsNonStreaming,
  MessageParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { silentLogger, type Logger } from '../workspace/fileSystem';
import { toModelError } from './anthropicErrors';
import { ModelCancelled, ModelError } from './errors';
import type {
  ModelCallOptions,
  ModelClient,
  ModelRequest,
  ModelResponse,
  TextContent,
  ToolCall,
} from './modelClient';
import { StreamedAnswer } from './streamedAnswer';

export interface AnthropicClientOptions {
  apiKey: string;
  model: string;
  /** A gateway or proxy; the SDK's default (ANTHROPIC_BASE_URL, else api.anthropic.com) when absent. */
  baseUrl?: string;
  /** Per HTTP attempt until the answer starts, and the longest silence allowed while it streams. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx/529 and connection failures; the SDK waits what retry-after says, else backs off. */
  maxRetries?: number;
  /** Streaming (default) reports progress as the answer arrives; the non-streaming call waits for all of it. */
  streaming?: boolean;
  logger?: Logger;
}

export const DEFAULT_MAX_RETRIES = 3;
const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** Retry-after as the SDK reads it (retry-after-ms, or seconds or an HTTP date), in seconds. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms / 1000;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

function toApiMessages(request: ModelRequest): MessageParam[] {
  return request.messages.map((m) => ({
    role: m.role,
    content:
      typeof m.content === 'string'
        ? m.content
        : m.content.map((c) => {
            if (c.type === 'text') return { type: 'text' as const, text: c.text };
            if (c.type === 'tool_use')
              return { type: 'tool_use' as const, id: c.id, name: c.name, input: c.input };
            return {
              type: 'tool_result' as const,
              tool_use_id: c.tool_use_id,
              content: c.content,
              ...(c.is_error ? { is_error: true } : {}),
            };
          }),
  }));
}

/**
 * A ModelClient on the Anthropic SDK. One call at a time per client (the engines call in turns): the fetch wrapper
 * reports retries to the call in flight.
 */
export function createAnthropicClient(options: AnthropicClientOptions): ModelClient {
  const logger = options.logger ?? silentLogger;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  let current: { attempts: number; onProgress?: ModelCallOptions['onProgress'] } | undefined;
  const sdkLogger = {
    error: (...args: unknown[]) => logger.error(`anthropic: ${args.map(String).join(' ')}`),
    warn: (...args: unknown[]) => logger.warn(`anthropic: ${args.map(String).join(' ')}`),
    info: () => undefined,
    debug: () => undefined,
  };
  const sdk = new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseUrl || undefined,
    timeout: options.timeoutMs,
    maxRetries,
    logger: sdkLogger,
    logLevel: 'warn',
    openTelemetry: false,
    // Observes every attempt so the notification can say "rate limited, retrying in 2 s" while the SDK waits.
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (!response.ok && RETRYABLE(response.status) && current) {
        current.attempts++;
        if (current.attempts <= maxRetries)
          current.onProgress?.({
            kind: 'retrying',
            status: response.status,
            delaySeconds: retryAfterSeconds(response.headers),
          });
      }
      return response;
    },
  });
  const timeoutSeconds = Math.round(options.timeoutMs / 1000);

  const params = (request: ModelRequest): MessageCreateParamsNonStreaming => ({
    model: options.model,
    max_tokens: request.maxTokens,
    // Cached across the turns of one generation: the system prompt and the tools (with the plan schema) are
    // the bulk of every request and never change between repair rounds.
    system: [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }],
    messages: toApiMessages(request),
    tools: request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.input_schema,
    })),
    tool_choice:
      request.toolChoice.type === 'tool'
        ? { type: 'tool', name: request.toolChoice.name, disable_parallel_tool_use: true }
        : { type: 'any', disable_parallel_tool_use: true },
  });

  async function sendStreaming(request: ModelRequest, call: ModelCallOptions): Promise<ModelResponse> {
    const answer = new StreamedAnswer();
    const controller = new AbortController();
    const abort = () => controller.abort();
    call.signal?.addEventListener('abort', abort, { once: true });
    let timedOut = false;
    let idle: NodeJS.Timeout | undefined;
    // The SDK's timeout ends when the answer starts; a stream that stalls afterwards is ended here.
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
    };
    try {
      if (call.signal?.aborted) throw new ModelCancelled();
      const stream = await sdk.messages.create(
        { ...params(request), stream: true },
        { signal: controller.signal },
      );
      armIdle();
      for await (const event of stream) {
        armIdle();
        answer.add(event);
        if (event.type === 'content_block_delta')
          call.onProgress?.({ kind: 'streaming', characters: answer.characters });
      }
      if (controller.signal.aborted) throw new APIUserAbortError();
      return answer.response();
    } catch (error) {
      if (timedOut)
        throw new ModelError(
          'timeout',
          `Claude's answer stalled for ${timeoutSeconds} s (opsmith.model.timeoutSeconds).`,
        );
      throw toModelError(error, timeoutSeconds);
    } finally {
      clearTimeout(idle);
      call.signal?.removeEventListener('abort', abort);
    }
  }

  async function sendWhole(request: ModelRequest, call: ModelCallOptions): Promise<ModelResponse> {
    try {
      const message = await sdk.messages.create(params(request), { signal: call.signal ?? undefined });
      const content: (TextContent | ToolCall)[] = [];
      for (const block of message.content) {
        if (block.type === 'text') content.push({ type: 'text', text: block.text });
        else if (block.type === 'tool_use') {
          const rawInput = JSON.stringify(block.input ?? {});
          content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input, rawInput });
        }
      }
      return {
        content,
        stopReason: message.stop_reason ?? null,
        usage: {
          inputTokens: message.usage.input_tokens,
          outputTokens: message.usage.output_tokens,
          cacheReadInputTokens: message.usage.cache_read_input_tokens ?? undefined,
          cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? undefined,
        },
        model: message.model,
      };
    } catch (error) {
      throw toModelError(error, timeoutSeconds);
    }
  }

  return {
    model: options.model,
    async send(request, call = {}) {
      current = { attempts: 0, onProgress: call.onProgress };
      try {
        return await (options.streaming === false ? sendWhole(request, call) : sendStreaming(request, call));
      } finally {
        current = undefined;
      }
    },
  };
}
