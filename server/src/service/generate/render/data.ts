import type {
  CacheComponent,
  DatabaseComponent,
  FileSystemComponent,
  SearchComponent,
  StreamComponent,
  TableComponent,
} from '../plan';
import type { RenderContext } from './context';
import { type Body, type Value, block, call, ref, skip, tpl } from './hcl';
import { securityGroup } from './sg';

const DB_CLASS = { small: 'db.t4g.small', medium: 'db.t4g.medium', large: 'db.m7g.large' } as const;
const DEV_DB_CLASS = 'db.t4g.micro';
const CACHE_NODE = {
  small: 'cache.t4g.small',
  medium: 'cache.t4g.medium',
  large: 'cache.m7g.large',
} as const;

function dbVersion(db: DatabaseComponent): { version: string; family: string } {
  const pg = db.engine === 'postgres' || db.engine === 'aurora-postgresql';
  if (pg) {
    const major = (db.version ?? (db.engine === 'postgres' ? '17' : '16')).split('.')[0];
    return {
      version: db.version ?? major,
      family: db.engine === 'postgres' ? `postgres${major}` : `aurora-postgresql${major}`,
    };
  }
  if (db.engine === 'aurora-mysql') return { version: '8.0.mysql_aurora.3.08.2', family: 'aurora-mysql8.0' };
  const v = db.version === '8' || !db.version ? '8.0' : db.version;
  const mm = v.split('.').slice(0, 2).join('.');
  return { version: v, family: `mysql${mm}` };
}

/** Whether Performance Insights runs on an instance class (not on the burstable micro and small sizes). */
function insightsSupported(instanceClass: string): boolean {
  return !/\.(micro|small)$/.test(instanceClass);
}

