// One conversation with the model: the turns so far, the usage of every call, progress while an answer streams.
import { silentLogger, type Logger } from '../workspace/fileSystem';
import { ModelError } from './errors';
import type {
  ModelClient,
  ModelContent,
  ModelMessage,
  ModelTool,
  ModelToolChoice,
  ModelUsage,
  ToolCall,
} from './modelClient';

export interface ConversationOptions {
  system: string;
  tools: ModelTool[];
  toolChoice: ModelToolChoice;
  maxTokens: number;
  signal?: AbortSignal;
  progress?: (message: string) => void;
  logger?: Logger;
  /** Usage of every call, shared by the conversations of one generation (auto mode has two). */
  calls: ModelUsage[];
}

const PROGRESS_EVERY_MS = 250;

export interface RunSettings {
  maxTokens: number;
  repairRounds: number;
}

/** Gives the model its one correction of an unusable answer, or fails clearly when it already had it. */
export class Corrections {
  private used = false;

  take(what: string): void {
    if (this.used)
      throw new ModelError('malformed', `Claude's answer was unusable twice, so Opsmith stopped: ${what}`);
    this.used = true;
  }
}

export class Conversation {
  readonly messages: ModelMessage[] = [];
  /** The model that answered last, as the API named it. */
  answeredBy = '';
  /** Tool calls of the last answer: the API wants a result for each before the next turn. */
  private pending: ToolCall[] = [];

  constructor(
    private readonly client: ModelClient,
    private readonly options: ConversationOptions,
  ) {}

  /** Sends the conversation so far and returns the model's tool call (the first one), if it made one. */
  async ask(phase: string, userText?: string): Promise<{ call?: ToolCall; stopReason: string | null }> {
    if (userText !== undefined) this.messages.push({ role: 'user', content: userText });
    const { progress, logger = silentLogger } = this.options;
    progress?.(`${phase}…`);
    let last = 0;
    const response = await this.client.send(
      {
        system: this.options.system,
        messages: this.messages,
        tools: this.options.tools,
        toolChoice: this.options.toolChoice,
        maxTokens: this.options.maxTokens,
      },
      {
        signal: this.options.signal,
        onProgress: (p) => {
          if (p.kind === 'retrying') {
            const wait = p.delaySeconds !== undefined ? ` in ${Math.ceil(p.delaySeconds)} s` : '';
            progress?.(`Claude answered ${p.status}; retrying${wait}…`);
            logger.warn(`Claude answered ${p.status}; retrying${wait}`);
          } else if (Date.now() - last > PROGRESS_EVERY_MS) {
            last = Date.now();
            progress?.(`${phase}… (${p.characters.toLocaleString('en-US')} characters)`);
          }
        },
      },
    );
    this.answeredBy = response.model || this.client.model;
    this.options.calls.push(response.usage);
    logger.info(
      `Claude call ${this.options.calls.length} (${phase}, ${this.answeredBy}): ${response.usage.inputTokens} input / ${response.usage.outputTokens} output tokens${response.usage.cacheReadInputTokens ? ` (${response.usage.cacheReadInputTokens} read from cache)` : ''}, stop: ${response.stopReason ?? 'none'}`,
    );
    // The assistant turn goes back as it came; a tool input that did not parse is sent as {} (the API needs an
    // object) and the correction explains what was wrong with it.
    const content: ModelContent[] = response.content.map((c) =>
      c.type === 'text'
        ? c
        : {
            type: 'tool_use',
            id: c.id,
            name: c.name,
            input: c.input !== null && typeof c.input === 'object' ? c.input : {},
          },
    );
    if (content.length) this.messages.push({ role: 'assistant', content });
    this.pending = response.content.filter((c): c is ToolCall => c.type === 'tool_use');
    return { call: this.pending[0], stopReason: response.stopReason };
  }

  /** Answers a tool call; `isError` marks a submission Opsmith could not use or that failed the gate. */
  reply(call: ToolCall, text: string, isError: boolean): void {
    const others = this.pending.filter((c) => c.id !== call.id);
    this.pending = [];
    this.messages.push({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: call.id, content: text, ...(isError ? { is_error: true } : {}) },
        ...others.map((c) => ({
          type: 'tool_result' as const,
          tool_use_id: c.id,
          content: 'Ignored: Opsmith uses the first tool call of an answer only.',
          is_error: true,
        })),
      ],
    });
  }
}
