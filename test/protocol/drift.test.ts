import assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
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
    types: [{ type: 'aws_instance', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 }],
    resources: [
      {
        type: 'aws_instance',
        id: 'i-1',
        region: 'us-east-1',
        attributes: { ami: 'ami-123', instance_type: instanceType },
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
});
