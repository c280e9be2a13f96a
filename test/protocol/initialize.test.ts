import assert from 'node:assert/strict';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

describe('protocol: initialize', () => {
  let client: LspClient;
  afterEach(() => client?.dispose());

  it('advertises every feature the handlers implement, with incremental sync', async () => {
    client = await LspClient.start({ fixture: 'basic' });
    const { capabilities, serverInfo } = client.initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, {
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
    });
    for (const provider of [
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'hoverProvider',
      'documentFormattingProvider',
    ] as const) {
      assert.ok(capabilities[provider], `${provider} is not advertised`);
    }
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.equal(serverInfo?.name, 'opsmith-language-server');
  });

  it('indexes the workspace folder and says so with opsmith/indexed and a log line', async () => {
    client = await LspClient.start({ fixture: 'basic' });
    const indexed = await client.indexed;
    assert.equal(indexed.files, 7);
    assert.ok(indexed.ms >= 0);
    await client.waitForLog((m) => /Indexed 7 Terraform files/.test(m.message));
    // Closed files are analysed too: every indexed file gets a (here empty) publication.
    await client.waitForDiagnostics(client.uri('modules/network/outputs.tf'));
  });

  it('reads opsmith.* settings through workspace/configuration when the client supports it', async () => {
    const files = { 'main.tf': 'variable "unused" {}\n' };
    client = await LspClient.start({ files, settings: { diagnostics: { unusedDeclarations: false } } });
    const uri = await client.open('main.tf');
    const published = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(published.diagnostics, []);
    await client.dispose();

    client = await LspClient.start({ files });
    const uri2 = await client.open('main.tf');
    const published2 = await client.waitForDiagnostics(uri2, { version: 1 });
    assert.deepEqual(
      published2.diagnostics.map((d) => d.message),
      ['Variable "unused" is declared but never used'],
    );
  });

  it('shuts down and exits cleanly on shutdown + exit', async () => {
    client = await LspClient.start({ fixture: 'basic' });
    await client.shutdown();
    assert.equal(
      client.exitCode,
      0,
      `exit ${client.exitCode} ${client.exitSignal}; stderr: ${client.stderr}`,
    );
  });
});
