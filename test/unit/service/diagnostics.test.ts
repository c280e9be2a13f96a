import assert from 'node:assert/strict';
import { serviceWith, uri } from '../helpers/service';

const messages = (service: Awaited<ReturnType<typeof serviceWith>>, path: string) =>
  service
    .diagnostics(uri(path))
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);

describe('diagnostics', () => {
  describe('syntax errors read like a person wrote them', () => {
    const cases: { name: string; text: string; expected: string }[] = [
      {
        name: 'a block missing its closing brace names the block and where it opened',
        text: 'variable "x" {}\n\nresource "aws_instance" "web" {\n  ami = "ami-1"\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
        expected: 'expected `}` to close resource "aws_instance" "web" opened on line 3',
      },
      {
        name: 'an unterminated string',
        text: 'variable "x" {\n  default = "abc\n}\n',
        expected: '2:13 unterminated string: add the closing `"` on the same line',
      },
      {
        name: 'an attribute without a value',
        text: 'locals {\n  a =\n  b = 2\n}\n',
        expected: '2:3 expected a value after `a =`',
      },
      {
        name: 'an unclosed list',
        text: 'locals {\n  a = [1, 2\n  b = 2\n}\n',
        expected: 'expected `]` to close the list opened on line 2',
      },
      {
        name: 'an unclosed call',
        text: 'locals {\n  a = max(1, 2\n}\n',
        expected: 'expected `)` to close the call to `max(` opened on line 2',
      },
      {
        name: 'a dangling operator',
        text: 'locals {\n  a = 1 +\n}\n',
        expected: '2:9 expected an operand after `+`',
      },
      {
        name: 'an unclosed interpolation',
        text: 'output "o" {\n  value = "${var.x"\n}\n',
        expected: '2:12 expected `}` to close the interpolation `${` opened on line 2',
      },
      {
        name: 'a stray closing brace',
        text: 'resource "a_b" "c" {\n  x = 1\n  }\n}\n',
        expected:
          '4:1 unexpected `}`: expected an attribute (`name = value`) or a block (`type "label" { … }`)',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const service = await serviceWith({ 'main.tf': c.text });
        const found = messages(service, 'main.tf');
        assert.ok(
          found.some((m) => m.endsWith(c.expected) || m === c.expected),
          `got ${JSON.stringify(found)}`,
        );
        assert.ok(found.every((m) => !/syntax error/i.test(m)));
      });
    }
  });

  it('a missing brace does not turn the declarations after it into undeclared-reference errors', async () => {
    const service = await serviceWith({
      'main.tf':
        'resource "aws_instance" "web" {\n  ami = var.ami\n\nvariable "ami" {}\nlocals {\n  name = "x"\n}\n',
      'outputs.tf': 'output "o" {\n  value = [aws_instance.web.id, local.name]\n}\n',
    });
    assert.deepEqual(messages(service, 'outputs.tf'), []);
    assert.deepEqual(messages(service, 'main.tf'), [
      '8:1 expected `}` to close resource "aws_instance" "web" opened on line 1',
    ]);
  });

  it('reports undeclared variables, locals, resources, data sources and modules at the reference', async () => {
    const text = [
      'resource "aws_instance" "web" {',
      '  ami           = data.aws_ami.ubuntu.id',
      '  instance_type = var.size',
      '  subnet_id     = aws_subnet.main.id',
      '  tags          = local.tags',
      '  user_data     = module.boot.script',
      '}',
      '',
    ].join('\n');
    const service = await serviceWith({ 'main.tf': text });
    assert.deepEqual(messages(service, 'main.tf'), [
      '2:19 Reference to undeclared data source "aws_ami.ubuntu": no data "aws_ami" "ubuntu" block in this module\'s files',
      '3:19 Reference to undeclared variable "size": no variable "size" block in this module\'s files',
      '4:19 Reference to undeclared resource "aws_subnet.main": no resource "aws_subnet" "main" block in this module\'s files',
      '5:19 Reference to undeclared local value "tags": no locals entry "tags" in this module\'s files',
      '6:19 Reference to undeclared module "boot": no module "boot" block in this module\'s files',
    ]);
  });

  it('resolves declarations across the files of one module directory, but not across directories', async () => {
    const service = await serviceWith({
      'app/main.tf': 'output "region" {\n  value = var.region\n}\n',
      'app/variables.tf': 'variable "region" {\n  type = string\n}\n',
      'other/main.tf': 'output "region" {\n  value = var.region\n}\n',
    });
    assert.deepEqual(messages(service, 'app/main.tf'), []);
    assert.deepEqual(messages(service, 'app/variables.tf'), []);
    assert.equal(messages(service, 'other/main.tf').length, 1);
  });

  it('reports duplicates with the other location, and duplicate arguments in a block', async () => {
    const service = await serviceWith({
      'a.tf': 'variable "x" {}\nlocals {\n  l = 1\n}\noutput "o" {\n  value = var.x\n  value = local.l\n}\n',
      'b.tf': 'variable "x" {}\nlocals {\n  l = 2\n}\n',
    });
    assert.deepEqual(messages(service, 'a.tf'), [
      '1:10 Duplicate variable "x": also declared in b.tf:1',
      '3:3 Duplicate local value "l": also declared in b.tf:3',
      '7:3 Argument "value" is already set on line 6',
    ]);
  });

  it('hints at unused variables and locals, and can be switched off', async () => {
    const text =
      'variable "used" {}\nvariable "unused" {}\nlocals {\n  a = var.used\n  b = 1\n}\noutput "o" {\n  value = local.a\n}\n';
    const service = await serviceWith({ 'main.tf': text });
    const hints = service.diagnostics(uri('main.tf')).filter((d) => d.severity === 4);
    assert.deepEqual(
      hints.map((h) => h.message),
      ['Variable "unused" is declared but never used', 'Local value "b" is declared but never used'],
    );
    assert.deepEqual(
      hints.map((h) => h.tags),
      [[1], [1]],
    );
  });

  it('warns about .tfvars values for variables the module does not declare', async () => {
    const service = await serviceWith({
      'variables.tf': 'variable "region" {}\n',
      'prod.tfvars': 'region = "eu-west-1"\nregoin = "x"\n',
    });
    assert.deepEqual(messages(service, 'prod.tfvars'), [
      '2:1 Value for undeclared variable "regoin": no variable "regoin" block in this module\'s files',
    ]);
  });

  it('raises none of the false positives found in public modules', async () => {
    const service = await serviceWith({
      'main.tf': [
        'terraform {',
        '  required_providers {',
        '    aws = {',
        '      source                = "hashicorp/aws"',
        '      configuration_aliases = [aws.primary, aws.secondary]',
        '    }',
        '  }',
        '}',
        'resource "aws_sqs_queue" "q" {}',
        'output "arn" {',
        '  value = resource.aws_sqs_queue.q.arn',
        '}',
        'moved {',
        '  from = aws_iam_policy.this',
        '  to   = aws_iam_policy.node',
        '}',
        'import {',
        '  to       = aws_sqs_queue.q',
        '  id       = "https://sqs/q"',
        '  provider = aws.primary',
        '}',
        '',
      ].join('\n'),
      'env/dev.tfvars': 'region = "us-east-1"\n',
    });
    assert.deepEqual(messages(service, 'main.tf'), []);
    assert.deepEqual(messages(service, 'env/dev.tfvars'), []);
    const refs = service.references(uri('main.tf'), { line: 8, character: 26 }, false);
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [10, 17],
      'resource.TYPE.NAME and import.to count as references',
    );
  });

  it('raises no false positives on idiomatic modules', async () => {
    const text = `
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 6.0" }
  }
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
variable "subnets" {
  type = map(object({ cidr = string, az = optional(string, "a") }))
  validation {
    condition     = alltrue([for k, v in var.subnets : can(cidrhost(v.cidr, 0))])
    error_message = "Every subnet needs a CIDR."
  }
}
variable "create" {
  type    = bool
  default = true
}
locals {
  names = { for k, s in var.subnets : k => "\${k}-\${s.az}" }
  azs   = [for s in values(var.subnets) : s.az if s.az != null]
  text  = <<-EOT
    %{ for name in keys(var.subnets) ~}
    \${name}
    %{ endfor ~}
  EOT
}
resource "aws_vpc" "this" {
  count      = var.create ? 1 : 0
  cidr_block = "10.0.0.0/16"
  provider   = aws.west
}
resource "aws_subnet" "this" {
  for_each   = var.subnets
  vpc_id     = aws_vpc.this[0].id
  cidr_block = each.value.cidr
  tags       = { Name = local.names[each.key], Path = path.module, Ws = terraform.workspace }
  lifecycle {
    ignore_changes        = [tags, tags_all["x"]]
    replace_triggered_by  = [aws_vpc.this]
    create_before_destroy = true
  }
  depends_on = [aws_vpc.this]
}
resource "aws_security_group" "this" {
  vpc_id = one(aws_vpc.this[*].id)
  dynamic "ingress" {
    for_each = var.subnets
    iterator = rule
    content {
      cidr_blocks = [rule.value.cidr]
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
    }
  }
  dynamic "egress" {
    for_each = toset(local.azs)
    content {
      description = egress.value
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
    }
  }
}
module "child" {
  source    = "./child"
  providers = { aws = aws.west }
  ids       = [for s in aws_subnet.this : s.id]
}
moved {
  from = aws_vpc.old
  to   = aws_vpc.this
}
removed {
  from = aws_instance.gone
  lifecycle {
    destroy = false
  }
}
import {
  to = aws_vpc.this[0]
  id = "vpc-123"
}
check "health" {
  data "http" "home" {
    url = "https://example.com"
  }
  assert {
    condition     = data.http.home.status_code == 200
    error_message = "down"
  }
}
output "ids" {
  value = { for k, s in aws_subnet.this : k => s.id }
}
output "child" {
  value = module.child
}
output "sg" {
  value = provider::aws::arn_parse(aws_security_group.this.arn).account_id
}
output "selfish" {
  value = local.text
}
`;
    const service = await serviceWith({ 'main.tf': text });
    const problems = service.diagnostics(uri('main.tf')).filter((d) => d.severity !== 4);
    assert.deepEqual(
      problems.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });
});
