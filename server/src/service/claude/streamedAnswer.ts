// A streamed Messages API answer, accumulated from its raw events.
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ModelResponse, ModelUsage, TextContent, ToolCall } from './modelClient';

/** Strict JSON (the SDK's own accumulation parses leniently and throws mid-stream on broken input). */
export function parseToolInput(raw: string): { input: unknown; inputError?: string } {
  if (raw.trim() === '') return { input: {} };
  try {
    return { input: JSON.parse(raw) };
  } catch (error) {
    return { input: undefined, inputError: (error as Error).message };
  }
}

/** Accumulates a streamed answer itself, so a tool input that is not valid JSON becomes an answer to correct. */
export class StreamedAnswer {
  model = '';
  stopReason: string | null = null;
  usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };
  private readonly blocks: (
    { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; raw: string } | undefined
  )[] = [];
  characters = 0;

  add(event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        this.model = event.message.model;
        this.usage = {
          inputTokens: event.message.usage.input_tokens,
          outputTokens: event.message.usage.output_tokens,
          cacheReadInputTokens: event.message.usage.cache_read_input_tokens ?? undefined,
          cacheCreationInputTokens: event.message.usage.cache_creation_input_tokens ?? undefined,
        };
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') this.blocks[event.index] = { type: 'text', text: block.text };
        else if (block.type === 'tool_use')
          this.blocks[event.index] = { type: 'tool_use', id: block.id, name: block.name, raw: '' };
        break;
      }
      case 'content_block_delta': {
        const block = this.blocks[event.index];
        if (event.delta.type === 'text_delta' && block?.type === 'text') {
          block.text += event.delta.text;
          this.characters += event.delta.text.length;
        } else if (event.delta.type === 'input_json_delta' && block?.type === 'tool_use') {
          block.raw += event.delta.partial_json;
          this.characters += event.delta.partial_json.length;
        }
        break;
      }
      case 'message_delta':
        this.stopReason = event.delta.stop_reason ?? null;
        this.usage.outputTokens = event.usage.output_tokens;
        if (event.usage.input_tokens != null) this.usage.inputTokens = event.usage.input_tokens;
        break;
    }
  }

  response(): ModelResponse {
    const content: (TextContent | ToolCall)[] = [];
    for (const block of this.blocks) {
      if (!block) continue;
      if (block.type === 'text') content.push({ type: 'text', text: block.text });
      else
        content.push({
          type: 'tool_use',
          id: block.id,
          name: block.name,
          rawInput: block.raw,
          ...parseToolInput(block.raw),
        });
    }
    return { content, stopReason: this.stopReason, usage: this.usage, model: this.model };
  }
}