/** RDS PostgreSQL/MySQL or Aurora: private, encrypted, managed master password, backups, logs, enhanced monitoring. */
export function renderDatabase(ctx: RenderContext, db: DatabaseComponent): void {
  const F = 'database';
  const net = ctx.network();
  const pg = db.engine === 'postgres' || db.engine === 'aurora-postgresql';
  const aurora = db.engine.startsWith('aurora');
  const port = pg ? 5432 : 3306;
  const { version, family } = dbVersion(db);
  const key = ctx.kmsKeyArn('rds', 'logs');
  const instanceClass =
    db.instanceClass ??
    (aurora
      ? ctx.profile.sizing === 'large'
        ? 'db.r7g.large'
        : 'db.t4g.medium'
      : ctx.plan.env === 'dev' && ctx.profile.sizing === 'small'
        ? DEV_DB_CLASS
        : DB_CLASS[ctx.profile.sizing]);
  const multiAz = db.multiAz ?? ctx.ha;
  const protect = db.deletionProtection ?? ctx.profile.deletionProtection;
  const backups = db.backupRetentionDays ?? ctx.profile.backupRetentionDays;
  const sg = securityGroup(
    ctx,
    F,
    `${db.id}_db`,
    `${db.engine} database ${db.id}: clients of the stack only`,
  );
  const subnets = ctx.resource(F, 'aws_db_subnet_group', db.id, {
    name: ctx.name(`${db.id.replace(/_/g, '-')}-db`),
    description: `Private subnets of the ${db.id} database`,
    subnet_ids: net.privateSubnetIds,
  });
  const monitoring = ctx.serviceRole(
    F,
    `${db.id}_db_monitoring`,
    'monitoring.rds.amazonaws.com',
    'RDS enhanced monitoring.',
  );
  ctx.managedPolicy(F, `${db.id}_db_monitoring`, monitoring, 'service-role/AmazonRDSEnhancedMonitoringRole');
  const params: Body[] = pg
    ? [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_statement', value: 'ddl' },
        { name: 'log_min_duration_statement', value: '1000' },
      ]
    : [{ name: 'require_secure_transport', value: '1' }];
  if (db.engine === 'aurora-mysql') params.push({ name: 'server_audit_logging', value: '1' });
  const identifier = ctx.name(`${db.id.replace(/_/g, '-')}`);
  const logs = pg
    ? ['postgresql']
    : aurora
      ? ['audit', 'error', 'slowquery']
      : ['error', 'general', 'slowquery'];
  const insights = insightsSupported(instanceClass);
  const insightsBody: Body = insights
    ? {
        performance_insights_enabled: true,
        performance_insights_kms_key_id: key,
        performance_insights_retention_period: 7,
      }
    : {
        skip3: skip('CKV_AWS_353', `Performance Insights is not available on ${instanceClass}`),
        skip4: skip('CKV_AWS_354', `Performance Insights is not available on ${instanceClass}`),
      };
  const protection: Body = {
    deletion_protection: protect,
    skip_final_snapshot: !protect,
    final_snapshot_identifier: protect ? tpl(`${ctx.nameText(db.id.replace(/_/g, '-'))}-final`) : undefined,
    skip2: protect
      ? undefined
      : skip('CKV_AWS_293', `${ctx.plan.env} profile: disposable database without deletion protection`),
  };
  let main: string;
  let endpoint: string;
  let secretArn: string;
  if (aurora) {
    const cpg = ctx.resource(F, 'aws_rds_cluster_parameter_group', db.id, {
      name: ctx.name(`${db.id.replace(/_/g, '-')}-cluster`),
      family,
      description: `Cluster parameters of ${db.id}: TLS only, statement logging`,
      parameter: params.map((p) => block(p)),
    });
    for (const log of logs) {
      ctx.logGroup(
        F,
        `${db.id}_${log}`,
        tpl(`/aws/rds/cluster/${ctx.nameText(db.id.replace(/_/g, '-'))}/${log}`),
      );
    }
    main = ctx.resource(F, 'aws_rds_cluster', db.id, {
      cluster_identifier: identifier,
      engine: db.engine,
      engine_version: version,
      database_name: 'app',
      master_username: 'app_admin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: key,
      db_subnet_group_name: ref(`${subnets}.name`),
      db_cluster_parameter_group_name: ref(`${cpg}.name`),
      vpc_security_group_ids: [ref(`${sg}.id`)],
      port,
      storage_encrypted: true,
      kms_key_id: key,
      iam_database_authentication_enabled: true,
      backup_retention_period: backups,
      preferred_backup_window: '03:00-04:00',
      preferred_maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: logs,
      backtrack_window: db.engine === 'aurora-mysql' ? 86400 : undefined,
      ...protection,
      skip5: skip(
        'CKV2_AWS_8',
        'Backups are the cluster automated backups (backup_retention_period), not an AWS Backup plan',
      ),
    });
    const count = db.instances ?? (multiAz ? 2 : 1);
    ctx.resource(F, 'aws_rds_cluster_instance', db.id, {
      count,
      identifier: tpl(`${ctx.nameText(db.id.replace(/_/g, '-'))}-\${count.index}`),
      cluster_identifier: ref(`${main}.id`),
      engine: ref(`${main}.engine`),
      engine_version: ref(`${main}.engine_version`),
      instance_class: instanceClass,
      db_subnet_group_name: ref(`${subnets}.name`),
      publicly_accessible: false,
      auto_minor_version_upgrade: true,
      monitoring_interval: 60,
      monitoring_role_arn: ref(`${monitoring}.arn`),
      ...insightsBody,
    });
    endpoint = `${main}.endpoint`;
    secretArn = `${main}.master_user_secret[0].secret_arn`;
  } else {
    const pgroup = ctx.resource(F, 'aws_db_parameter_group', db.id, {
      name: ctx.name(`${db.id.replace(/_/g, '-')}-db`),
      family,
      description: `Parameters of ${db.id}: TLS only${pg ? ', statement logging' : ''}`,
      parameter: params.map((p) => block(p)),
    });
    for (const log of logs) {
      ctx.logGroup(
        F,
        `${db.id}_${log}`,
        tpl(`/aws/rds/instance/${ctx.nameText(db.id.replace(/_/g, '-'))}/${log}`),
      );
    }
    const storage = db.storageGb ?? 20;
    main = ctx.resource(F, 'aws_db_instance', db.id, {
      identifier,
      engine: db.engine,
      engine_version: version,
      instance_class: instanceClass,
      allocated_storage: storage,
      max_allocated_storage: Math.max(storage * 5, 100),
      storage_type: 'gp3',
      storage_encrypted: true,
      kms_key_id: key,
      db_name: 'app',
      username: 'app_admin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: key,
      port,
      db_subnet_group_name: ref(`${subnets}.name`),
      parameter_group_name: ref(`${pgroup}.name`),
      vpc_security_group_ids: [ref(`${sg}.id`)],
      publicly_accessible: false,
      multi_az: multiAz,
      skip1: multiAz ? undefined : skip('CKV_AWS_157', `${ctx.plan.env} profile: a single-AZ instance`),
      iam_database_authentication_enabled: true,
      backup_retention_period: backups,
      backup_window: '03:00-04:00',
      maintenance_window: 'sun:04:30-sun:05:30',
      copy_tags_to_snapshot: true,
      auto_minor_version_upgrade: true,
      enabled_cloudwatch_logs_exports: logs,
      monitoring_interval: 60,
      monitoring_role_arn: ref(`${monitoring}.arn`),
      ...insightsBody,
      ...protection,
    });
    endpoint = `${main}.address`;
    secretArn = `${main}.master_user_secret[0].secret_arn`;
  }
  ctx.info.set(db.id, {
    address: main,
    sg,
    port,
    env: {
      DB_HOST: ref(endpoint),
      DB_PORT: String(port),
      DB_NAME: 'app',
      DB_SECRET_ARN: ref(secretArn),
    },
    grants: [
      { actions: ['secretsmanager:GetSecretValue'], resources: [ref(secretArn)] },
      { actions: ['kms:Decrypt'], resources: [key] },
    ],
  });
  ctx.output(`${db.id}_db_endpoint`, ref(endpoint), `Host name of the ${db.id} database.`);
  ctx.output(
    `${db.id}_db_secret_arn`,
    ref(secretArn),
    `Secrets Manager secret holding the ${db.id} master credentials.`,
  );
}

