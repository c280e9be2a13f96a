import assert from 'node:assert/strict';
import { DocumentSymbolRequest, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient, rangeOf } from './client';

const kindNames = Object.fromEntries(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

describe('protocol: textDocument/documentSymbol', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('returns the block outline with nested attributes and blocks', async () => {
    const text = client.read('main.tf');
    const uri = await client.open('main.tf', text);
    const symbols = (await client.request(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    const lines = (list: DocumentSymbol[], depth = 0): string[] =>
      list.flatMap((s) => [
        `${'  '.repeat(depth)}${s.name} ${kindNames[s.kind]}`,
        ...lines(s.children ?? [], depth + 1),
      ]);
    assert.deepEqual(lines(symbols), [
      'provider aws Package',
      '  region Property',
      'resource aws_instance.web Class',
      '  ami Property',
      '  instance_type Property',
      '  subnet_id Property',
      '  tags Property',
      'data aws_ami.ubuntu Struct',
      '  most_recent Property',
      '  owners Property',
      'module network Module',
      '  source Property',
      '  cidr_block Property',
      '  name Property',
    ]);
    const web = symbols[1];
    assert.equal(web.selectionRange.start.line, rangeOf(text, '"web"').start.line);
    assert.deepEqual(web.range.start, { line: 4, character: 0 });
    assert.deepEqual(web.range.end, { line: 12, character: 1 });
    assert.equal(web.children![1].detail, 'var.instance_type');
  });

  it('follows edits: the outline of a new version, locals as variables', async () => {
    const uri = await client.open('scratch.tf', 'locals {\n  a = 1\n}\n');
    await client.change(uri, 2, [
      { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 7 } }, text: '\n  b = 2' },
    ]);
    const symbols = (await client.request(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => `${c.name}:${kindNames[c.kind]}`)]),
      [['locals', ['a:Variable', 'b:Variable']]],
    );
  });
});
