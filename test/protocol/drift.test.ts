import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { ImportUnmanagedMethod, type GenerateResult } from '../../shared/protocol';
import { LspClient, rangeOf } from './client';

const MAIN =
  'resource "aws_instance" "web" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n}\n';
const STATE = JSON.stringify({
  version: 4,
  terraform_version: '1.11.4',
  serial: 1,
  lineage: 'l',
  outputs: {},
  resources: [
    {
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        { schema_version: 1, attributes: { id: 'i-1', ami: 'ami-123', instance_type: 't3.micro' } },
      ],
    },
  ],
});
const snapshot = (instanceType: string) =>
  JSON.stringify({
    version: 1,
    takenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    regions: ['us-east-1'],
    types: [
      { type: 'aws_instance', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 },
      { type: 'aws_sqs_queue', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 },
    ],
    resources: [
      {
        type: 'aws_instance',
        id: 'i-1',
        region: 'us-east-1',
        attributes: { ami: 'ami-123', instance_type: instanceType },
      },
      {
        type: 'aws_sqs_queue',
        id: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
        region: 'us-east-1',
        name: 'jobs',
        attributes: { name: 'jobs', visibility_timeout_seconds: 45, tags: { Team: 'data' } },
      },
    ],
  });

describe('protocol: drift from the latest scan', function () {
  this.timeout(60000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      files: {
        'main.tf': MAIN,
        'terraform.tfstate': STATE,
        '.opsmith/snapshots/latest.json': snapshot('t3.large'),
      },
    });
  });
  after(() => client?.dispose());

  it('shows drift on the attribute line, with adopt, revert and ignore', async () => {
    const uri = await client.open('main.tf', MAIN);
    const published = await client.waitForDiagnostics(uri, {
      predicate: (p) => p.diagnostics.some((d) => d.code === 'drift'),
    });
    const drift = published.diagnostics.filter((d) => d.code === 'drift');
    assert.deepEqual(
      drift.map((d) => [d.message, d.range]),
      [
        [
          'Drift: live instance_type is "t3.large", code says "t3.micro" (scanned 5 minutes ago)',
          rangeOf(MAIN, '"t3.micro"'),
        ],
      ],
    );
    const actions = (await client.request(CodeActionRequest.type, {
      textDocument: { uri },
      range: drift[0].range,
      context: { diagnostics: drift as Diagnostic[] },
    })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => /Adopt live value/.test(t)),
      titles.join(' | '),
    );
    assert.ok(titles.some((t) => /Revert/.test(t)));
    assert.ok(titles.some((t) => /Ignore/.test(t)));
    const adopt = actions.find((a) => /Adopt live value/.test(a.title))!;
    assert.equal(adopt.edit?.changes?.[uri]?.length, 1);
    const revert = actions.find((a) => /Revert/.test(a.title))!;
    assert.equal(revert.command?.command, 'opsmith.revertDrift');
    assert.equal(revert.edit, undefined, 'revert never edits the code');
  });

  it('proposes resource and import blocks for unmanaged resources, checked by the gate, without writing', async () => {
    const result = (await client.requestRaw(ImportUnmanagedMethod, {
      folderUri: client.rootUri,
    })) as GenerateResult;
    assert.equal(result.gate.passed, true, JSON.stringify(result.gate.stages));
    assert.deepEqual(result.resources, ['aws_sqs_queue.jobs']);
    const text = result.files.map((f) => f.content).join('\n');
    assert.match(
      text,
      /import \{\n {2}to = aws_sqs_queue\.jobs\n {2}id = "https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/jobs"\n\}/,
    );
    assert.match(text, /resource "aws_sqs_queue" "jobs" \{/);
    assert.match(text, /visibility_timeout_seconds = 45/);
    assert.ok(!/aws_instance/.test(text), 'the managed instance is not imported again');
    assert.ok(result.files.every((f) => !existsSync(client.path(f.path))));
  });
});