/** A generated secret in Secrets Manager; returns the secret's address. */
export function generatedSecret(
  ctx: RenderContext,
  F: string,
  id: string,
  description: string,
  special = true,
): string {
  ctx.providers.add('random');
  const pw = ctx.resource(F, 'random_password', id, {
    length: 32,
    special,
    override_special: special ? '!#$%&*()-_=+[]{}<>:?' : undefined,
  });
  const secret = ctx.resource(F, 'aws_secretsmanager_secret', id, {
    name_prefix: tpl(`${ctx.nameText(id.replace(/_/g, '-'))}-`),
    description,
    kms_key_id: ctx.kmsKeyArn(),
    recovery_window_in_days: ctx.profile.deletionProtection ? 30 : 7,
    skip1: skip(
      'CKV2_AWS_57',
      'Rotation needs a rotation function for this secret type; rotate by tainting the random_password',
    ),
  });
  ctx.resource(F, 'aws_secretsmanager_secret_version', id, {
    secret_id: ref(`${secret}.id`),
    secret_string: ref(`${pw}.result`),
  });
  return secret;
}

/** ElastiCache Redis replication group or Memcached cluster, encrypted, in private subnets. */
export function renderCache(ctx: RenderContext, cache: CacheComponent): void {
  const F = 'cache';
  const net = ctx.network();
  const redis = cache.engine === 'redis';
  const port = redis ? 6379 : 11211;
  const sg = securityGroup(
    ctx,
    F,
    `${cache.id}_cache`,
    `${cache.engine} ${cache.id}: clients of the stack only`,
  );
  const subnets = ctx.resource(F, 'aws_elasticache_subnet_group', cache.id, {
    name: ctx.name(`${cache.id.replace(/_/g, '-')}-cache`),
    description: `Private subnets of the ${cache.id} cache`,
    subnet_ids: net.privateSubnetIds,
  });
  const nodeType = cache.nodeType ?? CACHE_NODE[ctx.profile.sizing];
  const ha = cache.highAvailability ?? ctx.ha;
  const key = ctx.kmsKeyArn('elasticache', 'logs');
  if (redis) {
    const secret = generatedSecret(
      ctx,
      F,
      `${cache.id}_auth_token`,
      `AUTH token of the ${cache.id} Redis cache`,
      false,
    );
    const slow = ctx.logGroup(
      F,
      `${cache.id}_slow_log`,
      tpl(`/aws/elasticache/${ctx.nameText(cache.id.replace(/_/g, '-'))}/slow-log`),
    );
    const nodes = Math.max(cache.nodes, ha ? 2 : 1);
    const group = ctx.resource(F, 'aws_elasticache_replication_group', cache.id, {
      replication_group_id: ctx.name(cache.id.replace(/_/g, '-')),
      description: `Redis for ${cache.name ?? cache.id}`,
      engine: 'redis',
      engine_version: '7.1',
      node_type: nodeType,
      num_cache_clusters: nodes,
      port,
      automatic_failover_enabled: nodes > 1,
      multi_az_enabled: nodes > 1,
      skip1:
        nodes > 1
          ? undefined
          : skip('CKV2_AWS_50', `${ctx.plan.env} profile: a single node without failover`),
      subnet_group_name: ref(`${subnets}.name`),
      security_group_ids: [ref(`${sg}.id`)],
      at_rest_encryption_enabled: true,
      kms_key_id: key,
      transit_encryption_enabled: true,
      auth_token: ref(`random_password.${cache.id}_auth_token.result`),
      auto_minor_version_upgrade: true,
      snapshot_retention_limit: ctx.plan.env === 'dev' ? 1 : 7,
      snapshot_window: '03:00-04:00',
      maintenance_window: 'sun:05:00-sun:06:00',
      apply_immediately: false,
      log_delivery_configuration: block({
        destination: ref(`${slow}.name`),
        destination_type: 'cloudwatch-logs',
        log_format: 'json',
        log_type: 'slow-log',
      }),
    });
    ctx.info.set(cache.id, {
      address: group,
      sg,
      port,
      env: {
        REDIS_HOST: ref(`${group}.primary_endpoint_address`),
        REDIS_PORT: String(port),
        REDIS_AUTH_SECRET_ARN: ref(`${secret}.arn`),
      },
      grants: [
        { actions: ['secretsmanager:GetSecretValue'], resources: [ref(`${secret}.arn`)] },
        { actions: ['kms:Decrypt'], resources: [key] },
      ],
    });
    ctx.output(
      `${cache.id}_redis_endpoint`,
      ref(`${group}.primary_endpoint_address`),
      `Primary endpoint of the ${cache.id} cache.`,
    );
    ctx.output(
      `${cache.id}_redis_auth_secret_arn`,
      ref(`${secret}.arn`),
      `Secret holding the ${cache.id} AUTH token.`,
    );
  } else {
    const nodes = Math.max(cache.nodes, ha ? 2 : 1);
    const cluster = ctx.resource(F, 'aws_elasticache_cluster', cache.id, {
      cluster_id: ctx.name(cache.id.replace(/_/g, '-')),
      engine: 'memcached',
      engine_version: '1.6.22',
      node_type: nodeType,
      num_cache_nodes: nodes,
      az_mode: nodes > 1 ? 'cross-az' : 'single-az',
      port,
      subnet_group_name: ref(`${subnets}.name`),
      security_group_ids: [ref(`${sg}.id`)],
      transit_encryption_enabled: true,
      maintenance_window: 'sun:05:00-sun:06:00',
    });
    ctx.info.set(cache.id, {
      address: cluster,
      sg,
      port,
      env: { MEMCACHED_ENDPOINT: ref(`${cluster}.configuration_endpoint`) },
    });
    ctx.output(
      `${cache.id}_memcached_endpoint`,
      ref(`${cluster}.configuration_endpoint`),
      `Configuration endpoint of ${cache.id}.`,
    );
  }
}

