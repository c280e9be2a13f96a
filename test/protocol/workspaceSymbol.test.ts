import assert from 'node:assert/strict';
import { SymbolKind, WorkspaceSymbolRequest, type WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { LspClient, rangeOf } from './client';

describe('protocol: workspace/symbol', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('finds declarations in every indexed file, opened or not, by fuzzy address', async () => {
    const found = (await client.request(WorkspaceSymbolRequest.type, { query: 'vpc' })) as WorkspaceSymbol[];
    const names = found
      .map((s) => `${s.name} ${'uri' in s.location ? s.location.uri.slice(client.rootUri.length + 1) : ''}`)
      .sort();
    assert.deepEqual(names, [
      'aws_vpc.this modules/network/main.tf',
      'output.vpc_id modules/network/outputs.tf',
      'output.vpc_id outputs.tf',
      'var.vpc_cidr variables.tf',
    ]);
    const resource = found.find((s) => s.name === 'aws_vpc.this')!;
    assert.equal(resource.kind, SymbolKind.Class);
    assert.deepEqual(resource.location, {
      uri: client.uri('modules/network/main.tf'),
      range: rangeOf(client.read('modules/network/main.tf'), '"this"'),
    });
  });

  it('matches characters in order ("atw" → aws_instance.web) and returns everything for an empty query', async () => {
    const found = (await client.request(WorkspaceSymbolRequest.type, {
      query: 'ainweb',
    })) as WorkspaceSymbol[];
    assert.deepEqual(
      found.map((s) => s.name),
      ['aws_instance.web'],
    );
    const all = (await client.request(WorkspaceSymbolRequest.type, { query: '' })) as WorkspaceSymbol[];
    assert.ok(all.length >= 17, `${all.length} symbols`);
    assert.deepEqual(await client.request(WorkspaceSymbolRequest.type, { query: 'zzzz-nothing' }), []);
  });

  it('includes unsaved declarations of open files', async () => {
    await client.open('scratch.tf', 'resource "aws_s3_bucket" "logs_unsaved" {}\n');
    const found = (await client.request(WorkspaceSymbolRequest.type, {
      query: 'logs_unsaved',
    })) as WorkspaceSymbol[];
    assert.deepEqual(
      found.map((s) => s.name),
      ['aws_s3_bucket.logs_unsaved'],
    );
  });
});
