import assert from 'node:assert/strict';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, rangeOf } from './client';

describe('protocol: textDocument/hover', () => {
  let client: LspClient;
  let main: string;
  let text: string;
  before(async () => {
    client = await LspClient.start({ fixture: 'basic' });
    text = client.read('main.tf');
    main = await client.open('main.tf', text);
  });
  after(() => client?.dispose());

  const hoverAt = async (needle: string, offset = 0) => {
    const hover = await client.request(HoverRequest.type, {
      textDocument: { uri: main },
      position: positionOf(text, needle, offset),
    });
    return hover && { ...hover, value: (hover.contents as MarkupContent).value };
  };

  it("shows a variable's type, default and description, over the reference's range", async () => {
    const hover = (await hoverAt('var.instance_type', 10))!;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(hover.value, /variable "instance_type"/);
    assert.match(hover.value, /EC2 instance size for the web tier\./);
    assert.match(hover.value, /\*\*Type:\*\* `string`/);
    assert.match(hover.value, /\*\*Default:\*\* `"t3\.micro"`/);
    assert.match(hover.value, /variables\.tf:7/);
    assert.deepEqual(hover.range, rangeOf(text, 'var.instance_type'));
  });

  it('says when a variable is required', async () => {
    const locals = client.read('locals.tf');
    const uri = await client.open('locals.tf', locals);
    const hover = await client.request(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(locals, 'var.environment', 5),
    });
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /Deployment stage, e\.g\. dev or prod\./);
    assert.match(value, /\*\*Required:\*\* no default/);
  });

  it('describes locals, module outputs and undeclared references; nothing on whitespace', async () => {
    assert.match(
      (await hoverAt('local.name_prefix', 7))!.value,
      /local\.name_prefix = "app-\$\{var\.environment\}"/,
    );
    assert.match(
      (await hoverAt('subnet_ids[0]', 2))!.value,
      /output "subnet_ids"[\s\S]*aws_subnet\.private\[\*\]\.id/,
    );
    const scratch = 'output "o" {\n  value = var.nope\n}\n';
    const uri = await client.open('scratch.tf', scratch);
    const hover = await client.request(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(scratch, 'var.nope', 5),
    });
    assert.match((hover!.contents as MarkupContent).value, /`var\.nope` is not declared in this module/);
    assert.equal(
      await client.request(HoverRequest.type, {
        textDocument: { uri: main },
        position: { line: 3, character: 0 },
      }),
      null,
    );
  });
});
