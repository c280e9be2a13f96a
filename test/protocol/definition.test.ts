import assert from 'node:assert/strict';
import { DefinitionRequest, type Location } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

describe('protocol: textDocument/definition', () => {
  let client: LspClient;
  let main: string;
  let text: string;
  before(async () => {
    client = await LspClient.start({ fixture: 'basic' });
    text = client.read('main.tf');
    main = await client.open('main.tf', text);
  });
  after(() => client?.dispose());

  const definitionAt = (needle: string, offset = 0) =>
    client.request(DefinitionRequest.type, {
      textDocument: { uri: main },
      position: positionOf(text, needle, offset),
    }) as Promise<Location[]>;

  it('goes from a variable reference to its block in another file of the module', async () => {
    const variables = client.read('variables.tf');
    const found = await definitionAt('var.instance_type', 6);
    const start = positionOf(variables, 'variable "instance_type"');
    assert.deepEqual(found, [
      { uri: client.uri('variables.tf'), range: { start, end: positionOf(variables, '}', 1, 1) } },
    ]);
  });

  it('goes from a local reference to its name in locals.tf', async () => {
    const locals = client.read('locals.tf');
    assert.deepEqual(await definitionAt('local.name_prefix', 8), [
      { uri: client.uri('locals.tf'), range: rangeOf(locals, 'name_prefix') },
    ]);
  });

  it('goes from a module output reference to the output in the child module', async () => {
    const outputs = client.read('modules/network/outputs.tf');
    const found = await definitionAt('subnet_ids[0]', 2);
    assert.deepEqual(found, [
      { uri: client.uri('modules/network/outputs.tf'), range: rangeOf(outputs, '"subnet_ids"') },
    ]);
  });

  it('goes from a module argument to the child variable', async () => {
    const variables = client.read('modules/network/variables.tf');
    const found = await definitionAt('cidr_block = var', 2);
    assert.equal(found.length, 1);
    assert.equal(found[0].uri, client.uri('modules/network/variables.tf'));
    assert.equal(found[0].range.start.line, positionOf(variables, 'variable "cidr_block"').line);
  });

  it('returns nothing on whitespace or a literal', async () => {
    assert.deepEqual(await definitionAt('most_recent = true', 14), []);
    assert.deepEqual(
      await client.request(DefinitionRequest.type, {
        textDocument: { uri: main },
        position: { line: 3, character: 0 },
      }),
      [],
    );
  });
});
