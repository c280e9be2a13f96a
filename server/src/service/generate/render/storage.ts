import type { BucketComponent, RegistryComponent } from '../plan';
import type { KeyUser, RenderContext } from './context';
import { denyInsecure } from './edge';
import { type Body, type Expr, type Value, block, call, ref, skip, tpl } from './hcl';

export interface BucketOptions {
  purpose: BucketComponent['purpose'];
  versioning: boolean;
  /** Encrypt with a KMS key (the stack's, or `key` when given); else SSE-S3. */
  kms: boolean;
  key?: Expr;
  keyUsers?: KeyUser[];
  lifecycle?: BucketComponent['lifecycle'];
  /** Extra bucket-policy statements; `undefined` means the caller writes the bucket policy itself. */
  policyStatements?: Value[];
  /** Write a bucket policy denying plain-HTTP access (default true). */
  writePolicy?: boolean;
}

/**
 * A private S3 bucket with everything a reviewer expects: public access block, ownership controls (no ACLs),
 * default encryption, versioning, lifecycle (abort incomplete uploads, expire old versions), access logging and
 * EventBridge notifications. Returns the bucket's address.
 */
export function bucketResources(ctx: RenderContext, F: string, id: string, options: BucketOptions): string {
  const bucket = ctx.resource(F, 'aws_s3_bucket', id, {
    bucket_prefix: tpl(`${ctx.nameText(id.replace(/_/g, '-'))}-`),
    force_destroy: !ctx.profile.deletionProtection && options.purpose !== 'logs',
    skip1: skip('CKV_AWS_144', 'Cross-region replication is a disaster-recovery choice left to the operator'),
  });
  const b = ref(`${bucket}.id`);
  ctx.resource(F, 'aws_s3_bucket_public_access_block', id, {
    bucket: b,
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  ctx.resource(F, 'aws_s3_bucket_ownership_controls', id, {
    bucket: b,
    rule: block({ object_ownership: 'BucketOwnerEnforced' }),
  });
  ctx.resource(F, 'aws_s3_bucket_versioning', id, {
    bucket: b,
    versioning_configuration: block({ status: options.versioning ? 'Enabled' : 'Suspended' }),
    skip1: options.versioning
      ? undefined
      : skip('CKV_AWS_21', 'Objects are write-once logs; versions add cost only'),
  });
  const key = options.kms ? (options.key ?? ctx.kmsKeyArn(...(options.keyUsers ?? []))) : undefined;
  ctx.resource(F, 'aws_s3_bucket_server_side_encryption_configuration', id, {
    bucket: b,
    rule: block({
      apply_server_side_encryption_by_default: block(
        key ? { sse_algorithm: 'aws:kms', kms_master_key_id: key } : { sse_algorithm: 'AES256' },
      ),
      bucket_key_enabled: key ? true : undefined,
    }),
  });
  const lc = options.lifecycle ?? {};
  const rule: Body = {
    id: 'default',
    status: 'Enabled',
    filter: block({}),
    abort_incomplete_multipart_upload: block({ days_after_initiation: 7 }),
  };
  if (lc.transitionDays !== undefined || lc.storageClass) {
    rule.transition = block({ days: lc.transitionDays ?? 90, storage_class: lc.storageClass ?? 'GLACIER' });
  }
  if (lc.expirationDays !== undefined) rule.expiration = block({ days: lc.expirationDays });
  if (options.versioning) {
    rule.noncurrent_version_expiration = block({
      noncurrent_days: lc.expirationDays !== undefined ? Math.min(90, lc.expirationDays) : 90,
    });
  }
  ctx.resource(F, 'aws_s3_bucket_lifecycle_configuration', id, {
    bucket: b,
    rule: block(rule),
  });
  const logs = ctx.logBucket();
  ctx.resource(F, 'aws_s3_bucket_logging', id, {
    bucket: b,
    target_bucket: ref(`${logs}.id`),
    target_prefix: `s3/${id}/`,
  });
  ctx.resource(F, 'aws_s3_bucket_notification', id, {
    bucket: b,
    eventbridge: true,
  });
  if (options.writePolicy !== false && options.policyStatements === undefined) {
    ctx.resource(F, 'aws_s3_bucket_policy', id, {
      bucket: b,
      policy: call('jsonencode', { Version: '2012-10-17', Statement: [denyInsecure(bucket)] }),
    });
  }
  return bucket;
}

/** A bucket component: uploads, data, backups, logs, artifacts. */
export function renderBucket(ctx: RenderContext, spec: BucketComponent): void {
  const F = 'storage';
  const key =
    spec.kmsKey === 'customer'
      ? ctx.dedicatedKey(spec.id, spec.name ?? spec.id.replace(/_/g, ' '), [])
      : undefined;
  const bucket = bucketResources(ctx, F, spec.id, {
    purpose: spec.purpose,
    versioning: spec.versioning,
    kms: true,
    key,
    lifecycle: spec.lifecycle,
  });
  const rw: Value[] = [ref(`${bucket}.arn`), tpl(`\${${bucket}.arn}/*`)];
  const keyArn = key ?? ctx.kmsKeyArn();
  ctx.info.set(spec.id, {
    address: bucket,
    env: { [`${spec.id.toUpperCase()}_BUCKET`]: ref(`${bucket}.id`) },
    grants: [
      { actions: ['s3:ListBucket'], resources: [ref(`${bucket}.arn`)] },
      { actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [rw[1]] },
      { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [keyArn] },
    ],
  });
  ctx.output(`${spec.id}_bucket_name`, ref(`${bucket}.id`), `Name of the ${spec.name ?? spec.id} bucket.`);
  if (key)
    ctx.output(`${spec.id}_kms_key_arn`, key, `KMS key encrypting the ${spec.name ?? spec.id} bucket.`);
}

/** ECR repository: immutable tags, scan on push, KMS encryption, a lifecycle policy keeping the last N images. */
export function renderRegistry(ctx: RenderContext, reg: RegistryComponent): void {
  const F = 'registry';
  const repo = ctx.resource(F, 'aws_ecr_repository', reg.id, {
    name: tpl(`${ctx.nameText(reg.id.replace(/_/g, '-'))}`),
    image_tag_mutability: 'IMMUTABLE',
    force_delete: !ctx.profile.deletionProtection,
    image_scanning_configuration: block({ scan_on_push: reg.scanOnPush }),
    encryption_configuration: block({ encryption_type: 'KMS', kms_key: ctx.kmsKeyArn() }),
  });
  ctx.resource(F, 'aws_ecr_lifecycle_policy', reg.id, {
    repository: ref(`${repo}.name`),
    policy: call('jsonencode', {
      rules: [
        {
          rulePriority: 1,
          description: `Keep only the last ${reg.keepLast} images`,
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: reg.keepLast },
          action: { type: 'expire' },
        },
      ],
    }),
  });
  ctx.info.set(reg.id, {
    address: repo,
    grants: [
      {
        actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        resources: [ref(`${repo}.arn`)],
      },
    ],
  });
  ctx.output(`${reg.id}_repository_url`, ref(`${repo}.repository_url`), `URL to push ${reg.id} images to.`);
}
