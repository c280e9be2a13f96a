// Free-form mode: Claude writes HCL, the gate's findings go back for repair rounds, and the result either passes
// or keeps its findings (and the caller writes nothing). The real SDK against the fake Messages API.
import assert from 'node:assert/strict';
import { messageTexts, toolAnswer, type RecordedRequest } from '../../helpers/fakeAnthropic';
import { compliantFiles, fakeAnthropicForSuite, findings, generateWithClaude } from './helpers';

const REQUEST = 'Bucket for application logs that deletes objects after one year';

/** The compliant files with an argument aws_s3_bucket does not have. */
function withInventedAttribute(): { path: string; content: string }[] {
  return compliantFiles(REQUEST).map((f) => ({
    ...f,
    content: f.content.replace(
      /resource "aws_s3_bucket" "logs" \{\n/,
      'resource "aws_s3_bucket" "logs" {\n  encryption_mode = "x"\n',
    ),
  }));
}

const toolResults = (request: RecordedRequest) =>
  messageTexts(request).filter((m) => m.kind === 'tool_result');

describe('claude: free-form mode with the validate-and-repair loop', function () {
  this.timeout(60000);
  const fake = fakeAnthropicForSuite();

  it('repair path: an invented attribute fails the schema check, the finding goes back, the second answer passes', async () => {
    assert.ok(withInventedAttribute().some((f) => f.content.includes('encryption_mode')));
    fake.replay(
      toolAnswer('submit_files', { env: 'dev', files: withInventedAttribute(), summary: 'a logs bucket' }),
      toolAnswer('submit_files', { env: 'dev', files: compliantFiles(REQUEST) }),
    );
    const progress: string[] = [];
    const result = await generateWithClaude(fake, REQUEST, {
      env: 'dev',
      settings: { mode: 'freeform' },
      progress: (m) => progress.push(m),
    });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    assert.equal(fake.requests.length, 2);
    assert.deepEqual(fake.requests[0].body.tool_choice, {
      type: 'tool',
      name: 'submit_files',
      disable_parallel_tool_use: true,
    });
    const [feedback] = toolResults(fake.requests[1]);
    assert.equal(feedback.isError, true);
    assert.match(feedback.text, /<gate_findings>/);
    assert.match(feedback.text, /"stage": "schema"/);
    assert.match(feedback.text, /encryption_mode/);
    assert.match(feedback.text, /repair 1 of 3/);
    assert.ok(progress.includes('repairing 1/3…'), progress.join(' | '));
    assert.equal(result.model?.mode, 'freeform');
    assert.equal(result.model?.repairRounds, 1);
    assert.ok(result.resources.includes('aws_s3_bucket.logs'));
    assert.ok(!result.files.some((f) => f.content.includes('encryption_mode')));
  });

  it('give-up path: always invalid → after N rounds the result fails the gate with its findings', async () => {
    const bad = toolAnswer('submit_files', { env: 'dev', files: withInventedAttribute() });
    fake.replay(bad, bad, bad, bad);
    const result = await generateWithClaude(fake, REQUEST, {
      env: 'dev',
      settings: { mode: 'freeform', repairRounds: 2 },
    });
    assert.equal(fake.requests.length, 3, 'the first answer and two repair rounds');
    assert.equal(result.gate.passed, false);
    const schema = result.gate.stages.find((s) => s.name === 'schema')!;
    assert.equal(schema.passed, false);
    assert.ok(
      schema.findings.some((f) => /encryption_mode/.test(f.message)),
      findings(result).join('\n'),
    );
    assert.equal(result.model?.repairRounds, 2);
    assert.match(toolResults(fake.requests[2])[1].text, /repair 2 of 2/);
  });

  it('files are formatted before the gate, so layout never costs a repair round', async () => {
    const files = compliantFiles(REQUEST).map((f) => ({ ...f, content: f.content.replace(/ {2}/g, '    ') }));
    fake.replay(toolAnswer('submit_files', { env: 'dev', files }));
    const result = await generateWithClaude(fake, REQUEST, { env: 'dev', settings: { mode: 'freeform' } });
    assert.equal(result.gate.passed, true, findings(result).join('\n'));
    assert.equal(fake.requests.length, 1);
  });

  it('a path outside the folder is refused and corrected, never proposed', async () => {
    const files = compliantFiles(REQUEST);
    fake.replay(
      toolAnswer('submit_files', {
        env: 'dev',
        files: [...files, { path: '../../etc/passwd.tf', content: '' }],
      }),
      toolAnswer('submit_files', { env: 'dev', files }),
    );
    const result = await generateWithClaude(fake, REQUEST, { env: 'dev', settings: { mode: 'freeform' } });
    assert.equal(result.gate.passed, true);
    assert.match(toolResults(fake.requests[1])[0].text, /must be a relative path inside the target folder/);
    assert.ok(result.files.every((f) => f.uri.startsWith('file:///ws/') && !f.path.includes('..')));
  });
});
