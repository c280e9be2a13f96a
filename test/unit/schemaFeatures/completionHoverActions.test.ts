import assert from 'node:assert/strict';
import { applyEdits } from '../helpers/edits';
import type { CodeAction } from 'vscode-languageserver-types';
import { sliceSchemas } from '../helpers/schemas';
import { positionOf, serviceWith, uri } from '../helpers/service';

const apply = applyEdits;

async function fixes(text: string, extra: Record<string, string> = {}) {
  const service = await serviceWith({ 'main.tf': text, ...extra }, { schemas: sliceSchemas });
  const diagnostics = service.diagnostics(uri('main.tf'));
  const actions = service.codeActions(
    uri('main.tf'),
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    diagnostics,
  );
  const result = (action: CodeAction | undefined) =>
    apply(text, action?.edit?.changes?.[uri('main.tf')] ?? []);
  return { actions, result };
}

describe('schema completion', () => {
  const text =
    'resource "aws_instance" "web" {\n  inst\n  metadata_options {\n    \n  }\n}\nresource "aws_subnet" "a" {\n  vpc_id = aws_vpc.main.\n}\nresource "aws_vpc" "main" {}\noutput "x" {\n  value = data.aws_ami.\n}\n';

  it('offers resource types in the header', async () => {
    const service = await serviceWith({ 'main.tf': 'resource "aws_' }, { schemas: sliceSchemas });
    const labels = service.completion(uri('main.tf'), { line: 0, character: 14 }).map((i) => i.label);
    assert.ok(labels.includes('aws_instance') && labels.includes('aws_db_instance'));
  });

  it('offers arguments and blocks inside a resource, required first, set ones left out', async () => {
    const service = await serviceWith(
      { 'main.tf': 'resource "aws_subnet" "a" {\n  cidr_block = "10.0.1.0/24"\n  \n}\n' },
      { schemas: sliceSchemas },
    );
    const items = service.completion(uri('main.tf'), { line: 2, character: 2 });
    const schemaItems = items
      .filter((i) => i.kind === 10)
      .sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(
      schemaItems.map((i) => i.label),
      ['vpc_id', 'id'],
    );
    assert.equal(schemaItems[0].insertText, 'vpc_id = "${1}"');
    assert.ok(
      items.some((i) => i.label === 'for_each'),
      'meta-arguments are offered',
    );
    assert.ok(!items.some((i) => i.label === 'cidr_block'), 'an argument already set is not offered again');
  });

  it('offers the arguments of a nested block and never computed-only ones', async () => {
    const service = await serviceWith({ 'main.tf': text }, { schemas: sliceSchemas });
    const nested = service.completion(uri('main.tf'), { line: 3, character: 4 }).map((i) => i.label);
    assert.deepEqual(nested, ['http_tokens']);
    const top = service.completion(uri('main.tf'), { line: 1, character: 6 }).map((i) => i.label);
    assert.ok(top.includes('instance_type') && top.includes('ebs_block_device') && !top.includes('arn'));
    assert.ok(!top.includes('metadata_options'), 'a block at its maximum count is not offered again');
  });

  it('offers computed attributes after a resource reference and names after a data type', async () => {
    const service = await serviceWith(
      { 'main.tf': text + 'data "aws_ami" "al" {}\n' },
      { schemas: sliceSchemas },
    );
    const afterResource = service
      .completion(uri('main.tf'), positionOf(text, 'aws_vpc.main.', 13))
      .map((i) => i.label);
    assert.ok(
      afterResource.includes('arn') && afterResource.includes('id') && afterResource.includes('cidr_block'),
    );
    const afterData = service
      .completion(uri('main.tf'), positionOf(text, 'data.aws_ami.', 13))
      .map((i) => i.label);
    assert.deepEqual(afterData, ['al']);
  });

  it('offers variables, locals and enum values', async () => {
    const t =
      'variable "size" {}\nlocals {\n  n = 1\n}\nresource "aws_instance" "w" {\n  instance_type = var.\n  ami = local.\n  metadata_options {\n    http_tokens = ""\n  }\n}\n';
    const service = await serviceWith({ 'main.tf': t }, { schemas: sliceSchemas });
    assert.deepEqual(
      service.completion(uri('main.tf'), positionOf(t, 'var.', 4)).map((i) => i.label),
      ['size'],
    );
    assert.deepEqual(
      service.completion(uri('main.tf'), positionOf(t, 'local.', 6)).map((i) => i.label),
      ['n'],
    );
    assert.deepEqual(
      service.completion(uri('main.tf'), positionOf(t, 'http_tokens = "', 15)).map((i) => i.label),
      ['optional', 'required'],
    );
  });
});

describe('schema hover', () => {
  it('shows type, flags, description and the registry link', async () => {
    const text = 'resource "aws_instance" "web" {\n  ami = "x"\n}\n';
    const service = await serviceWith({ 'main.tf': text }, { schemas: sliceSchemas });
    const onType = (service.hover(uri('main.tf'), { line: 0, character: 12 })?.contents as { value: string })
      .value;
    assert.match(onType, /\*\*aws_instance\*\* \(resource, hashicorp\/aws 6\.0\.0\)/);
    assert.match(onType, /Provides an EC2 instance resource\./);
    assert.match(
      onType,
      /\(https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/6\.0\.0\/docs\/resources\/instance\)/,
    );
    const onAttribute = (
      service.hover(uri('main.tf'), { line: 1, character: 3 })?.contents as { value: string }
    ).value;
    assert.match(onAttribute, /\*\*ami\*\* `string` — optional, computed/);
    assert.match(onAttribute, /docs\/resources\/instance#ami/);
  });
});

describe('schema code actions', () => {
  it('changes a typo to the suggestion', async () => {
    const text = 'resource "aws_instance" "web" {\n  instance_typ = "t3.micro"\n}\n';
    const { actions, result } = await fixes(text);
    const change = actions.find((a) => a.title === 'Change to "instance_type"');
    assert.equal(result(change), 'resource "aws_instance" "web" {\n  instance_type = "t3.micro"\n}\n');
  });

  it('changes an unknown resource type to the suggestion', async () => {
    const { actions, result } = await fixes('resource "aws_instanse" "web" {}\n');
    assert.equal(
      result(actions.find((a) => a.title === 'Change to "aws_instance"')),
      'resource "aws_instance" "web" {}\n',
    );
  });

  it('removes an unknown attribute with its line', async () => {
    const text = 'resource "aws_instance" "web" {\n  ami   = "x"\n  bogus = 1\n}\n';
    const { actions, result } = await fixes(text);
    assert.equal(
      result(actions.find((a) => a.title === 'Remove unknown attribute')),
      'resource "aws_instance" "web" {\n  ami   = "x"\n}\n',
    );
  });

  it("adds missing required attributes, referring to the module's only fitting resource", async () => {
    const text =
      'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_subnet" "a" {\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_db_instance" "db" {}\n';
    const { actions, result } = await fixes(text);
    const adds = actions.filter((a) => a.title === 'Add missing required attributes');
    assert.equal(adds.length, 2);
    const fixed = result(adds[0]);
    assert.match(
      fixed,
      /resource "aws_subnet" "a" \{\n {2}cidr_block = "10\.0\.1\.0\/24"\n\n {2}vpc_id = aws_vpc\.main\.id\n\}/,
    );
    assert.match(result(adds[1]), /resource "aws_db_instance" "db" \{\n {2}instance_class = ""\n\}/);
  });
});
