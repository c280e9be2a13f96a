// Generates a synthetic Terraform workspace for the language-server benchmark into bench/lsp/workspace/ (git-ignored).
//
// 20 module directories × 10 files = 200 files, 2,000 resources: 15 child modules under modules/ and 5 root stacks
// under stacks/ that call them. Every reference resolves: var.*, local.*, resource-to-resource (within and across
// files of a module), data sources, module calls to local child modules and their outputs. Deterministic: the same
// seed always writes the same bytes.
//
//   node bench/lsp/generate.mjs [--seed N] [--out DIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = path.join(HERE, 'workspace');
export const DEFAULT_SEED = 20_241_203;
/** Bump when the generator's output changes, so run.mjs regenerates a stale workspace. */
export const GENERATOR_VERSION = 1;

export const CHILD_MODULES = [
  'network',
  'compute',
  'database',
  'storage',
  'identity',
  'dns',
  'monitoring',
  'messaging',
  'cache',
  'cdn',
  'functions',
  'containers',
  'security',
  'logging',
  'backup',
];
export const STACKS = ['dev', 'staging', 'prod', 'shared', 'sandbox'];
const RESOURCE_FILES_PER_CHILD = 5;
const RESOURCE_FILES_PER_STACK = 4;
const RESOURCES_PER_DIR = 100;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIABLES = `variable "name" {
  description = "Name prefix for every resource of this module."
  type        = string
}

variable "environment" {
  description = "Deployment stage: dev, staging or prod."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod", "shared", "sandbox"], var.environment)
    error_message = "Unknown environment."
  }
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "ingress_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}

variable "extra_tags" {
  type    = map(string)
  default = {}
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "domain" {
  type    = string
  default = "example.internal"
}

variable "zone_id" {
  type    = string
  default = "Z0000000000000"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = null
}

variable "enable_alarms" {
  type    = bool
  default = true
}
`;

const LOCALS = (name) => `locals {
  name_prefix   = "\${var.name}-${name}"
  is_prod       = var.environment == "prod"
  log_retention = local.is_prod ? max(var.log_retention_days, 365) : var.log_retention_days
  azs           = slice(data.aws_availability_zones.available.names, 0, 3)
  account_id    = data.aws_caller_identity.current.account_id
  region        = data.aws_region.current.name
  alarm_actions = var.enable_alarms ? ["arn:aws:sns:\${local.region}:\${local.account_id}:alerts"] : []

  tags = merge(var.extra_tags, {
    Module      = "${name}"
    Environment = var.environment
    ManagedBy   = "terraform"
  })
}
`;

const DATA = `data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_ami" "base" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
`;

const VERSIONS = `terraform {
  required_version = ">= 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40, < 7.0"
    }
  }
}
`;

/**
 * One bundle of 20 related resources (suffix `s`): each template may refer to resources created earlier in the
 * bundle (`r(type)`) or in an earlier bundle (`old(type)`, often in another file), to variables, locals and data.
 */
