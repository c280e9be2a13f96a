import assert from 'node:assert/strict';
import { DocumentFormattingRequest } from 'vscode-languageserver-protocol';
import { applyTextEdits, LspClient } from './client';

const MISFORMATTED = [
  'resource "aws_eip" "web" {',
  '    instance = aws_instance.web.id',
  '  domain =    "vpc"',
  '  tags = {',
  '      Name = "web-eip"',
  '    Environment=var.environment',
  '  }',
  '}',
  '',
].join('\n');

const CANONICAL = [
  'resource "aws_eip" "web" {',
  '  instance = aws_instance.web.id',
  '  domain   = "vpc"',
  '  tags = {',
  '    Name        = "web-eip"',
  '    Environment = var.environment',
  '  }',
  '}',
  '',
].join('\n');

describe('protocol: textDocument/formatting', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('returns edits that turn a misformatted document into terraform fmt output', async () => {
    const uri = await client.open('eip.tf', MISFORMATTED);
    const edits = await client.request(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(Array.isArray(edits) && edits.length > 0, 'no edits for a misformatted document');
    assert.equal(applyTextEdits(MISFORMATTED, edits), CANONICAL);
  });

  it('returns no edits for a document that is already formatted', async () => {
    const uri = await client.open('canonical.tf', CANONICAL);
    assert.deepEqual(
      await client.request(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      }),
      [],
    );
  });

  it('does not touch a document with syntax errors (answers [] instead of mangling it)', async () => {
    const uri = await client.open('broken.tf', 'resource "a" "b" {\n    x =\n');
    assert.deepEqual(
      await client.request(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      }),
      [],
    );
    assert.ok(client.alive);
  });
});
