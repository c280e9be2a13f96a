import assert from 'node:assert/strict';
import { DocumentHighlightKind, DocumentHighlightRequest } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

describe('protocol: textDocument/documentHighlight', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('highlights the declaration (write) and the references (read) within the file', async () => {
    const text = 'variable "size" {}\n\nlocals {\n  a = var.size\n  b = [var.size, var.other]\n}\n';
    const uri = await client.open('highlight.tf', text);
    const found = await client.request(DocumentHighlightRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'var.size', 5),
    });
    assert.deepEqual(found, [
      { range: rangeOf(text, '"size"'), kind: DocumentHighlightKind.Write },
      { range: rangeOf(text, 'var.size', 0), kind: DocumentHighlightKind.Read },
      { range: rangeOf(text, 'var.size', 1), kind: DocumentHighlightKind.Read },
    ]);
  });

  it('only highlights in the requested file, and nothing on a keyword', async () => {
    const text = client.read('main.tf');
    const uri = await client.open('main.tf', text);
    const found = await client.request(DocumentHighlightRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'var.region', 4),
    });
    assert.deepEqual(found, [{ range: rangeOf(text, 'var.region'), kind: DocumentHighlightKind.Read }]);
    assert.deepEqual(
      await client.request(DocumentHighlightRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'provider'),
      }),
      [],
    );
  });
});
