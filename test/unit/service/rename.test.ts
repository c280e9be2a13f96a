import assert from 'node:assert/strict';
import { applyEdits } from '../helpers/edits';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { positionOf, serviceWith, uri } from '../helpers/service';

const apply = applyEdits;

function applyAll(files: Record<string, string>, edit: WorkspaceEdit | null): Record<string, string> {
  const out = { ...files };
  for (const [u, edits] of Object.entries(edit?.changes ?? {})) {
    const path = u.replace('file:///ws/', '');
    out[path] = apply(out[path], edits);
  }
  return out;
}

describe('rename', () => {
  const files = {
    'main.tf':
      'resource "aws_instance" "web" {\n  instance_type = var.size\n  tags = { Name = local.name }\n}\noutput "ip" {\n  value = aws_instance.web.private_ip\n}\n',
    'variables.tf': 'variable "size" {}\nlocals {\n  name = "web-${var.size}"\n}\n',
    'other.tf':
      'resource "aws_eip" "ip" {\n  instance = aws_instance.web.id\n  depends_on = [aws_instance.web]\n}\n',
  };

  const cases: {
    name: string;
    file: string;
    needle: string;
    offset: number;
    newName: string;
    expect: Record<string, string[]>;
  }[] = [
    {
      name: 'a variable, from a reference, across two files',
      file: 'main.tf',
      needle: 'var.size',
      offset: 5,
      newName: 'instance_size',
      expect: {
        'main.tf': ['var.instance_size'],
        'variables.tf': ['variable "instance_size"', '${var.instance_size}'],
      },
    },
    {
      name: 'a resource, from its label, in every reference including depends_on',
      file: 'main.tf',
      needle: '"web"',
      offset: 2,
      newName: 'app',
      expect: {
        'main.tf': ['resource "aws_instance" "app"', 'aws_instance.app.private_ip'],
        'other.tf': ['aws_instance.app.id', '[aws_instance.app]'],
      },
    },
    {
      name: 'a local value, keeping it unquoted',
      file: 'main.tf',
      needle: 'local.name',
      offset: 7,
      newName: 'label',
      expect: { 'main.tf': ['local.label'], 'variables.tf': ['  label = "web-'] },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const service = await serviceWith(files);
      const text = files[c.file as keyof typeof files];
      const at = positionOf(text, c.needle, c.offset);
      const prepared = service.prepareRename(uri(c.file), at);
      assert.ok(prepared, 'prepareRename answered');
      const result = applyAll(files, service.rename(uri(c.file), at, c.newName));
      for (const [file, snippets] of Object.entries(c.expect))
        for (const s of snippets) assert.ok(result[file].includes(s), `${file} lacks ${s}:\n${result[file]}`);
      assert.equal(
        Object.keys(service.rename(uri(c.file), at, c.newName)?.changes ?? {}).length,
        Object.keys(c.expect).length,
      );
    });
  }

  it('renames a module output in the callers that use it', async () => {
    const root =
      'module "net" {\n  source = "../net"\n  cidr   = "10.0.0.0/16"\n}\noutput "vpc" {\n  value = module.net.vpc_id\n}\n';
    const child = 'variable "cidr" {}\noutput "vpc_id" {\n  value = var.cidr\n}\n';
    const service = await serviceWith({ 'root/main.tf': root, 'net/main.tf': child });
    const edit = service.rename(uri('net/main.tf'), positionOf(child, '"vpc_id"', 2), 'id');
    const result = applyAll({ 'root/main.tf': root, 'net/main.tf': child }, edit);
    assert.match(result['net/main.tf'], /output "id"/);
    assert.match(result['root/main.tf'], /module\.net\.id/);
    const edit2 = service.rename(uri('net/main.tf'), positionOf(child, 'var.cidr', 5), 'cidr_block');
    const result2 = applyAll({ 'root/main.tf': root, 'net/main.tf': child }, edit2);
    assert.match(result2['root/main.tf'], /cidr_block +"?= "10\.0\.0\.0\/16"/);
  });

  it('refuses a collision with a clear message', async () => {
    const service = await serviceWith({
      'main.tf': 'variable "a" {}\nvariable "b" {}\noutput "o" {\n  value = [var.a, var.b]\n}\n',
    });
    assert.throws(
      () => service.rename(uri('main.tf'), { line: 0, character: 10 }, 'b'),
      /Cannot rename to "b": var\.b is already declared in main\.tf on line 2/,
    );
  });

  it('refuses invalid names and things that cannot be renamed', async () => {
    const service = await serviceWith({
      'main.tf': 'variable "a" {}\noutput "o" {\n  value = "${var.a}-${path.module}"\n}\n',
    });
    assert.throws(
      () => service.rename(uri('main.tf'), { line: 0, character: 10 }, '1abc'),
      /not a valid Terraform name/,
    );
    assert.throws(() => service.prepareRename(uri('main.tf'), { line: 2, character: 25 }), /can be renamed/);
  });
});
