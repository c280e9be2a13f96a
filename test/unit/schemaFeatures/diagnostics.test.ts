import assert from 'node:assert/strict';
import { sliceSchemas } from '../helpers/schemas';
import { serviceWith, uri } from '../helpers/service';

async function check(text: string): Promise<string[]> {
  const service = await serviceWith({ 'main.tf': text }, { schemas: sliceSchemas });
  return service
    .diagnostics(uri('main.tf'))
    .filter((d) => d.severity !== 4)
    .map(
      (d) =>
        `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1} ${d.message}`,
    );
}

describe('schema diagnostics', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    {
      name: 'an unknown resource type, with a did-you-mean',
      text: 'resource "aws_instanse" "web" {}\n',
      expected: ['1:10-24 Unknown resource type "aws_instanse": did you mean "aws_instance"?'],
    },
    {
      name: 'an unknown data source type',
      text: 'data "aws_amis" "x" {}\n',
      expected: ['1:6-16 Unknown data source type "aws_amis": did you mean "aws_ami"?'],
    },
    {
      name: 'types of providers without a shipped schema are never flagged',
      text: 'resource "google_compute_instance" "x" {\n  anything = 1\n}\n',
      expected: [],
    },
    {
      name: 'an unknown argument, with a did-you-mean',
      text: 'resource "aws_instance" "web" {\n  instance_typ = "t3.micro"\n}\n',
      expected: [
        '2:3-15 Unsupported argument "instance_typ" in resource "aws_instance": did you mean "instance_type"?',
      ],
    },
    {
      name: 'an unknown nested block',
      text: 'resource "aws_instance" "web" {\n  metadata_option {\n  }\n}\n',
      expected: ['2:3-18 Unsupported block type "metadata_option": did you mean "metadata_options"?'],
    },
    {
      name: 'an unknown argument inside a nested block',
      text: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_token = "required"\n  }\n}\n',
      expected: [
        '3:5-15 Unsupported argument "http_token" in block "metadata_options": did you mean "http_tokens"?',
      ],
    },
    {
      name: 'a missing required argument, on the block header',
      text: 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n',
      expected: ['1:1-34 Missing required argument "instance_class"'],
    },
    {
      name: 'a literal of the wrong type',
      text: 'resource "aws_db_instance" "db" {\n  instance_class    = "db.t3.micro"\n  allocated_storage = "lots"\n}\n',
      expected: ['3:23-29 Incorrect value for "allocated_storage": expects a number, got string "lots"'],
    },
    {
      name: 'more blocks than allowed',
      text: 'resource "aws_instance" "web" {\n  metadata_options {}\n  metadata_options {}\n}\n',
      expected: ['3:3-19 Too many "metadata_options" blocks: at most 1 allowed here'],
    },
    {
      name: 'assignment to a computed-only attribute',
      text: 'resource "aws_instance" "web" {\n  arn = "x"\n}\n',
      expected: ['2:3-6 "arn" is computed by the provider and cannot be set'],
    },
    {
      name: 'a deprecated attribute',
      text: 'resource "aws_instance" "web" {\n  cpu_core_count = 2\n}\n',
      expected: ['2:3-17 "cpu_core_count" is deprecated: use cpu options'],
    },
    {
      name: 'a block written as an argument',
      text: 'resource "aws_instance" "web" {\n  metadata_options = { http_tokens = "required" }\n}\n',
      expected: [
        '2:3-19 "metadata_options" is a block, not an argument: write metadata_options { … } without "="',
      ],
    },
    {
      name: 'a missing required argument in a nested block',
      text: 'data "aws_ami" "al" {\n  filter {\n    name = "name"\n  }\n}\n',
      expected: ['2:3-11 Missing required argument "values"'],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => assert.deepEqual(await check(c.text), c.expected));
  }

  it('accepts a possibly-null expression for a computed-only attribute', async () => {
    assert.deepEqual(
      await check('variable "v" {\n  default = null\n}\nresource "aws_instance" "web" {\n  arn = var.v\n}\n'),
      [],
    );
  });

  it('turns "unknown" into a warning when the module requires a newer provider than ships', async () => {
    const text =
      'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 6.37" }\n  }\n}\nresource "aws_instance" "web" {\n  nested_virtualization = true\n}\n';
    const service = await serviceWith({ 'main.tf': text }, { schemas: sliceSchemas });
    const unknown = service.diagnostics(uri('main.tf')).filter((d) => d.code === 'unknown-attribute');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].severity, 2);
    assert.match(
      String(unknown[0].message),
      /requires a newer hashicorp\/aws than the 6\.0\.0 schema Opsmith ships/,
    );
  });

  it('accepts meta-arguments, dynamic blocks, splats, conditionals, templates and attributes-as-blocks', async () => {
    const text = `
variable "ports" {
  type = list(number)
}
variable "n" {
  type = number
}
resource "aws_vpc" "main" {
  count      = var.n > 0 ? 1 : 0
  cidr_block = "10.0.\${var.n}.0/24"
}
resource "aws_instance" "web" {
  for_each               = toset(["a", "b"])
  provider               = aws
  ami                    = "ami-123"
  instance_type          = var.n > 2 ? "t3.large" : "t3.micro"
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = aws_security_group.sg[*].id
  monitoring             = "true"
  depends_on             = [aws_vpc.main]
  metadata_options {
    http_tokens = "required"
  }
  dynamic "ebs_block_device" {
    for_each = var.ports
    content {
      device_name = "/dev/sd\${ebs_block_device.key}"
      volume_size = ebs_block_device.value
    }
  }
  lifecycle {
    ignore_changes = [ami]
  }
  tags = {
    Name = "web-\${each.key}"
  }
}
resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main[0].id
}
resource "aws_security_group" "sg" {
  count = 1
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_db_instance" "db" {
  instance_class    = "db.t3.micro"
  allocated_storage = "20"
}
data "aws_ami" "al" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-*"]
  }
}
`;
    assert.deepEqual(await check(text), []);
  });
});
