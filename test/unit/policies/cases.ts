// One passing and one failing fixture per policy check. `at` is the exact text the finding's range covers in
// `fail`: an argument (`name = value`) or a block header (`resource "t" "n" {`).
import type { Profile } from '../../../server/src/service/policies';

export interface PolicyCase {
  check: string;
  profile?: Profile;
  pass: string;
  fail: string;
  at: string;
  /** The checkov id the finding carries, when it is not the check's first one. */
  checkov?: string | null;
  /** Why checkov's own check passes `fail` (we are stricter), when it does. */
  stricterThanCheckov?: string;
}

const bucket = (name = 'assets') => `resource "aws_s3_bucket" "${name}" {
  bucket = "orders-${name}"
}
`;
const pab = (name = 'assets', flags: Partial<Record<string, string>> = {}) => {
  const all = {
    block_public_acls: 'true',
    block_public_policy: 'true',
    ignore_public_acls: 'true',
    restrict_public_buckets: 'true',
    ...flags,
  };
  const body = Object.entries(all)
    .filter(([, v]) => v !== 'omit')
    .map(([k, v]) => `  ${k} = ${v}`)
    .join('\n');
  return `resource "aws_s3_bucket_public_access_block" "${name}" {
  bucket = aws_s3_bucket.${name}.id

${body}
}
`;
};

const db = (extra: string) => `resource "aws_db_instance" "main" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "orders_admin"
  manage_master_user_password = true
${extra}}
`;

const sg = (ingress: string) => `resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id

  ingress {
${ingress}
  }
}
`;

const instance = (extra: string) => `resource "aws_instance" "app" {
  ami           = var.ami_id
  instance_type = "t3.small"
${extra}}
`;

const lambda = (extra: string) => `resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/api.zip"
${extra}}
`;

const ecr = (extra: string) => `resource "aws_ecr_repository" "app" {
  name = "orders"
${extra}}
`;

const eks = (vpc: string, extra = '') => `resource "aws_eks_cluster" "main" {
  name     = "orders"
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids = aws_subnet.private[*].id
${vpc}
  }
${extra}}
`;

const EKS_LOGS =
  '  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n';
const EKS_SECRETS = `
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.main.arn
    }
  }
`;

const trail = (extra: string) => `resource "aws_cloudtrail" "main" {
  name           = "orders"
  s3_bucket_name = aws_s3_bucket.trail.id
${extra}}
`;

const listener = (extra: string) => `resource "aws_lb" "main" {
  name                       = "orders"
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
}

resource "aws_lb_listener" "web" {
  load_balancer_arn = aws_lb.main.arn
${extra}
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
`;

const distribution = (behavior: string, cert: string) => `resource "aws_cloudfront_distribution" "site" {
  enabled             = true
  default_root_object = "index.html"

  origin {
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id                = "site"
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "site"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
${behavior}
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
${cert}
  }
}
`;

const jsonPolicy = (statement: string) => `resource "aws_iam_role_policy" "app" {
  name = "app"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
${statement}
    }]
  })
}
`;

const policyDocument = (statement: string) => `data "aws_iam_policy_document" "app" {
  statement {
    effect    = "Allow"
${statement}
  }
}
`;

