// opsmith/generate with Claude, against the bundled server: the API key sealed to the server's key
// (opsmith/modelKey), the real SDK in the server talking to the fake Messages API on 127.0.0.1, progress on the
// request's work-done token, cancellation over $/cancelRequest, model failures as typed errors.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import {
  CancellationTokenSource,
  WorkDoneProgress,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import {
  GenerateRequestMethod,
  ModelKeyRequestMethod,
  type GenerateParams,
  type GenerateResult,
  type ModelKeyResult,
} from '../../shared/protocol';
import { SecretOpener, sealSecret } from '../../shared/sealedSecret';
import { compileIntent } from '../../server/src/service/generate';
import { credentialOf, FakeAnthropic, messageTexts, toolAnswer } from '../helpers/fakeAnthropic';
import { LspClient } from './client';

const KEY = 'sk-ant-api03-protocol-test-key-4242';
const REQUEST = 'An SQS queue with a dead-letter queue after 5 failed attempts';

function submission() {
  const { plan } = compileIntent(REQUEST, { env: 'dev' });
  const { version: _v, envSource: _s, request: _r, profile: _p, ...rest } = plan;
  return rest;
}

describe('protocol: opsmith/generate with Claude (fake Messages API)', function () {
  this.timeout(60000);
  const fake = new FakeAnthropic();
  let client: LspClient;
  before(async () => {
    await fake.start();
    client = await LspClient.start({
      files: { 'network.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' },
    });
  });
  after(async () => {
    await client?.dispose();
    await fake.stop();
  });

  async function params(extra: Partial<GenerateParams['model']> = {}): Promise<GenerateParams> {
    const { publicKey } = (await client.connection.sendRequest(ModelKeyRequestMethod)) as ModelKeyResult;
    return {
      request: REQUEST,
      folderUri: client.rootUri,
      env: 'dev',
      model: {
        sealedApiKey: sealSecret(KEY, publicKey),
        id: 'claude-sonnet-5-5',
        maxTokens: 8192,
        baseUrl: fake.url,
        timeoutSeconds: 30,
        repairRounds: 2,
        mode: 'planner',
        ...extra,
      },
    };
  }

  it('plans with the model, reports progress on the token, and returns gate-checked files it did not write', async () => {
    fake.replay(
      toolAnswer('submit_plan', submission(), { usage: { input_tokens: 900, output_tokens: 300 } }),
    );
    const token = 'generate-progress-1';
    const messages: string[] = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind !== 'end' && value.message) messages.push(value.message);
    });
    const sent = { ...(await params()), workDoneToken: token };
    const result = (await client.requestRaw(GenerateRequestMethod, sent, 30000)) as GenerateResult;
    listening.dispose();
    assert.equal(result.gate.passed, true, JSON.stringify(result.gate.stages.filter((s) => !s.passed)));
    assert.ok(result.resources.some((r) => r.startsWith('aws_sqs_queue.')));
    assert.deepEqual(result.model, {
      id: 'claude-sonnet-5-5',
      mode: 'planner',
      repairRounds: 0,
      calls: [{ inputTokens: 900, outputTokens: 300 }],
      inputTokens: 900,
      outputTokens: 300,
    });
    assert.ok(messages.includes('planning…'), messages.join(' | '));
    assert.ok(messages.includes('validating…'), messages.join(' | '));
    assert.ok(result.files.every((f) => f.previous !== undefined || !existsSync(client.path(f.path))));

    // The SDK in the server sent the unsealed key; the folder went as data.
    assert.equal(fake.requests.length, 1);
    assert.equal(credentialOf(fake.requests[0]), KEY);
    assert.match(messageTexts(fake.requests[0])[0].text, /"address": "aws_vpc\.main"/);
    // The key crossed the connection sealed only, and never reached a log line.
    assert.ok(!JSON.stringify(sent).includes(KEY));
    assert.ok(!client.logs.some((l) => l.message.includes(KEY)) && !client.stderr.includes(KEY));
    assert.ok(
      client.logs.some((l) =>
        /Claude call 1 \(planning, claude-sonnet-5-5\): 900 input \/ 300 output/.test(l.message),
      ),
    );
  });

  it('401: the request fails with a typed model error the client can act on', async () => {
    fake.replay({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    await assert.rejects(client.requestRaw(GenerateRequestMethod, await params(), 30000), (error: Error) => {
      const e = error as Error & { code: number; data: unknown };
      assert.equal(e.code, -32803, 'RequestFailed');
      assert.deepEqual(e.data, { modelError: 'auth' });
      assert.match(e.message, /rejected the API key/);
      return true;
    });
  });

  it('$/cancelRequest aborts the model call mid-stream', async () => {
    fake.replay({ ...toolAnswer('submit_plan', submission()), chunk: 10, delayMs: 400 });
    const source = new CancellationTokenSource();
    const token = 'generate-progress-cancel';
    const listening = client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if ((value as WorkDoneProgressReport).message?.includes('characters')) source.cancel();
    });
    const started = Date.now();
    const pending = client.connection.sendRequest(
      GenerateRequestMethod,
      { ...(await params()), workDoneToken: token },
      source.token,
    );
    await assert.rejects(pending, (error: Error & { code?: number }) => {
      assert.equal(error.code, -32800, `RequestCancelled, not ${error.message}`);
      return true;
    });
    listening.dispose();
    assert.ok(Date.now() - started < 10000);
    await fake.requests[0].closed;
    assert.equal(fake.requests[0].aborted, true, 'the HTTP request was aborted');
  });

  it('a key sealed for another server process is refused with a clear error', async () => {
    const sent = await params();
    sent.model!.sealedApiKey = sealSecret(KEY, new SecretOpener().publicKey());
    await assert.rejects(
      client.requestRaw(GenerateRequestMethod, sent, 30000),
      (error: Error & { data?: unknown }) => {
        assert.deepEqual(error.data, { modelError: 'noKey' });
        return true;
      },
    );
  });
});
