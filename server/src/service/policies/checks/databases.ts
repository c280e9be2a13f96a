// Relational databases, NoSQL tables, caches, and secrets written into configuration.
import { asNumber, attribute, nestedBlocks } from '../stack';
import { isFalse, isPresent, isTrue, requireArgument, requireNestedArgument } from '../rules';
import type { PolicyCheck } from '../types';

/** Arguments that hold a secret, per resource type. */
const SECRET_ARGUMENTS: Record<string, string[]> = {
  aws_db_instance: ['password'],
  aws_rds_cluster: ['master_password'],
  aws_docdb_cluster: ['master_password'],
  aws_redshift_cluster: ['master_password'],
  aws_elasticache_replication_group: ['auth_token'],
  aws_secretsmanager_secret_version: ['secret_string'],
};

export const databaseChecks: PolicyCheck[] = [
  {
    id: 'OPS-RDS-001',
    title: 'RDS storage is encrypted at rest',
    severity: 'high',
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    types: ['aws_db_instance', 'aws_rds_cluster'],
    check(db, ctx) {
      requireArgument(ctx, db, {
        name: 'storage_encrypted',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        checkov: db.type === 'aws_db_instance' ? 'CKV_AWS_16' : 'CKV_AWS_96',
        message: `${db.address} stores its data unencrypted. Set storage_encrypted = true (optionally with kms_key_id).`,
      });
    },
  },
  {
    id: 'OPS-RDS-002',
    title: 'RDS instance is not publicly accessible',
    severity: 'critical',
    checkov: ['CKV_AWS_17'],
    types: ['aws_db_instance', 'aws_rds_cluster_instance'],
    check(db, ctx) {
      requireArgument(ctx, db, {
        name: 'publicly_accessible',
        ok: isFalse,
        missingFails: false,
        fixValue: 'false',
        message: `${db.address} gets a public IP address and DNS name. Set publicly_accessible = false and reach it from inside the VPC.`,
      });
    },
  },
  {
    id: 'OPS-RDS-003',
    title: 'RDS automated backups are kept (at least 7 days in production)',
    severity: 'high',
    checkov: ['CKV_AWS_133'],
    types: ['aws_db_instance', 'aws_rds_cluster'],
    check(db, ctx) {
      const prod = ctx.profile === 'prod';
      requireArgument(ctx, db, {
        name: 'backup_retention_period',
        ok: (v) => {
          const days = asNumber(v);
          if (days === undefined) return undefined;
          return days >= (prod ? 7 : 1) && days <= 35;
        },
        missingFails: prod,
        fixValue: prod ? '7' : '1',
        message: prod
          ? `${db.address} does not keep automated backups for at least 7 days, as production requires. Set backup_retention_period = 7 (up to 35).`
          : `${db.address} has automated backups disabled. Set backup_retention_period between 1 and 35 days.`,
      });
    },
  },
  {
    id: 'OPS-RDS-004',
    title: 'Production databases have deletion protection',
    severity: 'high',
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    types: ['aws_db_instance', 'aws_rds_cluster'],
    profiles: ['prod'],
    check(db, ctx) {
      requireArgument(ctx, db, {
        name: 'deletion_protection',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        checkov: db.type === 'aws_db_instance' ? 'CKV_AWS_293' : 'CKV_AWS_139',
        message: `${db.address} is a production database that one terraform destroy can delete. Set deletion_protection = true.`,
      });
    },
  },
  {
    id: 'OPS-RDS-005',
    title: 'Production RDS instances are Multi-AZ',
    severity: 'medium',
    checkov: ['CKV_AWS_157'],
    types: ['aws_db_instance'],
    profiles: ['prod'],
    check(db, ctx) {
      // A read replica takes its availability from its source.
      if (attribute(db.block, 'replicate_source_db')) return;
      requireArgument(ctx, db, {
        name: 'multi_az',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${db.address} is a production database in a single availability zone. Set multi_az = true.`,
      });
    },
  },
  {
    id: 'OPS-SEC-001',
    title: 'No hard-coded passwords or secrets',
    severity: 'critical',
    checkov: [],
    types: Object.keys(SECRET_ARGUMENTS),
    check(sb, ctx) {
      for (const name of SECRET_ARGUMENTS[sb.type]) {
        const a = attribute(sb.block, name);
        const v = ctx.stack.value(a);
        if (!a || v?.kind !== 'string' || v.value === '') continue;
        const instead =
          sb.type === 'aws_db_instance' || sb.type === 'aws_rds_cluster'
            ? 'set manage_master_user_password = true (RDS keeps it in Secrets Manager) or use random_password'
            : 'generate it with random_password and reference it';
        ctx.fail({
          at: a,
          message: `${sb.address} has a literal ${name}: it ends up in version control and in plain text in the state. Instead, ${instead}.`,
        });
      }
    },
  },
  {
    id: 'OPS-DDB-001',
    title: 'DynamoDB point-in-time recovery is enabled',
    severity: 'medium',
    checkov: ['CKV_AWS_28'],
    types: ['aws_dynamodb_table'],
    check(table, ctx) {
      requireNestedArgument(ctx, table, 'point_in_time_recovery', {
        name: 'enabled',
        ok: isTrue,
        missingFails: true,
        missingBlockFails: true,
        fixValue: 'true',
        message: `${table.address} cannot be restored to an earlier point in time. Add point_in_time_recovery { enabled = true }.`,
      });
    },
  },
  {
    id: 'OPS-DDB-002',
    title: 'DynamoDB table is encrypted with a customer-managed KMS key',
    severity: 'medium',
    checkov: ['CKV_AWS_119'],
    types: ['aws_dynamodb_table'],
    check(table, ctx) {
      const sse = nestedBlocks(table.block, 'server_side_encryption');
      const ok = sse.some((b) => {
        const enabled = ctx.stack.value(attribute(b, 'enabled'));
        const key = ctx.stack.value(attribute(b, 'kms_key_arn'));
        return enabled !== undefined && isTrue(enabled) !== false && key !== undefined && isPresent(key);
      });
      if (ok) return;
      ctx.fail({
        at: sse[0] ?? table.block,
        message: `${table.address} is encrypted only with an AWS-owned key. Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.<key>.arn }.`,
      });
    },
  },
  {
    id: 'OPS-CACHE-001',
    title: 'ElastiCache replication group is encrypted at rest',
    severity: 'high',
    checkov: ['CKV_AWS_29'],
    types: ['aws_elasticache_replication_group'],
    check(rg, ctx) {
      requireArgument(ctx, rg, {
        name: 'at_rest_encryption_enabled',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${rg.address} stores cached data unencrypted on disk. Set at_rest_encryption_enabled = true.`,
      });
    },
  },
  {
    id: 'OPS-CACHE-002',
    title: 'ElastiCache replication group encrypts traffic in transit',
    severity: 'high',
    checkov: ['CKV_AWS_30'],
    types: ['aws_elasticache_replication_group'],
    check(rg, ctx) {
      requireArgument(ctx, rg, {
        name: 'transit_encryption_enabled',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${rg.address} accepts unencrypted connections. Set transit_encryption_enabled = true.`,
      });
    },
  },
  {
    id: 'OPS-CACHE-003',
    title: 'ElastiCache replication group requires authentication',
    severity: 'high',
    checkov: ['CKV_AWS_31'],
    types: ['aws_elasticache_replication_group'],
    check(rg, ctx) {
      if (attribute(rg.block, 'auth_token') || attribute(rg.block, 'user_group_ids')) return;
      ctx.fail({
        at: rg.block,
        message: `${rg.address} lets any client that reaches it connect without credentials. Set auth_token (from random_password) or user_group_ids, with transit encryption on.`,
      });
    },
  },
];