/** DynamoDB table: on-demand, KMS-encrypted, point-in-time recovery, deletion protection in production. */
export function renderTable(ctx: RenderContext, t: TableComponent): void {
  const F = 'dynamodb';
  const attributes: Value[] = [];
  const attr = [block({ name: t.hashKey, type: 'S' })];
  if (t.rangeKey) attr.push(block({ name: t.rangeKey, type: 'S' }));
  void attributes;
  const key = ctx.kmsKeyArn();
  const table = ctx.resource(F, 'aws_dynamodb_table', t.id, {
    name: ctx.name(t.id.replace(/_/g, '-')),
    billing_mode: 'PAY_PER_REQUEST',
    hash_key: t.hashKey,
    range_key: t.rangeKey,
    deletion_protection_enabled: ctx.profile.deletionProtection,
    attribute: attr,
    point_in_time_recovery: block({ enabled: true }),
    server_side_encryption: block({ enabled: true, kms_key_arn: key }),
  });
  ctx.info.set(t.id, {
    address: table,
    env: { [`${t.id.toUpperCase()}_TABLE`]: ref(`${table}.name`) },
    grants: [
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [ref(`${table}.arn`), tpl(`\${${table}.arn}/index/*`)],
      },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] },
    ],
  });
  ctx.output(`${t.id}_table_name`, ref(`${table}.name`), `Name of the ${t.id} DynamoDB table.`);
}

