// What the generation engines need from a model, independent of any SDK: one call with tools, answered as text
// and tool calls. The Anthropic SDK adapter (anthropicClient.ts) is one implementation; tests may script another.

/** A JSON schema for a tool's input (the Messages API wants an object schema at the top). */
export interface ToolInputSchema {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  [key: string]: unknown;
}

export interface ModelTool {
  name: string;
  description: string;
  input_schema: ToolInputSchema;
}

export type ModelToolChoice = { type: 'tool'; name: string } | { type: 'any' };

export interface TextContent {
  type: 'text';
  text: string;
}

export interface ToolUseContent {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultContent {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}

export type ModelContent = TextContent | ToolUseContent | ToolResultContent;

export interface ModelMessage {
  role: 'user' | 'assistant';
  content: string | ModelContent[];
}

export interface ModelRequest {
  system: string;
  messages: ModelMessage[];
  tools: ModelTool[];
  toolChoice: ModelToolChoice;
  maxTokens: number;
}

/** A tool call as it arrived: `input` is the parsed JSON, or undefined with `inputError` when it did not parse. */
export interface ToolCall extends ToolUseContent {
  /** The input exactly as streamed, for error messages. */
  rawInput: string;
  inputError?: string;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
}

export interface ModelResponse {
  content: (TextContent | ToolCall)[];
  /** `tool_use`, `end_turn`, `max_tokens`, … */
  stopReason: string | null;
  usage: ModelUsage;
  /** The model that answered, as the API named it. */
  model: string;
}

/** What happened while a call ran, for the progress notification. */
export type ModelProgress =
  { kind: 'streaming'; characters: number } | { kind: 'retrying'; status: number; delaySeconds?: number };

export interface ModelCallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ModelProgress) => void;
}

export interface ModelClient {
  /** The model id requests go to. */
  readonly model: string;
  send(request: ModelRequest, options?: ModelCallOptions): Promise<ModelResponse>;
}