function bundle(s, random, previous) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const old = (type, fallback) => {
    const candidates = previous.filter((a) => a.startsWith(`${type}.`));
    return candidates.length && random() < 0.5 ? pick(candidates) : fallback;
  };
  const port = pick([80, 443, 8080, 8443, 5432, 6379]);
  const resources = [
    [
      'aws_kms_key',
      `main_${s}`,
      `  description             = "\${local.name_prefix} key ${s}"
  deletion_window_in_days = local.is_prod ? 30 : 7
  enable_key_rotation     = true
  tags                    = local.tags`,
    ],
    [
      'aws_iam_role',
      `app_${s}`,
      `  name               = "\${local.name_prefix}-app-${s}"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = local.tags`,
    ],
    [
      'aws_iam_role_policy_attachment',
      `app_ssm_${s}`,
      `  role       = aws_iam_role.app_${s}.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"`,
    ],
    [
      'aws_security_group',
      `app_${s}`,
      `  name_prefix = "\${local.name_prefix}-app-${s}-"
  description = "Application traffic for bundle ${s}"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = var.ingress_cidrs
    content {
      description = "from \${ingress.value}"
      from_port   = ${port}
      to_port     = ${port}
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(local.tags, { Name = "\${local.name_prefix}-app-${s}" })

  lifecycle {
    create_before_destroy = true
  }`,
    ],
    [
      'aws_iam_instance_profile',
      `app_${s}`,
      `  name = "\${local.name_prefix}-app-${s}"
  role = aws_iam_role.app_${s}.name`,
    ],
    [
      'aws_instance',
      `app_${s}`,
      `  ami                    = data.aws_ami.base.id
  instance_type          = var.instance_type
  subnet_id              = length(var.subnet_ids) > 0 ? element(var.subnet_ids, ${s}) : null
  vpc_security_group_ids = [aws_security_group.app_${s}.id, ${old('aws_security_group', `aws_security_group.app_${s}`)}.id]
  iam_instance_profile   = aws_iam_instance_profile.app_${s}.name

  root_block_device {
    volume_size = local.is_prod ? 50 : 20
    encrypted   = true
    kms_key_id  = aws_kms_key.main_${s}.arn
  }

  user_data = <<-EOT
    #!/bin/bash
    echo "\${local.name_prefix}-${s}" > /etc/hostname
    echo "region=\${local.region}" >> /etc/environment
  EOT

  tags = merge(local.tags, {
    Name = "\${local.name_prefix}-app-${s}"
    Role = "app"
  })`,
    ],
    [
      'aws_s3_bucket',
      `data_${s}`,
      `  bucket = "\${local.name_prefix}-data-${s}-\${local.account_id}"
  tags   = local.tags`,
    ],
    [
      'aws_s3_bucket_versioning',
      `data_${s}`,
      `  bucket = aws_s3_bucket.data_${s}.id

  versioning_configuration {
    status = local.is_prod ? "Enabled" : "Suspended"
  }`,
    ],
    [
      'aws_s3_bucket_server_side_encryption_configuration',
      `data_${s}`,
      `  bucket = aws_s3_bucket.data_${s}.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = ${old('aws_kms_key', `aws_kms_key.main_${s}`)}.arn
    }
  }`,
    ],
    [
      'aws_cloudwatch_log_group',
      `app_${s}`,
      `  name              = "/\${var.environment}/\${local.name_prefix}/app-${s}"
  retention_in_days = local.log_retention
  kms_key_id        = aws_kms_key.main_${s}.arn
  tags              = local.tags`,
    ],
    [
      'aws_iam_role',
      `fn_${s}`,
      `  name               = "\${local.name_prefix}-fn-${s}"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json`,
    ],
    [
      'aws_lambda_function',
      `worker_${s}`,
      `  function_name = "\${local.name_prefix}-worker-${s}"
  role          = aws_iam_role.fn_${s}.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "\${path.module}/dist/worker.zip"
  memory_size   = local.is_prod ? 512 : 256
  timeout       = 30

  environment {
    variables = {
      BUCKET    = aws_s3_bucket.data_${s}.bucket
      LOG_GROUP = aws_cloudwatch_log_group.app_${s}.name
      STAGE     = var.environment
    }
  }

  tags = local.tags`,
    ],
    [
      'aws_sqs_queue',
      `dlq_${s}`,
      `  name                      = "\${local.name_prefix}-dlq-${s}"
  message_retention_seconds = 1209600
  kms_master_key_id         = aws_kms_key.main_${s}.id`,
    ],
    [
      'aws_sqs_queue',
      `jobs_${s}`,
      `  name                       = "\${local.name_prefix}-jobs-${s}"
  visibility_timeout_seconds = 60
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq_${s}.arn
    maxReceiveCount     = 5
  })
  tags = local.tags`,
    ],
    [
      'aws_lambda_event_source_mapping',
      `jobs_${s}`,
      `  event_source_arn = aws_sqs_queue.jobs_${s}.arn
  function_name    = aws_lambda_function.worker_${s}.arn
  batch_size       = 10`,
    ],
    [
      'aws_lb',
      `app_${s}`,
      `  name               = substr("\${local.name_prefix}-${s}", 0, 32)
  load_balancer_type = "application"
  internal           = !local.is_prod
  security_groups    = [aws_security_group.app_${s}.id]
  subnets            = var.subnet_ids
  tags               = local.tags`,
    ],
    [
      'aws_lb_target_group',
      `app_${s}`,
      `  name_prefix = "t${s % 10}-"
  port        = ${port}
  protocol    = "HTTP"
  vpc_id      = var.vpc_id

  health_check {
    path    = "/healthz"
    matcher = "200-299"
  }`,
    ],
    [
      'aws_lb_listener',
      `app_${s}`,
      `  load_balancer_arn = aws_lb.app_${s}.arn
  port              = 443
  protocol          = "HTTPS"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app_${s}.arn
  }`,
    ],
    [
      'aws_route53_record',
      `app_${s}`,
      `  zone_id = var.zone_id
  name    = "app-${s}.\${var.domain}"
  type    = "CNAME"
  ttl     = 300
  records = [aws_lb.app_${s}.dns_name]`,
    ],
    [
      'aws_cloudwatch_metric_alarm',
      `cpu_${s}`,
      `  count               = var.enable_alarms ? 1 : 0
  alarm_name          = "\${local.name_prefix}-cpu-${s}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = local.is_prod ? 70 : 90
  alarm_actions       = local.alarm_actions

  dimensions = {
    InstanceId = aws_instance.app_${s}.id
  }`,
    ],
  ];
  return resources.map(([type, name, body]) => ({
    type,
    name,
    text: `resource "${type}" "${name}" {\n${body}\n}\n`,
  }));
}

