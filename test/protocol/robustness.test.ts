import assert from 'node:assert/strict';
import {
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  SelectionRangeRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import { LspClient } from './client';

describe('protocol: robustness', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());
  afterEach(function () {
    assert.ok(
      client.alive,
      `the server died during "${this.currentTest?.title}": exit ${client.exitCode} ${client.exitSignal}\n${client.stderr}`,
    );
  });

  it('answers requests for a document it does not know with empty results or null', async () => {
    const textDocument = { uri: client.uri('does/not/exist.tf') };
    const position = { line: 3, character: 4 };
    assert.deepEqual(await client.request(DefinitionRequest.type, { textDocument, position }), []);
    assert.deepEqual(
      await client.request(ReferencesRequest.type, {
        textDocument,
        position,
        context: { includeDeclaration: true },
      }),
      [],
    );
    assert.deepEqual(await client.request(DocumentHighlightRequest.type, { textDocument, position }), []);
    assert.equal(await client.request(PrepareRenameRequest.type, { textDocument, position }), null);
    assert.equal(await client.request(RenameRequest.type, { textDocument, position, newName: 'x' }), null);
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await client.request(FoldingRangeRequest.type, { textDocument }), []);
    assert.deepEqual(
      await client.request(SelectionRangeRequest.type, { textDocument, positions: [position] }),
      [],
    );
    assert.equal(await client.request(HoverRequest.type, { textDocument, position }), null);
    assert.deepEqual(
      await client.request(DocumentFormattingRequest.type, {
        textDocument,
        options: { tabSize: 2, insertSpaces: true },
      }),
      [],
    );
    // Not even a file: URI.
    const untitled = { uri: 'untitled:Untitled-1' };
    assert.deepEqual(await client.request(DocumentSymbolRequest.type, { textDocument: untitled }), []);
  });

  it('answers positions past the end of a document without failing', async () => {
    const uri = await client.open('main.tf');
    const textDocument = { uri };
    for (const position of [
      { line: 999, character: 0 },
      { line: 0, character: 999 },
      { line: -1, character: -1 },
    ]) {
      assert.deepEqual(await client.request(DefinitionRequest.type, { textDocument, position }), []);
      assert.equal(await client.request(HoverRequest.type, { textDocument, position }), null);
      assert.ok(
        Array.isArray(
          await client.request(SelectionRangeRequest.type, { textDocument, positions: [position] }),
        ),
      );
    }
  });

  it('survives malformed request params: missing fields, wrong types, null', async () => {
    const uri = client.uri('main.tf');
    const malformed: [string, unknown][] = [
      ['textDocument/definition', {}],
      ['textDocument/definition', { textDocument: { uri } }],
      ['textDocument/definition', { textDocument: { uri }, position: 'line 3' }],
      ['textDocument/references', { textDocument: { uri }, position: { line: 1, character: 1 } }],
      ['textDocument/hover', { textDocument: null, position: null }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 'a', character: {} } }],
      ['textDocument/documentSymbol', { textDocument: 'main.tf' }],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: null }],
      ['textDocument/selectionRange', { textDocument: { uri }, positions: [null] }],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 6, character: 22 } }],
      ['textDocument/rename', { textDocument: { uri }, position: { line: 6, character: 22 }, newName: 12 }],
      ['textDocument/prepareRename', null],
      ['textDocument/foldingRange', []],
      ['textDocument/formatting', { textDocument: { uri } }],
      ['workspace/symbol', {}],
      ['workspace/symbol', { query: null }],
      ['workspace/symbol', { query: { $gt: 1 } }],
      ['opsmith/noSuchMethod', {}],
    ];
    for (const [method, params] of malformed) {
      const outcome = await client.requestRaw(method, params).then(
        (result) => ({ result }),
        (error: unknown) => {
          if (!(error instanceof ResponseError)) throw error; // a timeout or a dead connection fails the test
          return { error: error.message };
        },
      );
      assert.ok(client.alive, `${method} ${JSON.stringify(params)} killed the server: ${client.stderr}`);
      assert.ok('result' in outcome || 'error' in outcome);
    }
    // Still fully functional.
    const symbols = await client.request(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.equal(symbols?.length, 4);
  });

  it('survives malformed notifications: changes to unknown documents, bad ranges, garbage params', async () => {
    const uri = client.uri('outputs.tf');
    const notifications: [string, unknown][] = [
      [
        'textDocument/didChange',
        { textDocument: { uri: client.uri('never-opened.tf'), version: 2 }, contentChanges: [{ text: 'x' }] },
      ],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null }],
      [
        'textDocument/didChange',
        {
          textDocument: { uri, version: 3 },
          contentChanges: [
            { range: { start: { line: 99, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' },
          ],
        },
      ],
      ['textDocument/didOpen', { textDocument: { uri: client.uri('weird.tf') } }],
      ['textDocument/didOpen', {}],
      ['textDocument/didClose', { textDocument: { uri: client.uri('never-opened.tf') } }],
      ['textDocument/didClose', null],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///definitely/not/here.tf', type: 2 }] }],
      ['workspace/didChangeWatchedFiles', { changes: 'all of them' }],
      ['$/cancelRequest', { id: 123456 }],
      ['opsmith/unknownNotification', { x: 1 }],
    ];
    for (const [method, params] of notifications) await client.connection.sendNotification(method, params);
    const fresh = 'output "after" {\n  value = var.region\n}\n';
    const after = await client.open('after.tf', fresh, 1);
    assert.deepEqual((await client.waitForDiagnostics(after, { version: 1 })).diagnostics, []);
    assert.ok(client.alive, client.stderr);
  });

  it('keeps answering after requests are cancelled', async () => {
    const sources = Array.from({ length: 20 }, () => new CancellationTokenSource());
    const pending = sources.map((source) =>
      client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'a' }, source.token).then(
        (result) => Array.isArray(result),
        (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled,
      ),
    );
    sources.forEach((source, i) => i % 2 === 0 && source.cancel());
    assert.deepEqual(
      await Promise.all(pending),
      sources.map(() => true),
    );
    const after = await client.request(WorkspaceSymbolRequest.type, { query: 'aws_instance' });
    assert.deepEqual(
      after?.map((s) => s.name),
      ['aws_instance.web'],
    );
  });

  after(() => {
    const errors = client.logs.filter((l) => l.type === 1).map((l) => l.message.split('\n')[0]);
    if (errors.length)
      console.log(
        `      server logged ${errors.length} errors (expected for malformed input):\n        ${errors.join('\n        ')}`,
      );
  });
});
