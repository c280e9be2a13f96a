// The Anthropic SDK adapter against the local fake Messages API: streaming and non-streaming answers, tool input
// in chunks, errors and retries with retry-after, cancellation and stalls. No test touches the network.
import assert from 'node:assert/strict';
import { createAnthropicClient } from '../../../server/src/service/claude/anthropicClient';
import { ModelCancelled, ModelError } from '../../../server/src/service/claude/errors';
import type { ModelProgress, ModelRequest } from '../../../server/src/service/claude/modelClient';
import { credentialOf, FakeAnthropic, toolAnswer } from '../../helpers/fakeAnthropic';
import { API_KEY } from './helpers';

const REQUEST: ModelRequest = {
  system: 'system text',
  messages: [{ role: 'user', content: 'hello' }],
  tools: [
    {
      name: 'submit_plan',
      description: 'd',
      input_schema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
    },
  ],
  toolChoice: { type: 'tool', name: 'submit_plan' },
  maxTokens: 2048,
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a rejection');
}

describe('claude: the Anthropic SDK adapter against the fake Messages API', function () {
  this.timeout(20000);
  const fake = new FakeAnthropic();
  before(() => fake.start());
  after(() => fake.stop());

  const client = (extra: Partial<Parameters<typeof createAnthropicClient>[0]> = {}) =>
    createAnthropicClient({
      apiKey: API_KEY,
      model: 'claude-sonnet-5-5',
      baseUrl: fake.url,
      timeoutMs: 5000,
      ...extra,
    });

  it('streams an answer: text and a tool call whose JSON arrives in chunks, with usage', async () => {
    fake.replay({
      kind: 'message',
      content: [
        { type: 'text', text: 'Here is the plan.' },
        {
          type: 'tool_use',
          name: 'submit_plan',
          input: { a: 1, nested: { list: [1, 2, 3], text: 'x'.repeat(200) } },
        },
      ],
      chunk: 7,
      usage: { input_tokens: 1234, output_tokens: 321 },
    });
    const progress: ModelProgress[] = [];
    const response = await client().send(REQUEST, { onProgress: (p) => progress.push(p) });
    assert.equal(response.stopReason, 'tool_use');
    assert.deepEqual(response.usage, {
      inputTokens: 1234,
      outputTokens: 321,
      cacheReadInputTokens: undefined,
      cacheCreationInputTokens: undefined,
    });
    assert.deepEqual(response.content[0], { type: 'text', text: 'Here is the plan.' });
    const call = response.content[1];
    assert.equal(call.type, 'tool_use');
    assert.deepEqual(call.type === 'tool_use' && call.input, {
      a: 1,
      nested: { list: [1, 2, 3], text: 'x'.repeat(200) },
    });
    assert.ok(progress.filter((p) => p.kind === 'streaming').length > 10, 'progress per delta');

    const [sent] = fake.requests;
    assert.equal(credentialOf(sent), API_KEY, 'the key travels as the SDK sends it');
    assert.match(String(sent.headers['anthropic-version']), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(sent.body.stream, true);
    assert.equal(sent.body.model, 'claude-sonnet-5-5');
    assert.equal(sent.body.max_tokens, 2048);
    assert.deepEqual(sent.body.tool_choice, {
      type: 'tool',
      name: 'submit_plan',
      disable_parallel_tool_use: true,
    });
    assert.equal(sent.body.tools?.[0].name, 'submit_plan');
  });

  it('answers without streaming too', async () => {
    fake.replay(toolAnswer('submit_plan', { a: 2 }, { usage: { input_tokens: 10, output_tokens: 5 } }));
    const response = await client({ streaming: false }).send(REQUEST);
    assert.equal(fake.requests[0].body.stream, undefined);
    const call = response.content[0];
    assert.deepEqual(call.type === 'tool_use' && call.input, { a: 2 });
    assert.deepEqual([response.usage.inputTokens, response.usage.outputTokens], [10, 5]);
  });

  it('keeps a tool input that is not valid JSON as an error to correct, not a crash', async () => {
    fake.replay({
      kind: 'message',
      content: [{ type: 'tool_use', name: 'submit_plan', rawInput: '{"a": [1, }' }],
    });
    const response = await client().send(REQUEST);
    const call = response.content[0];
    assert.equal(call.type, 'tool_use');
    assert.equal(call.type === 'tool_use' && call.rawInput, '{"a": [1, }');
    assert.ok(call.type === 'tool_use' && call.inputError, 'the parse error is reported');
  });

  it('401 is a typed auth error, not retried', async () => {
    fake.replay({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    const error = await rejection(client().send(REQUEST));
    assert.ok(error instanceof ModelError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.match(error.message, /rejected the API key.*invalid x-api-key/);
    assert.equal(fake.requests.length, 1);
  });

  it('403 is an auth error too', async () => {
    fake.replay({ kind: 'error', status: 403, type: 'permission_error', message: 'not allowed' });
    const error = await rejection(client().send(REQUEST));
    assert.equal((error as ModelError).kind, 'auth');
  });

  it('429 with retry-after: waits what it says, then the second attempt succeeds', async () => {
    fake.replay(
      {
        kind: 'error',
        status: 429,
        type: 'rate_limit_error',
        message: 'slow down',
        headers: { 'retry-after': '1' },
      },
      toolAnswer('submit_plan', { a: 3 }),
    );
    const progress: ModelProgress[] = [];
    const started = Date.now();
    const response = await client().send(REQUEST, { onProgress: (p) => progress.push(p) });
    const call = response.content[0];
    assert.deepEqual(call.type === 'tool_use' && call.input, { a: 3 });
    assert.equal(fake.requests.length, 2);
    const gap = fake.requests[1].receivedAt - fake.requests[0].receivedAt;
    assert.ok(gap >= 950, `the retry waited ${gap} ms, retry-after said 1 s`);
    assert.ok(gap < 3000, `the retry waited ${gap} ms, not a default backoff`);
    assert.ok(Date.now() - started >= 950);
    assert.deepEqual(
      progress.find((p) => p.kind === 'retrying'),
      { kind: 'retrying', status: 429, delaySeconds: 1 },
    );
  });

  it('529 overloaded: retried, and when it stays overloaded a typed error after the retries', async () => {
    const overloaded = {
      kind: 'error' as const,
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
      headers: { 'retry-after': '0.05' },
    };
    fake.replay(overloaded, overloaded, overloaded, overloaded, overloaded);
    const error = await rejection(client({ maxRetries: 3 }).send(REQUEST));
    assert.ok(error instanceof ModelError);
    assert.equal(error.kind, 'overloaded');
    assert.equal(fake.requests.length, 4, 'one attempt and three retries');
  });

  it('a 5xx then success is retried transparently', async () => {
    fake.replay(
      { kind: 'error', status: 500, type: 'api_error', headers: { 'retry-after-ms': '20' } },
      toolAnswer('submit_plan', { a: 4 }),
    );
    const response = await client().send(REQUEST);
    assert.equal(response.content.length, 1);
    assert.equal(fake.requests.length, 2);
  });

  it('cancellation mid-stream aborts the HTTP request and rejects quickly', async () => {
    fake.replay({ ...toolAnswer('submit_plan', { a: 'x'.repeat(400) }), chunk: 20, delayMs: 500 });
    const controller = new AbortController();
    let cancelledAt = 0;
    const sent = client().send(REQUEST, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'streaming' && !cancelledAt) {
          cancelledAt = Date.now();
          controller.abort();
        }
      },
    });
    const error = await rejection(sent);
    assert.ok(error instanceof ModelCancelled, `${error}`);
    assert.ok(Date.now() - cancelledAt < 400, 'rejected without waiting for the stream');
    await fake.requests[0].closed;
    assert.equal(fake.requests[0].aborted, true, 'the server saw the connection dropped before the end');
  });

  it('a stream that stalls is a timeout with a clear message', async () => {
    fake.replay({ ...toolAnswer('submit_plan', { a: 5 }), stallAfterEvents: 3 });
    const error = await rejection(client({ timeoutMs: 300 }).send(REQUEST));
    assert.ok(error instanceof ModelError);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /stalled/);
  });

  it('an unreachable API is a connection error', async () => {
    const error = await rejection(
      createAnthropicClient({
        apiKey: API_KEY,
        model: 'm',
        baseUrl: 'http://127.0.0.1:9',
        timeoutMs: 2000,
        maxRetries: 0,
      }).send(REQUEST),
    );
    assert.equal((error as ModelError).kind, 'connection');
  });
});
