import assert from 'node:assert/strict';
import { FoldingRangeRequest } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

describe('protocol: textDocument/foldingRange', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('folds blocks and multi-line objects, ending on the line before the closing brace', async () => {
    const uri = await client.open('main.tf');
    const ranges = await client.request(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(
      ranges!.map((r) => [r.startLine, r.endLine]),
      [
        [0, 1], // provider
        [4, 11], // resource
        [9, 10], // tags = { … }
        [14, 16], // data
        [19, 22], // module
      ],
    );
  });

  it('folds heredocs and multi-line comments and never returns an inverted range', async () => {
    const text = [
      '/*',
      ' * licence',
      ' */',
      'locals {',
      '  script = <<-EOT',
      '    echo one',
      '    echo two',
      '  EOT',
      '  list = [',
      '    1,',
      '    2,',
      '  ]',
      '}',
      '',
    ].join('\n');
    const uri = await client.open('fold.tf', text);
    const ranges = await client.request(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(ranges!.length >= 2, JSON.stringify(ranges));
    assert.ok(
      ranges!.some((r) => r.startLine === 3),
      'the locals block folds',
    );
    for (const r of ranges!) assert.ok(r.startLine < r.endLine, JSON.stringify(r));
  });
});