export const CASES: PolicyCase[] = [
  // S3 -------------------------------------------------------------------------------------------------------
  {
    check: 'OPS-S3-001',
    pass: bucket() + '\n' + pab(),
    fail: bucket(),
    at: 'resource "aws_s3_bucket" "assets" {',
  },
  {
    check: 'OPS-S3-002',
    pass: bucket() + '\n' + pab(),
    fail: bucket() + '\n' + pab('assets', { block_public_acls: 'false' }),
    at: 'block_public_acls = false',
  },
  {
    check: 'OPS-S3-003',
    pass: bucket() + '\n' + pab(),
    fail: bucket() + '\n' + pab('assets', { block_public_policy: 'omit' }),
    at: 'resource "aws_s3_bucket_public_access_block" "assets" {',
  },
  {
    check: 'OPS-S3-004',
    pass: bucket() + '\n' + pab(),
    fail: bucket() + '\n' + pab('assets', { ignore_public_acls: 'false' }),
    at: 'ignore_public_acls = false',
  },
  {
    check: 'OPS-S3-005',
    pass: bucket() + '\n' + pab('assets', { restrict_public_buckets: 'var.restrict' }),
    fail:
      `variable "restrict" {\n  type    = bool\n  default = false\n}\n\n` +
      bucket() +
      '\n' +
      pab('assets', { restrict_public_buckets: 'var.restrict' }),
    at: 'restrict_public_buckets = var.restrict',
  },
  {
    check: 'OPS-S3-006',
    pass:
      bucket() +
      `
resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}
`,
    fail: bucket('logs'),
    at: 'resource "aws_s3_bucket" "logs" {',
    stricterThanCheckov: 'checkov counts S3 default encryption (SSE-S3) as encrypted; we want it explicit.',
  },
  {
    check: 'OPS-S3-007',
    pass:
      bucket() +
      `
resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.id

  versioning_configuration {
    status = "Enabled"
  }
}
`,
    fail:
      bucket() +
      `
resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.id

  versioning_configuration {
    status = "Suspended"
  }
}
`,
    at: 'status = "Suspended"',
  },
  {
    check: 'OPS-S3-008',
    pass:
      bucket() +
      `\nresource "aws_s3_bucket_acl" "assets" {\n  bucket = aws_s3_bucket.assets.id\n  acl    = "private"\n}\n`,
    fail:
      bucket() +
      `\nresource "aws_s3_bucket_acl" "assets" {\n  bucket = aws_s3_bucket.assets.id\n  acl    = "public-read"\n}\n`,
    at: 'acl    = "public-read"',
    checkov: 'CKV_AWS_20',
  },
  {
    check: 'OPS-S3-009',
    pass:
      bucket() +
      `
resource "aws_s3_bucket_lifecycle_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    id     = "housekeeping"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
`,
    fail: bucket(),
    at: 'resource "aws_s3_bucket" "assets" {',
  },
  // Databases ---------------------------------------------------------------------------------------------------
  {
    check: 'OPS-RDS-001',
    pass: db('  storage_encrypted           = true\n'),
    fail: db('  storage_encrypted           = false\n'),
    at: 'storage_encrypted           = false',
  },
  {
    check: 'OPS-RDS-002',
    pass: db('  publicly_accessible         = false\n'),
    fail: db('  publicly_accessible         = true\n'),
    at: 'publicly_accessible         = true',
  },
  {
    check: 'OPS-RDS-003',
    pass: db('  backup_retention_period     = 14\n'),
    fail: db('  backup_retention_period     = 1\n'),
    at: 'backup_retention_period     = 1',
    stricterThanCheckov: 'checkov accepts 1 to 35 days; production needs at least 7.',
  },
  {
    check: 'OPS-RDS-003',
    profile: 'dev',
    pass: db(''),
    fail: db('  backup_retention_period     = 0\n'),
    at: 'backup_retention_period     = 0',
  },
  {
    check: 'OPS-RDS-004',
    pass: db('  deletion_protection         = true\n'),
    fail: db(''),
    at: 'resource "aws_db_instance" "main" {',
  },
  {
    check: 'OPS-RDS-005',
    pass: db('  multi_az                    = true\n'),
    fail: db('  multi_az                    = false\n'),
    at: 'multi_az                    = false',
  },
  {
    check: 'OPS-SEC-001',
    pass:
      `resource "random_password" "db" {\n  length  = 32\n  special = false\n}\n\n` +
      `resource "aws_rds_cluster" "main" {\n  engine          = "aurora-postgresql"\n  master_username = "orders"\n  master_password = random_password.db.result\n}\n`,
    fail: `resource "aws_rds_cluster" "main" {\n  engine          = "aurora-postgresql"\n  master_username = "orders"\n  master_password = "Sup3rSecret!"\n}\n`,
    at: 'master_password = "Sup3rSecret!"',
    checkov: null,
  },
  {
    check: 'OPS-DDB-001',
    pass: `resource "aws_dynamodb_table" "items" {\n  name         = "items"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n`,
    fail: `resource "aws_dynamodb_table" "items" {\n  name         = "items"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n`,
    at: 'resource "aws_dynamodb_table" "items" {',
  },
  {
    check: 'OPS-DDB-002',
    pass: `resource "aws_dynamodb_table" "items" {\n  name     = "items"\n  hash_key = "id"\n\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.main.arn\n  }\n}\n`,
    fail: `resource "aws_dynamodb_table" "items" {\n  name     = "items"\n  hash_key = "id"\n\n  server_side_encryption {\n    enabled = true\n  }\n}\n`,
    at: 'server_side_encryption {',
  },
  {
    check: 'OPS-CACHE-001',
    pass: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id       = "orders"\n  description                = "orders cache"\n  at_rest_encryption_enabled = true\n}\n`,
    fail: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id       = "orders"\n  description                = "orders cache"\n  at_rest_encryption_enabled = false\n}\n`,
    at: 'at_rest_encryption_enabled = false',
  },
  {
    check: 'OPS-CACHE-002',
    pass: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id       = "orders"\n  description                = "orders cache"\n  transit_encryption_enabled = true\n}\n`,
    fail: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id = "orders"\n  description          = "orders cache"\n}\n`,
    at: 'resource "aws_elasticache_replication_group" "cache" {',
  },
  {
    check: 'OPS-CACHE-003',
    pass: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id       = "orders"\n  description                = "orders cache"\n  transit_encryption_enabled = true\n  auth_token                 = random_password.cache.result\n}\n`,
    fail: `resource "aws_elasticache_replication_group" "cache" {\n  replication_group_id       = "orders"\n  description                = "orders cache"\n  transit_encryption_enabled = true\n}\n`,
    at: 'resource "aws_elasticache_replication_group" "cache" {',
  },
  // Network -----------------------------------------------------------------------------------------------------
  {
    check: 'OPS-NET-001',
    pass: sg(
      '    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.8.0.0/16"]',
    ),
    fail: sg(
      '    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]',
    ),
    at: 'cidr_blocks = ["0.0.0.0/0"]',
  },
  {
    check: 'OPS-NET-002',
    pass: `resource "aws_security_group_rule" "rdp" {\n  type              = "ingress"\n  security_group_id = aws_security_group.win.id\n  from_port         = 3389\n  to_port           = 3389\n  protocol          = "tcp"\n  cidr_blocks       = [var.vpn_cidr]\n}\n`,
    fail: `variable "admin_cidrs" {\n  type    = list(string)\n  default = ["0.0.0.0/0"]\n}\n\nresource "aws_security_group_rule" "rdp" {\n  type              = "ingress"\n  security_group_id = aws_security_group.win.id\n  from_port         = 3380\n  to_port           = 3390\n  protocol          = "tcp"\n  cidr_blocks       = var.admin_cidrs\n}\n`,
    at: 'cidr_blocks       = var.admin_cidrs',
  },
  {
    check: 'OPS-NET-003',
    pass: `resource "aws_vpc_security_group_ingress_rule" "https" {\n  security_group_id = aws_security_group.alb.id\n  from_port         = 443\n  to_port           = 443\n  ip_protocol       = "tcp"\n  cidr_ipv4         = "0.0.0.0/0"\n}\n`,
    fail: `resource "aws_vpc_security_group_ingress_rule" "http" {\n  security_group_id = aws_security_group.alb.id\n  from_port         = 80\n  to_port           = 80\n  ip_protocol       = "tcp"\n  cidr_ipv6         = "::/0"\n}\n`,
    at: 'cidr_ipv6         = "::/0"',
    stricterThanCheckov: 'checkov iterates the characters of a cidr_ipv6 string and misses ::/0.',
  },
  {
    check: 'OPS-NET-004',
    pass: sg(
      '    from_port       = 5432\n    to_port         = 5432\n    protocol        = "tcp"\n    security_groups = [aws_security_group.app.id]',
    ),
    fail: sg(
      '    from_port   = 5432\n    to_port     = 5432\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]',
    ),
    at: 'cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]',
    checkov: null,
  },
  {
    check: 'OPS-NET-005',
    pass: sg(
      '    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = [aws_vpc.main.cidr_block]',
    ),
    fail: sg(
      '    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]',
    ),
    at: 'cidr_blocks = ["0.0.0.0/0"]',
  },
  {
    check: 'OPS-NET-006',
    pass: `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow.arn\n  iam_role_arn    = aws_iam_role.flow.arn\n}\n`,
    fail: `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
    at: 'resource "aws_vpc" "main" {',
  },
  {
    check: 'OPS-NET-007',
    pass: `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_default_security_group" "main" {\n  vpc_id = aws_vpc.main.id\n}\n`,
    fail: `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_default_security_group" "main" {\n  vpc_id = aws_vpc.main.id\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n`,
    at: 'egress {',
  },
  // Compute -----------------------------------------------------------------------------------------------------
  {
    check: 'OPS-EC2-001',
    pass: instance('\n  metadata_options {\n    http_tokens = "required"\n  }\n'),
    fail: instance('\n  metadata_options {\n    http_tokens = "optional"\n  }\n'),
    at: 'http_tokens = "optional"',
  },
  {
    check: 'OPS-EC2-001',
    pass: `resource "aws_launch_template" "app" {\n  image_id = var.ami_id\n\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n`,
    fail: `resource "aws_launch_template" "app" {\n  image_id = var.ami_id\n}\n`,
    at: 'resource "aws_launch_template" "app" {',
  },
  {
    check: 'OPS-EC2-002',
    pass: instance('\n  root_block_device {\n    encrypted = true\n  }\n'),
    fail: instance('\n  root_block_device {\n    volume_size = 20\n  }\n'),
    at: 'root_block_device {',
    stricterThanCheckov: 'checkov reports UNKNOWN, not FAILED, for a root_block_device without encrypted.',
  },
  {
    check: 'OPS-EC2-003',
    pass: `resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n  encrypted         = true\n}\n`,
    fail: `resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n}\n`,
    at: 'resource "aws_ebs_volume" "data" {',
  },
  {
    check: 'OPS-LAMBDA-001',
    pass: lambda('\n  tracing_config {\n    mode = "Active"\n  }\n'),
    fail: lambda(''),
    at: 'resource "aws_lambda_function" "api" {',
  },
  {
    check: 'OPS-LAMBDA-002',
    pass: lambda('\n  dead_letter_config {\n    target_arn = aws_sqs_queue.api_dlq.arn\n  }\n'),
    fail: lambda(''),
    at: 'resource "aws_lambda_function" "api" {',
  },
  {
    check: 'OPS-LAMBDA-003',
    pass: lambda(
      '\n  vpc_config {\n    subnet_ids         = aws_subnet.private[*].id\n    security_group_ids = [aws_security_group.api.id]\n  }\n',
    ),
    fail: lambda(''),
    at: 'resource "aws_lambda_function" "api" {',
  },
  {
    check: 'OPS-LAMBDA-004',
    pass: lambda('  reserved_concurrent_executions = 50\n'),
    fail: lambda('  reserved_concurrent_executions = -1\n'),
    at: 'reserved_concurrent_executions = -1',
    stricterThanCheckov: 'checkov compares against the string "${-1}" and misses a literal -1.',
  },
  {
    check: 'OPS-ECR-001',
    pass: ecr('  image_tag_mutability = "IMMUTABLE"\n'),
    fail: ecr('  image_tag_mutability = "MUTABLE"\n'),
    at: 'image_tag_mutability = "MUTABLE"',
  },
  {
    check: 'OPS-ECR-002',
    pass: ecr('\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n'),
    fail: ecr('\n  image_scanning_configuration {\n    scan_on_push = false\n  }\n'),
    at: 'scan_on_push = false',
  },
  {
    check: 'OPS-ECR-003',
    pass: ecr(
      '\n  encryption_configuration {\n    encryption_type = "KMS"\n    kms_key         = aws_kms_key.main.arn\n  }\n',
    ),
    fail: ecr(''),
    at: 'resource "aws_ecr_repository" "app" {',
  },
  {
    check: 'OPS-EKS-001',
    pass: eks('    endpoint_public_access = false', EKS_SECRETS),
    fail: eks('    endpoint_public_access = false'),
    at: 'resource "aws_eks_cluster" "main" {',
  },
  {
    check: 'OPS-EKS-002',
    pass: eks('    endpoint_private_access = true\n    endpoint_public_access  = false'),
    fail: eks('    endpoint_private_access = true\n    endpoint_public_access  = true'),
    at: 'endpoint_public_access  = true',
  },
  {
    check: 'OPS-EKS-003',
    pass: eks('    endpoint_public_access = true\n    public_access_cidrs    = ["203.0.113.0/24"]'),
    fail: eks('    endpoint_public_access = true\n    public_access_cidrs    = ["0.0.0.0/0"]'),
    at: 'public_access_cidrs    = ["0.0.0.0/0"]',
  },
  {
    check: 'OPS-EKS-004',
    pass: eks('    endpoint_public_access = false', EKS_LOGS),
    fail: eks('    endpoint_public_access = false', '  enabled_cluster_log_types = ["api", "audit"]\n'),
    at: 'enabled_cluster_log_types = ["api", "audit"]',
  },
  // Platform ----------------------------------------------------------------------------------------------------
  {
    check: 'OPS-KMS-001',
    pass: `resource "aws_kms_key" "main" {\n  description         = "orders"\n  enable_key_rotation = true\n}\n\nresource "aws_kms_key" "signing" {\n  description              = "signing"\n  customer_master_key_spec = "ECC_NIST_P256"\n  key_usage                = "SIGN_VERIFY"\n}\n`,
    fail: `resource "aws_kms_key" "main" {\n  description = "orders"\n}\n`,
    at: 'resource "aws_kms_key" "main" {',
  },
  {
    check: 'OPS-CT-001',
    pass: trail('  enable_log_file_validation = true\n'),
    fail: trail('  enable_log_file_validation = false\n'),
    at: 'enable_log_file_validation = false',
  },
  {
    check: 'OPS-CT-002',
    pass: trail('  kms_key_id     = aws_kms_key.trail.arn\n'),
    fail: trail(''),
    at: 'resource "aws_cloudtrail" "main" {',
  },
  {
    check: 'OPS-CT-003',
    pass: trail('  is_multi_region_trail = true\n'),
    fail: trail(''),
    at: 'resource "aws_cloudtrail" "main" {',
  },
  {
    check: 'OPS-LOG-001',
    pass: `resource "aws_cloudwatch_log_group" "app" {\n  name       = "/orders/app"\n  kms_key_id = aws_kms_key.main.arn\n}\n`,
    fail: `resource "aws_cloudwatch_log_group" "app" {\n  name = "/orders/app"\n}\n`,
    at: 'resource "aws_cloudwatch_log_group" "app" {',
  },
  {
    check: 'OPS-LOG-002',
    pass: `resource "aws_cloudwatch_log_group" "app" {\n  name              = "/orders/app"\n  retention_in_days = 400\n}\n`,
    fail: `resource "aws_cloudwatch_log_group" "app" {\n  name              = "/orders/app"\n  retention_in_days = 30\n}\n`,
    at: 'retention_in_days = 30',
  },
  {
    check: 'OPS-LOG-002',
    profile: 'dev',
    pass: `resource "aws_cloudwatch_log_group" "app" {\n  name              = "/orders/app"\n  retention_in_days = 30\n}\n`,
    fail: `resource "aws_cloudwatch_log_group" "app" {\n  name = "/orders/app"\n}\n`,
    at: 'resource "aws_cloudwatch_log_group" "app" {',
    checkov: null,
  },
  {
    check: 'OPS-SQS-001',
    pass: `resource "aws_sqs_queue" "jobs" {\n  name              = "jobs"\n  kms_master_key_id = aws_kms_key.main.id\n}\n`,
    fail: `resource "aws_sqs_queue" "jobs" {\n  name                    = "jobs"\n  sqs_managed_sse_enabled = false\n}\n`,
    at: 'sqs_managed_sse_enabled = false',
  },
  {
    check: 'OPS-SNS-001',
    pass: `resource "aws_sns_topic" "alarms" {\n  name              = "alarms"\n  kms_master_key_id = "alias/aws/sns"\n}\n`,
    fail: `resource "aws_sns_topic" "alarms" {\n  name = "alarms"\n}\n`,
    at: 'resource "aws_sns_topic" "alarms" {',
  },
  // Edge --------------------------------------------------------------------------------------------------------
  {
    check: 'OPS-ALB-001',
    pass: `resource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.main.arn\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n`,
    fail: listener('  port              = 80\n  protocol          = "HTTP"\n'),
    at: 'protocol          = "HTTP"',
  },
  {
    check: 'OPS-ALB-002',
    pass: listener(
      '  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = var.certificate_arn\n',
    ),
    fail: listener(
      '  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n  certificate_arn   = var.certificate_arn\n',
    ),
    at: 'ssl_policy        = "ELBSecurityPolicy-2016-08"',
  },
  {
    check: 'OPS-ALB-003',
    pass: `resource "aws_lb" "main" {\n  name                       = "orders"\n  drop_invalid_header_fields = true\n}\n\nresource "aws_lb" "net" {\n  name               = "orders-nlb"\n  load_balancer_type = "network"\n}\n`,
    fail: `resource "aws_lb" "main" {\n  name               = "orders"\n  load_balancer_type = "application"\n}\n`,
    at: 'resource "aws_lb" "main" {',
  },
  {
    check: 'OPS-ALB-004',
    pass: `resource "aws_lb" "main" {\n  name                       = "orders"\n  enable_deletion_protection = true\n}\n`,
    fail: `resource "aws_lb" "main" {\n  name                       = "orders"\n  enable_deletion_protection = false\n}\n`,
    at: 'enable_deletion_protection = false',
  },
  {
    check: 'OPS-CF-001',
    pass: distribution(
      '    viewer_protocol_policy = "redirect-to-https"',
      '    acm_certificate_arn      = var.certificate_arn\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"',
    ),
    fail: distribution(
      '    viewer_protocol_policy = "allow-all"',
      '    acm_certificate_arn      = var.certificate_arn\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"',
    ),
    at: 'viewer_protocol_policy = "allow-all"',
  },
  {
    check: 'OPS-CF-002',
    pass: distribution(
      '    viewer_protocol_policy = "https-only"',
      '    acm_certificate_arn      = var.certificate_arn\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1.2_2021"',
    ),
    fail: distribution(
      '    viewer_protocol_policy = "https-only"',
      '    acm_certificate_arn      = var.certificate_arn\n    ssl_support_method       = "sni-only"\n    minimum_protocol_version = "TLSv1"',
    ),
    at: 'minimum_protocol_version = "TLSv1"',
  },
  // IAM ---------------------------------------------------------------------------------------------------------
  {
    check: 'OPS-IAM-001',
    pass: jsonPolicy(
      '      Action = ["s3:GetObject", "s3:PutObject"]\n      Resource = "${aws_s3_bucket.assets.arn}/*"',
    ),
    fail: jsonPolicy('      Action = "*"\n      Resource = aws_s3_bucket.assets.arn'),
    at: `policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "*"
      Resource = aws_s3_bucket.assets.arn
    }]
  })`,
  },
  {
    check: 'OPS-IAM-001',
    pass: policyDocument('    actions   = ["sqs:SendMessage"]\n    resources = [aws_sqs_queue.jobs.arn]'),
    fail: policyDocument('    actions   = ["*"]\n    resources = [aws_sqs_queue.jobs.arn]'),
    at: 'actions   = ["*"]',
    checkov: 'CKV_AWS_49',
  },
  {
    check: 'OPS-IAM-002',
    pass: jsonPolicy(
      '      Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "ecr:GetAuthorizationToken"]\n      Resource = "*"',
    ),
    fail: jsonPolicy('      Action = ["s3:GetObject", "s3:PutObject"]\n      Resource = ["*"]'),
    at: `policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["s3:GetObject", "s3:PutObject"]
      Resource = ["*"]
    }]
  })`,
  },
  {
    check: 'OPS-IAM-002',
    pass: policyDocument(
      '    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]\n    resources = [aws_dynamodb_table.items.arn]',
    ),
    fail: policyDocument('    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]\n    resources = ["*"]'),
    at: 'resources = ["*"]',
    checkov: 'CKV_AWS_356',
  },
];
