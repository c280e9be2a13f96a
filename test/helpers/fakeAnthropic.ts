/**
 * A local stand-in for the Anthropic Messages API on 127.0.0.1, for tests that run the real @anthropic-ai/sdk with
 * its baseURL pointed here. It speaks what the SDK uses of POST /v1/messages — the JSON answer and the SSE stream
 * (message_start, content_block_start for text and tool_use, text_delta and input_json_delta in chunks,
 * content_block_stop, message_delta with usage and stop_reason, message_stop, ping) — and errors in the API's
 * JSON shape with status codes and retry-after headers. It replays a script (one reply per request, in order,
 * or a function of the request) and records every request, so tests can assert what the model was sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBlock =
  | { type: 'text'; text: string }
  /** `input` is sent as JSON; `rawInput` as is (to send JSON that does not parse). */
  | { type: 'tool_use'; name: string; input?: unknown; rawInput?: string; id?: string };

export interface FakeMessage {
  kind: 'message';
  content: FakeBlock[];
  stopReason?: 'end_turn' | 'tool_use' | 'max_tokens';
  usage?: { input_tokens: number; output_tokens: number };
  /** Milliseconds between stream events (a slow stream, for cancellation). */
  delayMs?: number;
  /** Characters per text_delta / input_json_delta chunk. */
  chunk?: number;
  /** Stop sending after this many events and keep the connection open (a stalled stream). */
  stallAfterEvents?: number;
}

export interface FakeError {
  kind: 'error';
  status: number;
  /** The API's error type: authentication_error, rate_limit_error, overloaded_error, api_error, … */
  type: string;
  message?: string;
  headers?: Record<string, string>;
}

export type FakeReply = FakeMessage | FakeError;
export type ScriptStep = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body. */
  body: {
    model: string;
    max_tokens: number;
    stream?: boolean;
    system?: string | { type: 'text'; text: string }[];
    messages: { role: string; content: unknown }[];
    tools?: { name: string; input_schema: unknown }[];
    tool_choice?: { type: string; name?: string };
    [key: string]: unknown;
  };
  receivedAt: number;
  /** The client closed the connection before the reply was complete (an aborted request). */
  aborted: boolean;
  /** Resolves when the connection for this request closed, complete or not. */
  closed: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

