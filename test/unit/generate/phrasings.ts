import type { IntentCase } from './helpers';

/**
 * More requests of the same kinds as the shared intents, phrased as a new user would type them (typos, lower
 * case, other word orders, synonyms), plus the catalog entries the shared file does not exercise.
 */
export const PHRASINGS: IntentCase[] = [
  {
    id: 'p-web-pg-typo',
    intent: 'prod webapp with a postgress db and redis cache',
    env: 'prod',
    all: [
      'aws_lb',
      'aws_ecs_service',
      'aws_db_instance',
      'aws_elasticache_replication_group',
      'aws_cloudwatch_metric_alarm',
    ],
    attrs: [
      { type: 'aws_db_instance', path: 'engine', equals: 'postgres' },
      { type: 'aws_db_instance', path: 'multi_az', equals: true },
      { type: 'aws_elasticache_replication_group', path: 'transit_encryption_enabled', equals: true },
    ],
    neverRegex: ['password\\s*=\\s*"'],
  },
  {
    id: 'p-pg-synonym-staging',
    intent: 'staging API on containers talking to a PostgreSQL 16 database with 200 GB of storage',
    env: 'staging',
    all: ['aws_ecs_service', 'aws_lb', 'aws_db_instance'],
    attrs: [
      { type: 'aws_db_instance', path: 'engine_version', equals: '16' },
      { type: 'aws_db_instance', path: 'allocated_storage', equals: 200 },
      { type: 'aws_db_instance', path: 'multi_az', equals: false },
    ],
  },
  {
    id: 'p-reddis-typo',
    intent: 'reddis for caching, 3 nodes, highly availble',
    all: ['aws_elasticache_replication_group'],
    attrs: [
      { type: 'aws_elasticache_replication_group', path: 'num_cache_clusters', equals: 3 },
      { type: 'aws_elasticache_replication_group', path: 'automatic_failover_enabled', equals: true },
    ],
  },
  {
    id: 'p-memcached',
    intent: 'A memcached cluster for the dev environment',
    env: 'dev',
    all: ['aws_elasticache_cluster', 'aws_elasticache_subnet_group', 'aws_security_group'],
    attrs: [{ type: 'aws_elasticache_cluster', path: 'engine', equals: 'memcached' }],
  },
  {
    id: 'p-aurora',
    intent: 'Aurora PostgreSQL cluster with 2 read replicas for production',
    env: 'prod',
    all: ['aws_rds_cluster', 'aws_rds_cluster_instance'],
    attrs: [
      { type: 'aws_rds_cluster', path: 'engine', equals: 'aurora-postgresql' },
      { type: 'aws_rds_cluster', path: 'storage_encrypted', equals: true },
      { type: 'aws_rds_cluster_instance', path: 'count', equals: 3 },
    ],
  },
  {
    id: 'p-mysql-dev',
    intent: 'i need a tiny mysql db for development',
    env: 'dev',
    all: ['aws_db_instance'],
    attrs: [
      { type: 'aws_db_instance', path: 'engine', equals: 'mysql' },
      { type: 'aws_db_instance', path: 'deletion_protection', equals: false },
      { type: 'aws_db_instance', path: 'storage_encrypted', equals: true },
      { type: 'aws_db_instance', path: 'publicly_accessible', equals: false },
    ],
  },
  {
    id: 'p-static-site',
    intent: 'host a static site on S3 with CloudFront for mysite.io',
    all: [
      'aws_s3_bucket',
      'aws_cloudfront_distribution',
      'aws_cloudfront_origin_access_control',
      'aws_acm_certificate',
    ],
    attrs: [
      {
        type: 'aws_cloudfront_distribution',
        path: 'default_cache_behavior.viewer_protocol_policy',
        equals: 'redirect-to-https',
      },
    ],
    contains: ['mysite.io'],
  },
  {
    id: 'p-lambda-api-node',
    intent: 'Serverless HTTP API in Node.js with a DynamoDB table, public',
    all: ['aws_lambda_function', 'aws_apigatewayv2_api', 'aws_apigatewayv2_route', 'aws_dynamodb_table'],
    attrs: [
      { type: 'aws_lambda_function', path: 'runtime', equals: 'nodejs22.x' },
      { type: 'aws_apigatewayv2_route', path: 'authorization_type', equals: 'NONE' },
    ],
  },
  {
    id: 'p-ec2-ssh-cidr',
    intent: 'one m5.large ec2 server, ssh allowed only from 198.51.100.0/24',
    all: ['aws_instance', 'aws_vpc_security_group_ingress_rule'],
    attrs: [
      { type: 'aws_instance', path: 'instance_type', equals: 'm5.large' },
      { type: 'aws_instance', path: 'metadata_options.http_tokens', equals: 'required' },
      { type: 'aws_vpc_security_group_ingress_rule', path: 'cidr_ipv4', equals: '198.51.100.0/24' },
    ],
    neverRegex: ['from_port\\s*=\\s*22[\\s\\S]{0,200}?0\\.0\\.0\\.0/0'],
  },
  {
    id: 'p-queue-fifo',
    intent: 'FIFO queue for payments with a DLQ after 3 retries',
    all: ['aws_sqs_queue'],
    minCount: { aws_sqs_queue: 2 },
    attrs: [{ type: 'aws_sqs_queue', path: 'fifo_queue', equals: true }],
    contains: ['payments'],
    regex: ['maxReceiveCount\\s*=\\s*3\\b'],
  },
  {
    id: 'p-eks-gpu',
    intent: 'kubernetes cluster in us-west-2 with a gpu node group and a general one, 2 to 5 nodes',
    all: ['aws_eks_cluster', 'aws_eks_node_group', 'aws_launch_template'],
    minCount: { aws_eks_node_group: 2 },
    attrs: [
      { type: 'aws_eks_cluster', path: 'vpc_config.endpoint_public_access', equals: false },
      { type: 'aws_eks_node_group', path: 'scaling_config.max_size', equals: 5 },
    ],
    contains: ['us-west-2', 'AL2023_x86_64_NVIDIA'],
  },
  {
    id: 'p-bucket-ia',
    intent: 'backups bucket, move to infrequent access after 30 days and delete after 2 years',
    all: ['aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_public_access_block'],
    attrs: [
      { type: 'aws_s3_bucket_lifecycle_configuration', path: 'rule.transition.days', equals: 30 },
      {
        type: 'aws_s3_bucket_lifecycle_configuration',
        path: 'rule.transition.storage_class',
        equals: 'STANDARD_IA',
      },
      { type: 'aws_s3_bucket_lifecycle_configuration', path: 'rule.expiration.days', equals: 730 },
    ],
  },
  {
    id: 'p-worker-sqs',
    intent: 'a docker worker that consumes messages from an SQS queue, private only',
    all: ['aws_ecs_service', 'aws_sqs_queue', 'aws_iam_role_policy'],
    contains: ['sqs:ReceiveMessage'],
    neverRegex: ['resource\\s+"aws_lb"'],
  },
  {
    id: 'p-alert-memory',
    intent: 'page oncall@acme.io if memory on the app servers goes over 90% for 5 minutes',
    all: ['aws_sns_topic', 'aws_sns_topic_subscription', 'aws_cloudwatch_metric_alarm'],
    attrs: [
      { type: 'aws_cloudwatch_metric_alarm', path: 'threshold', equals: 90 },
      { type: 'aws_cloudwatch_metric_alarm', path: 'evaluation_periods', equals: 5 },
      { type: 'aws_sns_topic_subscription', path: 'endpoint', equals: 'oncall@acme.io' },
    ],
  },
  {
    id: 'p-vpc-frankfurt',
    intent: 'network in frankfurt with two AZs, private subnets only',
    all: ['aws_vpc', 'aws_subnet', 'aws_flow_log'],
    contains: ['eu-central-1'],
  },
  {
    id: 'p-secret-api-key',
    intent: 'store the stripe api key in secrets manager, the worker role must be able to read it',
    all: ['aws_secretsmanager_secret'],
    contains: ['secretsmanager:GetSecretValue'],
  },
  {
    id: 'p-cron-hourly',
    intent: 'lambda that runs every 15 minutes to sync inventory',
    all: ['aws_lambda_function', 'aws_cloudwatch_event_rule', 'aws_lambda_permission'],
    contains: ['rate(15 minutes)'],
  },
  {
    id: 'p-cron-weekdays',
    intent: 'report generator lambda on weekdays at 8:30am',
    all: ['aws_lambda_function', 'aws_cloudwatch_event_rule'],
    contains: ['cron(30 8 ? * MON-FRI *)'],
  },
  {
    id: 'p-ecr',
    intent: 'ECR repo for the api images, keep last 50',
    all: ['aws_ecr_repository', 'aws_ecr_lifecycle_policy'],
    attrs: [{ type: 'aws_ecr_repository', path: 'image_tag_mutability', equals: 'IMMUTABLE' }],
    regex: ['countNumber\\s*=\\s*50\\b'],
  },
  {
    id: 'p-fanout-lambda',
    intent: 'SNS topic for signups that fans out to an email queue and an analytics queue',
    all: ['aws_sns_topic', 'aws_sqs_queue_policy'],
    minCount: { aws_sns_topic_subscription: 2 },
  },
  {
    id: 'p-waf-rate',
    intent: 'public ALB protected by WAF with rate limiting of 500 requests and SQL injection rules',
    all: ['aws_lb', 'aws_wafv2_web_acl', 'aws_wafv2_web_acl_association'],
    contains: ['AWSManagedRulesSQLiRuleSet'],
    regex: ['limit\\s*=\\s*500\\b'],
  },
  {
    id: 'p-opensearch-typo',
    intent: 'elasticserch domain for logs search, 2 nodes, 50gb',
    all: ['aws_opensearch_domain'],
    attrs: [
      { type: 'aws_opensearch_domain', path: 'cluster_config.instance_count', equals: 2 },
      { type: 'aws_opensearch_domain', path: 'ebs_options.volume_size', equals: 50 },
    ],
  },
  {
    id: 'p-cloudtrail',
    intent: 'enable cloudtrail for the whole account',
    all: ['aws_cloudtrail', 'aws_s3_bucket_policy', 'aws_kms_key'],
    attrs: [
      { type: 'aws_cloudtrail', path: 'is_multi_region_trail', equals: true },
      { type: 'aws_cloudtrail', path: 'enable_log_file_validation', equals: true },
    ],
  },
  {
    id: 'p-internal-office',
    intent: 'Internal tool for the finance team, only reachable from 192.168.10.0/24',
    all: ['aws_lb', 'aws_ecs_service'],
    attrs: [{ type: 'aws_lb', path: 'internal', equals: true }],
    contains: ['192.168.10.0/24'],
  },
  {
    id: 'p-kinesis',
    intent: 'Kinesis stream for clickstream events with 4 shards, keep data for 7 days',
    all: ['aws_kinesis_stream'],
    attrs: [
      { type: 'aws_kinesis_stream', path: 'shard_count', equals: 4 },
      { type: 'aws_kinesis_stream', path: 'retention_period', equals: 168 },
      { type: 'aws_kinesis_stream', path: 'encryption_type', equals: 'KMS' },
    ],
  },
  {
    id: 'p-efs',
    intent: 'shared file system for the containers',
    all: ['aws_efs_file_system', 'aws_efs_mount_target', 'aws_efs_access_point', 'aws_ecs_service'],
    attrs: [{ type: 'aws_efs_file_system', path: 'encrypted', equals: true }],
  },
  {
    id: 'p-budget',
    intent: 'monthly budget of $500 and email finance@example.com at 80%',
    all: ['aws_budgets_budget'],
    attrs: [{ type: 'aws_budgets_budget', path: 'limit_amount', equals: '500' }],
    contains: ['finance@example.com'],
  },
  {
    id: 'p-cognito',
    intent: 'user sign-up and login with MFA for our mobile app',
    all: ['aws_cognito_user_pool', 'aws_cognito_user_pool_client'],
    attrs: [{ type: 'aws_cognito_user_pool', path: 'mfa_configuration', equals: 'ON' }],
  },
  {
    id: 'p-step-functions',
    intent: 'a step functions workflow that runs a lambda',
    all: ['aws_sfn_state_machine', 'aws_lambda_function'],
    attrs: [{ type: 'aws_sfn_state_machine', path: 'tracing_configuration.enabled', equals: true }],
  },
  {
    id: 'p-asg',
    intent: 'auto scaling group of t3.medium web servers behind an ALB, min 2 max 8',
    all: ['aws_autoscaling_group', 'aws_launch_template', 'aws_lb', 'aws_lb_target_group'],
    attrs: [
      { type: 'aws_autoscaling_group', path: 'min_size', equals: 2 },
      { type: 'aws_autoscaling_group', path: 'max_size', equals: 8 },
      { type: 'aws_launch_template', path: 'metadata_options.http_tokens', equals: 'required' },
    ],
  },
  {
    id: 'p-not-understood',
    intent: 'Production web service with a flux capacitor',
    env: 'prod',
    all: ['aws_lb', 'aws_ecs_service'],
    notUnderstood: ['flux capacitor'],
  },
  {
    id: 'p-kafka-unknown',
    intent: 'postgres database and a kafka cluster',
    all: ['aws_db_instance'],
    notUnderstood: ['kafka'],
  },
  {
    id: 'p-region-tokyo',
    intent: 'a redis cache in tokyo for staging',
    env: 'staging',
    all: ['aws_elasticache_replication_group'],
    contains: ['ap-northeast-1'],
  },
];