/** OpenSearch domain inside the VPC: encrypted at rest and in transit, HTTPS only, fine-grained access control. */
export function renderSearch(ctx: RenderContext, s: SearchComponent): void {
  const F = 'search';
  const net = ctx.network();
  const key = ctx.kmsKeyArn('es');
  const sg = securityGroup(ctx, F, `${s.id}_search`, `OpenSearch ${s.id}: HTTPS from clients of the stack`);
  const nodes = Math.max(1, s.nodes);
  const zones = nodes >= 3 ? 3 : nodes === 2 ? 2 : 1;
  const instanceType =
    s.instanceType ?? (ctx.profile.sizing === 'small' ? 'm7g.medium.search' : 'r7g.large.search');
  const admin = ctx.resource(F, 'aws_iam_role', `${s.id}_search_admin`, {
    name: ctx.name(`${s.id.replace(/_/g, '-')}-search-admin`),
    description: `Master user of the ${s.id} OpenSearch domain`,
    assume_role_policy: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: tpl(`arn:\${${ctx.partition()}}:iam::\${${ctx.accountId()}}:root`) },
        },
      ],
    }),
  });
  const types = ['INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS', 'ES_APPLICATION_LOGS', 'AUDIT_LOGS'];
  const groups = types.map((t) =>
    ctx.logGroup(
      F,
      `${s.id}_${t.toLowerCase()}`,
      tpl(`/aws/opensearch/${ctx.nameText(s.id.replace(/_/g, '-'))}/${t.toLowerCase().replace(/_/g, '-')}`),
    ),
  );
  const logPolicy = ctx.resource(F, 'aws_cloudwatch_log_resource_policy', `${s.id}_search`, {
    policy_name: ctx.name(`${s.id.replace(/_/g, '-')}-opensearch-logs`),
    policy_document: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'es.amazonaws.com' },
          Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
          Resource: groups.map((g) => tpl(`\${${g}.arn}:*`)),
        },
      ],
    }),
  });
  const domainName = ctx.name(s.id.replace(/_/g, '-'));
  const domain = ctx.resource(F, 'aws_opensearch_domain', s.id, {
    domain_name: domainName,
    engine_version: 'OpenSearch_2.19',
    cluster_config: block({
      instance_type: instanceType,
      instance_count: nodes,
      zone_awareness_enabled: zones > 1,
      zone_awareness_config: zones > 1 ? block({ availability_zone_count: zones }) : undefined,
      dedicated_master_enabled: true,
      dedicated_master_count: 3,
      dedicated_master_type: 'm7g.large.search',
    }),
    ebs_options: block({ ebs_enabled: true, volume_type: 'gp3', volume_size: s.storageGb ?? 100 }),
    encrypt_at_rest: block({ enabled: true, kms_key_id: key }),
    node_to_node_encryption: block({ enabled: true }),
    domain_endpoint_options: block({
      enforce_https: true,
      tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10',
    }),
    advanced_security_options: block({
      enabled: true,
      anonymous_auth_enabled: false,
      internal_user_database_enabled: false,
      master_user_options: block({ master_user_arn: ref(`${admin}.arn`) }),
    }),
    vpc_options: block({
      subnet_ids: ref(`slice(${net.privateSubnetIds.text}, 0, ${zones})`),
      security_group_ids: [ref(`${sg}.id`)],
    }),
    log_publishing_options: types.map((t, i) =>
      block({ log_type: t, cloudwatch_log_group_arn: ref(`${groups[i]}.arn`), enabled: true }),
    ),
    access_policies: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: tpl(`arn:\${${ctx.partition()}}:iam::\${${ctx.accountId()}}:root`) },
          Action: 'es:ESHttp*',
          Resource: tpl(
            `arn:\${${ctx.partition()}}:es:\${${ctx.region()}}:\${${ctx.accountId()}}:domain/${ctx.nameText(s.id.replace(/_/g, '-'))}/*`,
          ),
        },
      ],
    }),
    depends_on: [ref(logPolicy)],
  });
  ctx.info.set(s.id, {
    address: domain,
    sg,
    port: 443,
    env: { SEARCH_ENDPOINT: ref(`${domain}.endpoint`) },
    grants: [
      {
        actions: ['es:ESHttpGet', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpDelete', 'es:ESHttpHead'],
        resources: [tpl(`\${${domain}.arn}/*`)],
      },
    ],
  });
  ctx.output(
    `${s.id}_search_endpoint`,
    ref(`${domain}.endpoint`),
    `HTTPS endpoint of the ${s.id} domain (inside the VPC).`,
  );
}

