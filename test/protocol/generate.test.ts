import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { GenerateRequestMethod, type GenerateResult } from '../../shared/protocol';
import { LspClient } from './client';

describe('protocol: opsmith/generate', function () {
  this.timeout(60000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({
      files: {
        'network.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      },
    });
  });
  after(() => client?.dispose());

  it('returns gate-checked files for the folder, reusing what it already holds, and writes nothing', async () => {
    const result = (await client.requestRaw(GenerateRequestMethod, {
      request: 'Postgres database for production with backups kept for 30 days',
      folderUri: client.rootUri,
    })) as GenerateResult;
    assert.equal(result.gate.passed, true, JSON.stringify(result.gate.stages.filter((s) => !s.passed)));
    assert.ok(
      result.resources.includes('aws_db_instance.db') ||
        result.resources.some((r) => r.startsWith('aws_db_instance.')),
    );
    assert.ok(!result.resources.includes('aws_vpc.main'), 'the existing VPC is reused, not declared again');
    assert.ok(result.files.every((f) => f.path !== 'network.tf' || f.previous !== undefined));
    const all = result.files.map((f) => f.content).join('\n');
    assert.match(all, /aws_vpc\.main\.id/);
    assert.deepEqual(
      result.files.filter((f) => f.previous === undefined).map((f) => existsSync(client.path(f.path))),
      result.files.filter((f) => f.previous === undefined).map(() => false),
      'nothing is written by the server',
    );
  });

  it('reports what it did not understand', async () => {
    const result = (await client.requestRaw(GenerateRequestMethod, {
      request: 'Production web service with a flux capacitor',
      folderUri: client.rootUri,
    })) as GenerateResult;
    assert.ok(
      result.notUnderstood.some((n) => /flux capacitor/.test(n)),
      JSON.stringify(result.notUnderstood),
    );
  });
});
