import assert from 'node:assert/strict';
import { ReferencesRequest, type Location } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

const sorted = (locations: Location[]) =>
  [...locations].sort(
    (a, b) =>
      a.uri.localeCompare(b.uri) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );

describe('protocol: textDocument/references', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ fixture: 'basic' })));
  after(() => client?.dispose());

  it('finds every use of a variable across the files of its module, with or without the declaration', async () => {
    const variables = client.read('variables.tf');
    const uri = await client.open('variables.tf', variables);
    const position = positionOf(variables, '"environment"', 3);
    const locals = client.read('locals.tf');
    const uses = [
      { uri: client.uri('locals.tf'), range: rangeOf(locals, 'var.environment', 0) },
      { uri: client.uri('locals.tf'), range: rangeOf(locals, 'var.environment', 1) },
    ];
    const without = await client.request(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(sorted(without!), sorted(uses));
    const withDeclaration = await client.request(ReferencesRequest.type, {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      sorted(withDeclaration!),
      sorted([...uses, { uri, range: rangeOf(variables, '"environment"') }]),
    );
  });

  it('from a reference, finds the uses of a child module variable in the caller too', async () => {
    const child = client.read('modules/network/main.tf');
    const uri = await client.open('modules/network/main.tf', child);
    const found = await client.request(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(child, 'var.cidr_block', 5),
      context: { includeDeclaration: false },
    });
    const uris = new Set(found!.map((l) => l.uri));
    assert.ok(found!.length >= 3, JSON.stringify(found));
    assert.ok(uris.has(uri));
    assert.ok(uris.has(client.uri('main.tf')), 'the module argument `cidr_block = …` in the caller is a use');
  });

  it('sees unsaved edits of open files', async () => {
    const main = client.read('main.tf');
    const uri = await client.open('main.tf', main + '\noutput "type" {\n  value = var.instance_type\n}\n');
    const found = await client.request(ReferencesRequest.type, {
      textDocument: { uri },
      position: positionOf(main, 'var.instance_type', 5),
      context: { includeDeclaration: false },
    });
    assert.equal(found!.filter((l) => l.uri === uri).length, 2);
  });
});
