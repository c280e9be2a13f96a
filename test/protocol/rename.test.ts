import assert from 'node:assert/strict';
import {
  ErrorCodes,
  PrepareRenameRequest,
  RenameRequest,
  ResponseError,
} from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

describe('protocol: textDocument/prepareRename and rename', () => {
  let client: LspClient;
  let main: string;
  let text: string;
  before(async () => {
    client = await LspClient.start({ fixture: 'basic' });
    text = client.read('main.tf');
    main = await client.open('main.tf', text);
  });
  after(() => client?.dispose());

  it('prepareRename returns the name part of the reference under the cursor', async () => {
    const found = await client.request(PrepareRenameRequest.type, {
      textDocument: { uri: main },
      position: positionOf(text, 'var.instance_type', 8),
    });
    assert.deepEqual(found, { range: rangeOf(text, 'instance_type', 1), placeholder: 'instance_type' });
  });

  it('rename edits the declaration and every reference, across two files', async () => {
    const variables = client.read('variables.tf');
    const edit = await client.request(RenameRequest.type, {
      textDocument: { uri: main },
      position: positionOf(text, 'var.instance_type', 8),
      newName: 'web_size',
    });
    assert.deepEqual(edit, {
      changes: {
        [client.uri('variables.tf')]: [
          { range: rangeOf(variables, '"instance_type"'), newText: '"web_size"' },
        ],
        [main]: [{ range: rangeOf(text, 'instance_type', 1), newText: 'web_size' }],
      },
    });
  });

  it('rename to a name that is already declared is a JSON-RPC error that says so', async () => {
    const error = await client
      .request(RenameRequest.type, {
        textDocument: { uri: main },
        position: positionOf(text, 'var.instance_type', 8),
        newName: 'region',
      })
      .then(
        () => assert.fail('rename to an existing name must fail'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, ErrorCodes.InvalidRequest);
    assert.match(error.message, /already declared/);
    assert.match(error.message, /var\.region/);
    assert.ok(client.alive);
  });

  it('rename to an invalid identifier and prepareRename on a keyword are errors, not crashes', async () => {
    await assert.rejects(
      client.request(RenameRequest.type, {
        textDocument: { uri: main },
        position: positionOf(text, 'var.instance_type', 8),
        newName: '1bad name',
      }),
      (e: ResponseError<unknown>) =>
        e instanceof ResponseError && /not a valid Terraform name/.test(e.message),
    );
    await assert.rejects(
      client.request(PrepareRenameRequest.type, {
        textDocument: { uri: main },
        position: positionOf(text, 'provider'),
      }),
      (e: ResponseError<unknown>) => e instanceof ResponseError && /can be renamed/.test(e.message),
    );
    assert.ok(client.alive);
  });
});
