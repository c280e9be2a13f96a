// `opsmith generate --model claude` against the fake Messages API: the same plan, gate and repair path as the
// extension, the key from ANTHROPIC_API_KEY, progress and token usage on stderr, exit 1 when the gate fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileIntent, generate } from '../../server/src/service/generate';
import { credentialOf, FakeAnthropic, toolAnswer } from '../helpers/fakeAnthropic';
import { REPO_ROOT } from './client';

const KEY = 'sk-ant-api03-cli-test-key-777';
const REQUEST = 'An SQS queue with a dead-letter queue after 5 failed attempts';

/** Runs the CLI without blocking the event loop (the fake server answers from this process). */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/opsmith.js'), ...args], {
      env: { ...process.env, ANTHROPIC_BASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cli: opsmith generate --model claude', function () {
  this.timeout(120000);
  const fake = new FakeAnthropic();
  let dir: string;
  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-cli-claude-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('plans with Claude, writes --out, reports progress and token usage on stderr', async () => {
    const { plan } = compileIntent(REQUEST, { env: 'dev' });
    const { version: _v, envSource: _s, request: _r, profile: _p, ...submission } = plan;
    fake.replay(toolAnswer('submit_plan', submission, { usage: { input_tokens: 700, output_tokens: 200 } }));
    const { code, stdout, stderr } = await run(
      [
        'generate',
        REQUEST,
        '--model',
        'claude',
        '--base-url',
        fake.url,
        '--env',
        'dev',
        '--out',
        dir,
        '--json',
      ],
      { ANTHROPIC_API_KEY: KEY },
    );
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout) as {
      gate: { passed: boolean };
      files: { path: string }[];
      model: { mode: string };
    };
    assert.equal(result.gate.passed, true);
    assert.equal(result.model.mode, 'planner');
    assert.deepEqual(readdirSync(dir).sort(), result.files.map((f) => f.path).sort());
    assert.match(stderr, /opsmith: planning…/);
    assert.match(stderr, /opsmith: validating…/);
    assert.match(stderr, /total 700 input \/ 200 output tokens/);
    assert.equal(credentialOf(fake.requests[0]), KEY);
    assert.ok(!stderr.includes(KEY) && !stdout.includes(KEY));
  });

  it('exits 1 and writes nothing when the free-form result still fails the gate', async () => {
    const files = generate('Bucket for application logs', { env: 'dev' }).files.map((f) => ({
      ...f,
      content: f.content.replace(/resource "aws_s3_bucket" "logs" \{\n/, '$&  encryption_mode = "x"\n'),
    }));
    fake.replay(
      toolAnswer('submit_files', { env: 'dev', files }),
      toolAnswer('submit_files', { env: 'dev', files }),
    );
    const { code, stdout, stderr } = await run(
      [
        'generate',
        'Bucket for application logs',
        '--model',
        'claude',
        '--mode',
        'freeform',
        '--repair-rounds',
        '1',
        '--base-url',
        fake.url,
        '--out',
        dir,
      ],
      { ANTHROPIC_API_KEY: KEY },
    );
    assert.equal(code, 1, stderr);
    assert.match(stdout, /Gate: FAILED/);
    assert.match(stdout, /encryption_mode/);
    assert.match(stdout, /Nothing was written/);
    assert.match(stderr, /repairing 1\/1…/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('explains a rejected key and a missing key', async () => {
    fake.replay({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    const rejected = await run(['generate', REQUEST, '--model', 'claude', '--base-url', fake.url], {
      ANTHROPIC_API_KEY: KEY,
    });
    assert.equal(rejected.code, 1);
    assert.match(rejected.stderr, /Anthropic rejected the API key/);
    const missing = await run(['generate', REQUEST, '--model', 'claude', '--base-url', fake.url], {
      ANTHROPIC_API_KEY: '',
    });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs an API key in ANTHROPIC_API_KEY/);
  });
});
