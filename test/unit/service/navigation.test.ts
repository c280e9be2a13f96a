import assert from 'node:assert/strict';
import { positionOf, serviceWith, uri } from '../helpers/service';

const main = [
  'resource "aws_instance" "web" {',
  '  ami           = data.aws_ami.ubuntu.id',
  '  instance_type = var.size',
  '  subnet_id     = aws_subnet.main.id',
  '  tags          = local.tags',
  '}',
  'output "ip" {',
  '  value = aws_instance.web.private_ip',
  '}',
  '',
].join('\n');
const vars =
  'variable "size" {\n  type        = string\n  default     = "t3.micro"\n  description = "EC2 size"\n}\n';
const net =
  'resource "aws_subnet" "main" {\n  vpc_id = "vpc-1"\n}\ndata "aws_ami" "ubuntu" {}\nlocals {\n  tags = { Name = var.size }\n}\n';

describe('navigation', () => {
  const files = { 'app/main.tf': main, 'app/variables.tf': vars, 'app/network.tf': net };

  const definitionCases: { name: string; needle: string; offset: number; target: string; line: number }[] = [
    {
      name: 'var. jumps to the variable block in another file',
      needle: 'var.size',
      offset: 5,
      target: 'app/variables.tf',
      line: 0,
    },
    {
      name: 'a resource reference jumps to the resource block',
      needle: 'aws_subnet.main',
      offset: 12,
      target: 'app/network.tf',
      line: 0,
    },
    {
      name: 'a data reference jumps to the data block',
      needle: 'data.aws_ami',
      offset: 6,
      target: 'app/network.tf',
      line: 3,
    },
    {
      name: 'local. jumps to the locals entry',
      needle: 'local.tags',
      offset: 7,
      target: 'app/network.tf',
      line: 5,
    },
    {
      name: 'an attribute after the address still means the resource',
      needle: 'aws_instance.web.private_ip',
      offset: 20,
      target: 'app/main.tf',
      line: 0,
    },
  ];
  for (const c of definitionCases) {
    it(c.name, async () => {
      const service = await serviceWith(files);
      const locations = service.definition(uri('app/main.tf'), positionOf(main, c.needle, c.offset));
      assert.deepEqual(
        locations.map((l) => [l.uri, l.range.start.line]),
        [[uri(c.target), c.line]],
      );
    });
  }

  it('finds references across files, with and without the declaration', async () => {
    const service = await serviceWith(files);
    const at = positionOf(vars, '"size"', 2);
    const withDecl = service.references(uri('app/variables.tf'), at, true);
    assert.deepEqual(
      withDecl
        .map((l) => `${l.uri.replace('file:///ws/', '')}:${l.range.start.line}:${l.range.start.character}`)
        .sort(),
      ['app/main.tf:2:18', 'app/network.tf:5:18', 'app/variables.tf:0:9'],
    );
    assert.equal(service.references(uri('app/variables.tf'), at, false).length, 2);
  });

  it('highlights the reads and the write in one document', async () => {
    const service = await serviceWith({ 'main.tf': 'locals {\n  a = 1\n  b = local.a + local.a\n}\n' });
    const highlights = service.documentHighlights(uri('main.tf'), { line: 2, character: 12 });
    assert.deepEqual(
      highlights.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
      [
        [1, 2, 3],
        [2, 6, 2],
        [2, 16, 2],
      ],
    );
  });

  it('follows a module output and a module argument into the child module', async () => {
    const service = await serviceWith({
      'root/main.tf':
        'module "net" {\n  source = "./modules/net"\n  cidr   = "10.0.0.0/16"\n}\noutput "vpc" {\n  value = module.net.vpc_id\n}\n',
      'root/modules/net/main.tf':
        'variable "cidr" {}\nresource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\noutput "vpc_id" {\n  value = aws_vpc.this.id\n}\n',
    });
    const rootText =
      'module "net" {\n  source = "./modules/net"\n  cidr   = "10.0.0.0/16"\n}\noutput "vpc" {\n  value = module.net.vpc_id\n}\n';
    const toOutput = service.definition(uri('root/main.tf'), positionOf(rootText, 'vpc_id', 1));
    assert.deepEqual(
      toOutput.map((l) => [l.uri, l.range.start.line]),
      [[uri('root/modules/net/main.tf'), 4]],
    );
    const toVariable = service.definition(uri('root/main.tf'), positionOf(rootText, 'cidr', 1));
    assert.deepEqual(
      toVariable.map((l) => [l.uri, l.range.start.line]),
      [[uri('root/modules/net/main.tf'), 0]],
    );
    const toModule = service.definition(uri('root/main.tf'), positionOf(rootText, 'module.net', 8));
    assert.deepEqual(
      toModule.map((l) => [l.uri, l.range.start.line]),
      [[uri('root/main.tf'), 0]],
    );
  });

  it('goes from a .tfvars assignment to its variable', async () => {
    const service = await serviceWith({ 'app/variables.tf': vars, 'app/prod.tfvars': 'size = "m5.large"\n' });
    const locations = service.definition(uri('app/prod.tfvars'), { line: 0, character: 1 });
    assert.deepEqual(
      locations.map((l) => l.uri),
      [uri('app/variables.tf')],
    );
  });

  it('hovers a variable reference with its type, default and description', async () => {
    const service = await serviceWith(files);
    const hover = service.hover(uri('app/main.tf'), positionOf(main, 'var.size', 5));
    const text = (hover?.contents as { value: string }).value;
    assert.match(text, /variable "size"/);
    assert.match(text, /EC2 size/);
    assert.match(text, /\*\*Type:\*\* `string`/);
    assert.match(text, /\*\*Default:\*\* `"t3.micro"`/);
    assert.match(text, /variables\.tf:1/);
  });

  it('hovers a local and a resource with their content', async () => {
    const service = await serviceWith(files);
    const local = (
      service.hover(uri('app/main.tf'), positionOf(main, 'local.tags', 7))?.contents as { value: string }
    ).value;
    assert.match(local, /local\.tags = \{ Name = var\.size \}/);
    const resource = (
      service.hover(uri('app/main.tf'), positionOf(main, 'aws_subnet.main', 3))?.contents as { value: string }
    ).value;
    assert.match(resource, /resource "aws_subnet" "main" \{\n {2}vpc_id = "vpc-1"\n\}/);
  });

  it('returns nothing, not an error, where there is nothing to find', async () => {
    const service = await serviceWith(files);
    assert.deepEqual(service.definition(uri('app/main.tf'), { line: 0, character: 0 }), []);
    assert.equal(service.hover(uri('app/main.tf'), { line: 5, character: 0 }), null);
    assert.deepEqual(service.definition(uri('nope.tf'), { line: 0, character: 0 }), []);
  });
});