const CHILD_OUTPUTS = (bundles) => {
  const out = [];
  for (let s = 0; s < bundles; s++) {
    out.push(
      `output "instance_id_${s}" {\n  description = "Application instance of bundle ${s}."\n  value       = aws_instance.app_${s}.id\n}\n`,
    );
    out.push(`output "lb_dns_name_${s}" {\n  value = aws_lb.app_${s}.dns_name\n}\n`);
    out.push(`output "queue_url_${s}" {\n  value = aws_sqs_queue.jobs_${s}.url\n}\n`);
  }
  out.push(
    `output "bucket_arns" {\n  value = [${Array.from({ length: bundles }, (_, s) => `aws_s3_bucket.data_${s}.arn`).join(', ')}]\n}\n`,
  );
  out.push(`output "security_group_id" {\n  value = aws_security_group.app_0.id\n}\n`);
  return out.join('\n');
};

/** Writes the workspace; returns { files, resources, bytes, dirs }. */
export function generate({ seed = DEFAULT_SEED, out = DEFAULT_OUT } = {}) {
  const random = prng(seed);
  rmSync(out, { recursive: true, force: true });
  const stats = { files: 0, resources: 0, bytes: 0, dirs: 0 };
  const write = (rel, text) => {
    const file = path.join(out, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
  };
  const bundlesPerDir = RESOURCES_PER_DIR / 20;

  const writeResources = (dir, name, fileCount) => {
    const files = Array.from({ length: fileCount }, () => []);
    const previous = [];
    for (let s = 0; s < bundlesPerDir; s++) {
      const resources = bundle(s, random, previous);
      resources.forEach((r, i) => {
        // A bundle is spread over the files, so references often cross files of the module.
        files[(s + Math.floor(i / 7)) % fileCount].push(r.text);
        if (r.type !== 'aws_cloudwatch_metric_alarm') previous.push(`${r.type}.${r.name}`);
      });
      stats.resources += resources.length;
    }
    files.forEach((blocks, i) => write(`${dir}/${name}_${i + 1}.tf`, blocks.join('\n')));
  };

  for (const name of CHILD_MODULES) {
    const dir = `modules/${name}`;
    write(`${dir}/versions.tf`, VERSIONS);
    write(`${dir}/variables.tf`, VARIABLES);
    write(`${dir}/locals.tf`, LOCALS(name));
    write(`${dir}/data.tf`, DATA);
    write(`${dir}/outputs.tf`, CHILD_OUTPUTS(bundlesPerDir));
    writeResources(dir, name, RESOURCE_FILES_PER_CHILD);
    stats.dirs++;
  }

  for (const [index, stack] of STACKS.entries()) {
    const dir = `stacks/${stack}`;
    // Each stack calls three child modules; the others are reached through their outputs.
    const calls = [0, 1, 2].map((k) => CHILD_MODULES[(index * 3 + k) % CHILD_MODULES.length]);
    write(`${dir}/versions.tf`, VERSIONS);
    write(
      `${dir}/variables.tf`,
      VARIABLES + `\nvariable "region" {\n  type    = string\n  default = "eu-west-1"\n}\n`,
    );
    write(`${dir}/locals.tf`, LOCALS(stack));
    write(
      `${dir}/data.tf`,
      DATA + `\nprovider "aws" {\n  region = var.region\n\n  default_tags {\n    tags = local.tags\n  }\n}\n`,
    );
    const moduleBlocks = calls.map(
      (child, k) => `module "${child}" {
  source = "../../modules/${child}"

  name               = "\${local.name_prefix}-${child}"
  environment        = var.environment
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  instance_type      = local.is_prod ? "m6i.large" : var.instance_type
  ingress_cidrs      = var.ingress_cidrs
  extra_tags         = local.tags
  log_retention_days = local.log_retention
  domain             = var.domain
  zone_id            = var.zone_id
  db_password        = var.db_password
  enable_alarms      = var.enable_alarms${k > 0 ? `\n\n  depends_on = [module.${calls[0]}]` : ''}
}
`,
    );
    write(`${dir}/main.tf`, moduleBlocks.join('\n'));
    const outputs = calls.flatMap((child) => [
      `output "${child}_instance" {\n  value = module.${child}.instance_id_0\n}\n`,
      `output "${child}_endpoint" {\n  value = "https://\${module.${child}.lb_dns_name_1}"\n}\n`,
      `output "${child}_buckets" {\n  value = module.${child}.bucket_arns\n}\n`,
    ]);
    write(`${dir}/outputs.tf`, outputs.join('\n'));
    writeResources(dir, 'resources', RESOURCE_FILES_PER_STACK);
    // Root resources that consume module outputs.
    const glue = calls
      .map(
        (child, k) => `resource "aws_ssm_parameter" "${child}_queue" {
  name  = "/\${var.environment}/${child}/queue-url"
  type  = "String"
  value = module.${child}.queue_url_${k % bundlesPerDir}
  tags  = local.tags
}

resource "aws_route53_record" "${child}_alias" {
  zone_id = var.zone_id
  name    = "${child}.\${var.domain}"
  type    = "CNAME"
  ttl     = 60
  records = [module.${child}.lb_dns_name_0]
}
`,
      )
      .join('\n');
    write(`${dir}/glue.tf`, glue);
    stats.resources += calls.length * 2;
    stats.dirs++;
  }
  writeFileSync(
    path.join(out, '.generated.json'),
    JSON.stringify({ seed, version: GENERATOR_VERSION, ...stats }, null, 2),
  );
  return stats;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const seed = arg('--seed') ? Number(arg('--seed')) : DEFAULT_SEED;
  const out = arg('--out') ? path.resolve(arg('--out')) : DEFAULT_OUT;
  const stats = generate({ seed, out });
  console.log(
    `generated ${stats.files} files, ${stats.resources} resources, ${(stats.bytes / 1024).toFixed(0)} KB in ${stats.dirs} module directories → ${path.relative(process.cwd(), out) || out}`,
  );
}