/** Kinesis data stream encrypted with the stack key. */
export function renderStream(ctx: RenderContext, s: StreamComponent): void {
  const F = 'streaming';
  const key = ctx.kmsKeyArn();
  const stream = ctx.resource(F, 'aws_kinesis_stream', s.id, {
    name: ctx.name(s.id.replace(/_/g, '-')),
    shard_count: s.shards,
    retention_period: s.retentionHours,
    encryption_type: 'KMS',
    kms_key_id: key,
    stream_mode_details: block({ stream_mode: s.shards ? 'PROVISIONED' : 'ON_DEMAND' }),
  });
  ctx.info.set(s.id, {
    address: stream,
    env: { [`${s.id.toUpperCase()}_STREAM`]: ref(`${stream}.name`) },
    grants: [
      {
        actions: [
          'kinesis:PutRecord',
          'kinesis:PutRecords',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:ListShards',
        ],
        resources: [ref(`${stream}.arn`)],
      },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] },
    ],
  });
  ctx.output(`${s.id}_stream_name`, ref(`${stream}.name`), `Name of the ${s.id} Kinesis stream.`);
}

/** EFS: encrypted, elastic throughput, backups, TLS-only policy, mount targets in every private subnet. */
export function renderFileSystem(ctx: RenderContext, fsc: FileSystemComponent): void {
  const F = 'file_system';
  const net = ctx.network();
  const sg = securityGroup(ctx, F, `${fsc.id}_efs`, `EFS ${fsc.id}: NFS from clients of the stack`);
  const fs = ctx.resource(F, 'aws_efs_file_system', fsc.id, {
    creation_token: ctx.name(fsc.id.replace(/_/g, '-')),
    encrypted: true,
    kms_key_id: ctx.kmsKeyArn(),
    throughput_mode: 'elastic',
    lifecycle_policy: block({ transition_to_ia: 'AFTER_30_DAYS' }),
    tags: { Name: ctx.name(fsc.id.replace(/_/g, '-')) },
  });
  ctx.resource(F, 'aws_efs_backup_policy', fsc.id, {
    file_system_id: ref(`${fs}.id`),
    backup_policy: block({ status: 'ENABLED' }),
  });
  ctx.resource(F, 'aws_efs_file_system_policy', fsc.id, {
    file_system_id: ref(`${fs}.id`),
    policy: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: '*',
          Resource: ref(`${fs}.arn`),
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    }),
  });
  ctx.resource(F, 'aws_efs_mount_target', fsc.id, {
    count: ref(`length(${net.privateSubnetIds.text})`),
    file_system_id: ref(`${fs}.id`),
    subnet_id: ref(`${net.privateSubnetIds.text}[count.index]`),
    security_groups: [ref(`${sg}.id`)],
  });
  const ap = ctx.resource(F, 'aws_efs_access_point', fsc.id, {
    file_system_id: ref(`${fs}.id`),
    posix_user: block({ uid: 1000, gid: 1000 }),
    root_directory: block({
      path: '/app',
      creation_info: block({ owner_uid: 1000, owner_gid: 1000, permissions: '0750' }),
    }),
  });
  ctx.info.set(fsc.id, {
    address: fs,
    sg,
    port: 2049,
    env: { EFS_FILE_SYSTEM_ID: ref(`${fs}.id`), EFS_ACCESS_POINT_ID: ref(`${ap}.id`) },
    grants: [
      {
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [ref(`${fs}.arn`)],
      },
    ],
  });
  ctx.output(`${fsc.id}_file_system_id`, ref(`${fs}.id`), `ID of the ${fsc.id} file system.`);
}
