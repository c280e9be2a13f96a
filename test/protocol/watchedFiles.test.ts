import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import {
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FileChangeType,
} from 'vscode-languageserver-protocol';
import { LspClient } from './client';

const UNDECLARED =
  'Reference to undeclared variable "owner": no variable "owner" block in this module\'s files';

describe('protocol: workspace/didChangeWatchedFiles', () => {
  let client: LspClient;
  beforeEach(async () => (client = await LspClient.start({ fixture: 'basic' })));
  afterEach(() => client?.dispose());

  it('a file created on disk that declares a missing variable clears the diagnostic on the open file', async () => {
    const uri = await client.open('owner.tf', 'output "owner" {\n  value = var.owner\n}\n', 1);
    const before = await client.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(
      before.diagnostics.map((d) => d.message),
      [UNDECLARED],
    );

    const count = client.diagnostics.get(uri)!.length;
    client.write('owner_variable.tf', 'variable "owner" {\n  type = string\n}\n');
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('owner_variable.tf'), type: FileChangeType.Created }],
    });
    const after = await client.waitForDiagnostics(uri, { since: count });
    assert.deepEqual(after.diagnostics, []);
    assert.equal(after.version, 1, 'the open file keeps its editor version');
    // The new file is part of the module now.
    await client.waitForDiagnostics(client.uri('owner_variable.tf'), {
      predicate: (p) => p.diagnostics.length === 0,
    });
  });

  it('a changed file on disk is re-read, and a deleted one brings the diagnostic back', async () => {
    client.write('owner_variable.tf', 'variable "ownr" {}\n');
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('owner_variable.tf'), type: FileChangeType.Created }],
    });
    const uri = await client.open('owner.tf', 'output "owner" {\n  value = var.owner\n}\n', 1);
    assert.deepEqual(
      (await client.waitForDiagnostics(uri, { version: 1 })).diagnostics.map((d) => d.message),
      [UNDECLARED],
    );

    let count = client.diagnostics.get(uri)!.length;
    client.write('owner_variable.tf', 'variable "owner" {}\n');
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('owner_variable.tf'), type: FileChangeType.Changed }],
    });
    assert.deepEqual((await client.waitForDiagnostics(uri, { since: count })).diagnostics, []);

    count = client.diagnostics.get(uri)!.length;
    rmSync(client.path('owner_variable.tf'));
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('owner_variable.tf'), type: FileChangeType.Deleted }],
    });
    assert.deepEqual(
      (await client.waitForDiagnostics(uri, { since: count })).diagnostics.map((d) => d.message),
      [UNDECLARED],
    );
    // The deleted file's own diagnostics were cleared (the server clears before it re-publishes the module).
    const last = client.latestDiagnostics(client.uri('owner_variable.tf'));
    assert.ok(last, 'owner_variable.tf was never published');
    assert.deepEqual(last.diagnostics, []);
  });

  it('an event for a file that does not exist or is not Terraform is harmless', async () => {
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: client.uri('nope.tf'), type: FileChangeType.Changed },
        { uri: client.uri('nope.tf'), type: FileChangeType.Deleted },
      ],
    });
    const uri = client.uri('variables.tf');
    const symbols = await client.request(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length === 4);
    assert.ok(client.alive);
  });

  it('ignores watched-file events for files that are not .tf/.tfvars (clients other than ours may send them)', async () => {
    client.write('README.md', '# Notes\n\nNot { Terraform "at all\n');
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('README.md'), type: FileChangeType.Created }],
    });
    const published = await client
      .waitForDiagnostics(client.uri('README.md'), { timeout: 1000 })
      .catch(() => undefined);
    assert.equal(
      published,
      undefined,
      `README.md was parsed as Terraform: ${JSON.stringify(published?.diagnostics.map((d) => d.message))}`,
    );
  });
});