/** The credential a request carried: `x-api-key`, or the bearer token the SDK sends an API key as. */
export function credentialOf(request: RecordedRequest): string | undefined {
  const key = request.headers['x-api-key'];
  if (typeof key === 'string') return key;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

/** The request's system prompt as one string. */
export function systemText(request: RecordedRequest): string {
  const system = request.body.system;
  return typeof system === 'string' ? system : (system ?? []).map((b) => b.text).join('\n');
}

/** Every text the request sends in its messages (user text, tool results), for assertions on what was sent. */
export function messageTexts(
  request: RecordedRequest,
): { role: string; kind: string; text: string; isError?: boolean }[] {
  const out: { role: string; kind: string; text: string; isError?: boolean }[] = [];
  for (const m of request.body.messages) {
    if (typeof m.content === 'string') out.push({ role: m.role, kind: 'text', text: m.content });
    else
      for (const block of m.content as Record<string, unknown>[]) {
        if (block.type === 'text') out.push({ role: m.role, kind: 'text', text: String(block.text) });
        if (block.type === 'tool_result')
          out.push({
            role: m.role,
            kind: 'tool_result',
            text: typeof block.content === 'string' ? block.content : JSON.stringify(block.content),
            isError: block.is_error === true,
          });
        if (block.type === 'tool_use')
          out.push({ role: m.role, kind: 'tool_use', text: JSON.stringify(block.input) });
      }
  }
  return out;
}

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  private script: ScriptStep[] = [];
  private server?: http.Server;
  private ids = 0;
  /** What to answer when the script has run out. */
  fallback: FakeReply = {
    kind: 'error',
    status: 500,
    type: 'api_error',
    message: 'the test script has no more replies',
  };

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the fake Anthropic server is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Replaces the script: the next requests get these replies, in order. */
  replay(...steps: ScriptStep[]): this {
    this.script = [...steps];
    this.requests.length = 0;
    return this;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => resolve(text));
    });
    let resolveClosed!: () => void;
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0],
      headers: req.headers,
      body: body ? JSON.parse(body) : {},
      receivedAt: Date.now(),
      aborted: false,
      closed: new Promise((resolve) => (resolveClosed = resolve)),
    };
    let finished = false;
    res.on('finish', () => (finished = true));
    res.on('close', () => {
      if (!finished) record.aborted = true;
      resolveClosed();
    });
    this.requests.push(record);
    if (record.method !== 'POST' || record.path !== '/v1/messages') {
      this.sendError(res, {
        kind: 'error',
        status: 404,
        type: 'not_found_error',
        message: `${record.path} is not faked`,
      });
      return;
    }
    const step = this.script.shift();
    const reply = typeof step === 'function' ? step(record) : (step ?? this.fallback);
    if (reply.kind === 'error') this.sendError(res, reply);
    else if (record.body.stream) await this.stream(res, reply, record);
    else this.sendJson(res, reply, record);
  }

  private sendError(res: http.ServerResponse, error: FakeError): void {
    const payload = JSON.stringify({
      type: 'error',
      error: { type: error.type, message: error.message ?? error.type },
      request_id: `req_fake_${++this.ids}`,
    });
    res.writeHead(error.status, { 'content-type': 'application/json', ...error.headers });
    res.end(payload);
  }

  private message(reply: FakeMessage, request: RecordedRequest) {
    const id = `msg_fake_${++this.ids}`;
    const content = reply.content.map((b) =>
      b.type === 'text'
        ? { type: 'text', text: b.text }
        : { type: 'tool_use', id: b.id ?? `toolu_fake_${++this.ids}`, name: b.name, input: b.input ?? {} },
    );
    const hasTool = reply.content.some((b) => b.type === 'tool_use');
    return {
      id,
      type: 'message',
      role: 'assistant',
      model: request.body.model,
      content,
      stop_reason: reply.stopReason ?? (hasTool ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      usage: reply.usage ?? {
        input_tokens: 100 + JSON.stringify(request.body).length / 4,
        output_tokens: 50,
      },
    };
  }

  private sendJson(res: http.ServerResponse, reply: FakeMessage, request: RecordedRequest): void {
    const message = this.message(reply, request);
    message.usage = {
      input_tokens: Math.round(message.usage.input_tokens),
      output_tokens: message.usage.output_tokens,
    };
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_fake_${this.ids}` });
    res.end(JSON.stringify(message));
  }

  private async stream(
    res: http.ServerResponse,
    reply: FakeMessage,
    request: RecordedRequest,
  ): Promise<void> {
    const message = this.message(reply, request);
    const usage = {
      input_tokens: Math.round(message.usage.input_tokens),
      output_tokens: message.usage.output_tokens,
    };
    const events: [string, unknown][] = [
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            ...message,
            content: [],
            stop_reason: null,
            usage: { input_tokens: usage.input_tokens, output_tokens: 1 },
          },
        },
      ],
      ['ping', { type: 'ping' }],
    ];
    const size = reply.chunk ?? 40;
    reply.content.forEach((block, index) => {
      const sent = message.content[index] as { id?: string };
      if (block.type === 'text') {
        events.push([
          'content_block_start',
          { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        ]);
        for (const text of chunks(block.text, size))
          events.push([
            'content_block_delta',
            { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
          ]);
      } else {
        events.push([
          'content_block_start',
          {
            type: 'content_block_start',
            index,
            content_block: { type: 'tool_use', id: sent.id, name: block.name, input: {} },
          },
        ]);
        const json = block.rawInput ?? JSON.stringify(block.input ?? {});
        for (const partial_json of chunks(json, size))
          events.push([
            'content_block_delta',
            { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } },
          ]);
      }
      events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    });
    events.push(
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: message.stop_reason, stop_sequence: null },
          usage: { output_tokens: usage.output_tokens },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    );
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': `req_fake_${this.ids}`,
    });
    let sent = 0;
    for (const [event, data] of events) {
      if (request.aborted || res.destroyed) return;
      if (reply.stallAfterEvents !== undefined && sent >= reply.stallAfterEvents) {
        await request.closed;
        return;
      }
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      sent++;
      if (reply.delayMs) await sleep(reply.delayMs);
    }
    res.end();
  }
}

/** A streamed answer that calls one tool with `input`. */
export function toolAnswer(name: string, input: unknown, extra: Partial<FakeMessage> = {}): FakeMessage {
  return { kind: 'message', content: [{ type: 'tool_use', name, input }], ...extra };
}
