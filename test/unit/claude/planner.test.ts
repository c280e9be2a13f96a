// Planner mode end to end in the service: the real SDK against the fake Messages API, the plan through the
// offline compiler's renderer and the real gate. No test touches the network.
import assert from 'node:assert/strict';
import { ModelError } from '../../../server/src/service/claude/errors';
import { credentialOf, messageTexts, systemText, toolAnswer } from '../../helpers/fakeAnthropic';
import {
  API_KEY,
  compliantFiles,
  fakeAnthropicForSuite,
  findings,
  generateWithClaude,
  recordingLogger,
  submissionFor,
} from './helpers';

const QUEUE = 'An SQS queue with a dead-letter queue after 5 failed attempts, consumed by a Lambda function';

describe('claude: planner mode', function () {
  this.timeout(60000);
  const fake = fakeAnthropicForSuite();

  it('plan path: a valid plan through tool use → rendered → the gate passes → files, with token usage', async () => {
    fake.replay(
      toolAnswer('submit_plan', submissionFor(QUEUE, { env: 'dev' }), {
        usage: { input_tokens: 5200, output_tokens: 410 },
      }),
    );
    const logger = recordingLogger();
    const progress: string[] = [];
    const result = await generateWithClaude(fake, QUEUE, {
      env: 'dev',
      logger,
      progress: (m) => progress.push(m),
    });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    assert.ok(
      result.resources.some((r) => r.startsWith('aws_sqs_queue.')),
      result.resources.join(),
    );
    assert.ok(
      result.resources.some((r) => r.startsWith('aws_lambda_function.')),
      result.resources.join(),
    );
    assert.ok(result.files.some((f) => f.path === 'versions.tf'));
    assert.deepEqual(result.model, {
      id: 'claude-sonnet-5-5',
      mode: 'planner',
      repairRounds: 0,
      calls: [{ inputTokens: 5200, outputTokens: 410 }],
      inputTokens: 5200,
      outputTokens: 410,
    });
    assert.ok(
      logger.lines.some((l) =>
        /Claude call 1 \(planning, claude-sonnet-5-5\): 5200 input \/ 410 output tokens/.test(l),
      ),
      logger.lines.join('\n'),
    );
    assert.equal(progress[0], 'planning…');
    assert.ok(progress.includes('validating…'));

    // What was sent: the key, the one forced tool with the generated plan schema, the request as the instruction.
    const [sent] = fake.requests;
    assert.equal(credentialOf(sent), API_KEY);
    assert.deepEqual(sent.body.tool_choice, {
      type: 'tool',
      name: 'submit_plan',
      disable_parallel_tool_use: true,
    });
    assert.deepEqual(
      sent.body.tools?.map((t) => t.name),
      ['submit_plan'],
    );
    const schema = sent.body.tools![0].input_schema as {
      type: string;
      required: string[];
      properties: object;
    };
    assert.equal(schema.type, 'object');
    assert.ok(schema.required.includes('components'));
    assert.ok(!('$schema' in schema) && !('$comment' in schema));
    assert.match(systemText(sent), /containerService: ECS Fargate service/);
    assert.match(systemText(sent), /OPS-[A-Z0-9]+-\d+: /, 'the policy list (ids and one line each)');
    const [user] = messageTexts(sent);
    assert.match(user.text, new RegExp(`<request>\\n${QUEUE}\\n</request>`));
    assert.match(user.text, /The person fixed: environment dev\./);
  });

  it('reuses the folder: existing resources reach the model as data and the rendered files reference them', async () => {
    fake.replay(
      toolAnswer('submit_plan', submissionFor('Small Postgres database for staging', { env: 'staging' })),
    );
    const result = await generateWithClaude(fake, 'Small Postgres database for staging', {
      env: 'staging',
      files: {
        'network.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
        'versions.tf':
          'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 6.0"\n    }\n  }\n}\n',
      },
    });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    const [user] = messageTexts(fake.requests[0]);
    const data = JSON.parse(/<workspace_data>\n([\s\S]*)\n<\/workspace_data>/.exec(user.text)![1]) as {
      resources: { address: string; attributes: Record<string, string> }[];
      providers: { name: string; source?: string; constraint?: string }[];
    };
    assert.deepEqual(data.resources, [
      { address: 'aws_vpc.main', attributes: { cidr_block: '"10.0.0.0/16"' } },
    ]);
    assert.deepEqual(data.providers, [{ name: 'aws', source: 'hashicorp/aws', constraint: '~> 6.0' }]);
    assert.match(result.files.map((f) => f.content).join('\n'), /aws_vpc\.main\.id/);
  });

  it('malformed tool input gets one corrective round with what was wrong, then the plan is used', async () => {
    const valid = submissionFor(QUEUE, { env: 'dev' });
    const broken = {
      ...valid,
      components: valid.components.map((c) => (c.kind === 'queue' ? { ...c, kind: 'messageQueue' } : c)),
    };
    fake.replay(toolAnswer('submit_plan', broken), toolAnswer('submit_plan', valid));
    const result = await generateWithClaude(fake, QUEUE, { env: 'dev' });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    assert.equal(fake.requests.length, 2);
    const correction = messageTexts(fake.requests[1]).find((m) => m.kind === 'tool_result')!;
    assert.equal(correction.isError, true);
    assert.match(correction.text, /components\[0\]: kind "messageQueue" is not one of "network", /);
    assert.match(correction.text, /only correction round/);
    assert.equal(result.model?.calls.length, 2);
  });

  it('an answer with two tool calls: the first is used and each gets a tool_result, as the API requires', async () => {
    const valid = submissionFor(QUEUE, { env: 'dev' });
    fake.replay(
      {
        kind: 'message',
        content: [
          { type: 'tool_use', name: 'submit_plan', input: { project: 'x' } },
          { type: 'tool_use', name: 'submit_plan', input: valid },
        ],
      },
      toolAnswer('submit_plan', valid),
    );
    const result = await generateWithClaude(fake, QUEUE, { env: 'dev' });
    assert.equal(result.gate.passed, true);
    const results = messageTexts(fake.requests[1]).filter((m) => m.kind === 'tool_result');
    assert.equal(results.length, 2);
    assert.match(results[1].text, /first tool call of an answer only/);
  });

  it('a dangling reference is malformed too (what the schema cannot say)', async () => {
    const valid = submissionFor(QUEUE, { env: 'dev' });
    const dangling = {
      ...valid,
      components: valid.components.map((c) => (c.kind === 'function' ? { ...c, source: 'orders' } : c)),
    };
    fake.replay(toolAnswer('submit_plan', dangling), toolAnswer('submit_plan', valid));
    await generateWithClaude(fake, QUEUE, { env: 'dev' });
    const correction = messageTexts(fake.requests[1]).find((m) => m.kind === 'tool_result')!;
    assert.match(
      correction.text,
      /components\[1\]\.source: names component "orders", which the plan does not have/,
    );
  });

  it('malformed twice: a clear failure, no third call', async () => {
    fake.replay(
      toolAnswer('submit_plan', { project: 'x' }),
      {
        kind: 'message',
        content: [{ type: 'tool_use', name: 'submit_plan', rawInput: '{"project": "app", ' }],
      },
      toolAnswer('submit_plan', submissionFor(QUEUE)),
    );
    await assert.rejects(generateWithClaude(fake, QUEUE, { env: 'dev' }), (error: Error) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.kind, 'malformed');
      assert.match(error.message, /unusable twice.*not valid JSON/);
      return true;
    });
    assert.equal(fake.requests.length, 2);
  });

  it('401: a typed auth error reaches the caller, nothing is generated', async () => {
    fake.replay({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    await assert.rejects(generateWithClaude(fake, QUEUE), (error: Error) => {
      assert.ok(error instanceof ModelError && error.kind === 'auth', String(error));
      return true;
    });
  });

  it('auto mode: Claude says the catalog cannot express it → a free-form conversation, told why', async () => {
    const files = compliantFiles('An SQS queue with a dead-letter queue', 'dev');
    fake.replay(
      toolAnswer('request_freeform', { reason: 'needs an AWS Transfer Family SFTP server' }),
      toolAnswer('submit_files', { env: 'dev', files }),
    );
    const result = await generateWithClaude(fake, 'An SFTP server for partners', {
      env: 'dev',
      settings: { mode: 'auto' },
    });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    assert.deepEqual(fake.requests[0].body.tool_choice, { type: 'any', disable_parallel_tool_use: true });
    assert.deepEqual(
      fake.requests[0].body.tools?.map((t) => t.name),
      ['submit_plan', 'request_freeform'],
    );
    assert.deepEqual(
      fake.requests[1].body.tools?.map((t) => t.name),
      ['submit_files'],
    );
    assert.match(
      messageTexts(fake.requests[1])[0].text,
      /could not express this request as a plan: needs an AWS Transfer/,
    );
    assert.equal(result.model?.mode, 'freeform');
    assert.equal(result.model?.freeformReason, 'needs an AWS Transfer Family SFTP server');
    assert.equal(result.model?.calls.length, 2);
  });

  it('cancellation: an aborted signal ends the generation as cancelled', async () => {
    fake.replay({ ...toolAnswer('submit_plan', submissionFor(QUEUE)), chunk: 10, delayMs: 300 });
    const controller = new AbortController();
    const pending = generateWithClaude(fake, QUEUE, {
      signal: controller.signal,
      progress: (m) => /characters/.test(m) && controller.abort(),
    });
    await assert.rejects(pending, /cancelled/);
    await fake.requests[0].closed;
    assert.equal(fake.requests[0].aborted, true);
  });
});
