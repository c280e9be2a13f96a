// S3 buckets and the resources that configure them (aws_s3_bucket_public_access_block, …_versioning,
// …_server_side_encryption_configuration, …_acl), linked by `bucket = aws_s3_bucket.x.id`.
import { asString, attribute, nestedBlocks, truth } from '../stack';
import { isTrue, requireArgument, setFix } from '../rules';
import type { CheckContext, PolicyCheck, PolicyFix, StackBlock } from '../types';

const PAB = 'aws_s3_bucket_public_access_block';

/** A new resource block right after the bucket's block, referencing it. */
function companionFix(
  bucket: StackBlock,
  type: string,
  body: string[],
  title: string,
): PolicyFix | undefined {
  const close = bucket.block.closeBrace;
  if (!close) return undefined;
  const text = [
    '',
    '',
    `resource "${type}" "${bucket.name}" {`,
    `  bucket = ${bucket.address}.id`,
    ...(body.length ? ['', ...body.map((l) => `  ${l}`)] : []),
    '}',
  ].join('\n');
  return { title, edits: [{ uri: bucket.uri, range: { start: close.end, end: close.end }, newText: text }] };
}

const linked = (ctx: CheckContext, bucket: StackBlock, type: string) =>
  ctx.stack.linked(type, 'bucket', bucket, 'bucket');

function publicAccessFlag(id: string, checkov: string, flag: string, what: string): PolicyCheck {
  return {
    id,
    title: `S3 public access block sets ${flag}`,
    severity: 'high',
    checkov: [checkov],
    types: [PAB],
    check(pab, ctx) {
      requireArgument(ctx, pab, {
        name: flag,
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${pab.address} does not set ${flag} = true, so ${what}. Set ${flag} = true.`,
      });
    },
  };
}

export const storageChecks: PolicyCheck[] = [
  {
    id: 'OPS-S3-001',
    title: 'S3 bucket has a public access block',
    severity: 'high',
    checkov: ['CKV2_AWS_6'],
    types: ['aws_s3_bucket'],
    check(bucket, ctx) {
      if (linked(ctx, bucket, PAB).length > 0) return;
      ctx.fail({
        at: bucket.block,
        message: `${bucket.address} has no ${PAB}: nothing stops a policy or ACL from making it public. Add an ${PAB} with all four settings true.`,
        fix: companionFix(
          bucket,
          PAB,
          [
            'block_public_acls       = true',
            'block_public_policy     = true',
            'ignore_public_acls      = true',
            'restrict_public_buckets = true',
          ],
          `Add ${PAB}`,
        ),
      });
    },
  },
  publicAccessFlag('OPS-S3-002', 'CKV_AWS_53', 'block_public_acls', 'new public ACLs can be set'),
  publicAccessFlag(
    'OPS-S3-003',
    'CKV_AWS_54',
    'block_public_policy',
    'a public bucket policy can be attached',
  ),
  publicAccessFlag(
    'OPS-S3-004',
    'CKV_AWS_55',
    'ignore_public_acls',
    'existing public ACLs still grant access',
  ),
  publicAccessFlag(
    'OPS-S3-005',
    'CKV_AWS_56',
    'restrict_public_buckets',
    'a public policy still grants cross-account access',
  ),
  {
    id: 'OPS-S3-006',
    title: 'S3 bucket has default encryption configured',
    severity: 'high',
    checkov: ['CKV_AWS_19'],
    types: ['aws_s3_bucket'],
    check(bucket, ctx) {
      const type = 'aws_s3_bucket_server_side_encryption_configuration';
      const configs = linked(ctx, bucket, type);
      const inline = nestedBlocks(bucket.block, 'server_side_encryption_configuration');
      if (configs.length === 0 && inline.length === 0) {
        ctx.fail({
          at: bucket.block,
          message: `${bucket.address} has no ${type}: its encryption at rest is left implicit. Add one with sse_algorithm "aws:kms" (or "AES256").`,
          fix: companionFix(
            bucket,
            type,
            [
              'rule {',
              '  apply_server_side_encryption_by_default {',
              '    sse_algorithm = "aws:kms"',
              '  }',
              '}',
            ],
            `Add ${type}`,
          ),
        });
        return;
      }
      for (const config of configs) {
        for (const rule of nestedBlocks(config.block, 'rule')) {
          for (const def of nestedBlocks(rule, 'apply_server_side_encryption_by_default')) {
            const a = attribute(def, 'sse_algorithm');
            const algorithm = asString(ctx.stack.value(a));
            if (a && algorithm !== undefined && !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algorithm))
              ctx.fail({
                at: a,
                on: config,
                message: `${config.address} uses sse_algorithm "${algorithm}", which is not an encryption algorithm S3 accepts. Use "aws:kms" or "AES256".`,
                fix: setFix(config, def, 'sse_algorithm', '"aws:kms"'),
              });
          }
        }
      }
    },
  },
  {
    id: 'OPS-S3-007',
    title: 'S3 bucket has versioning enabled',
    severity: 'medium',
    checkov: ['CKV_AWS_21'],
    types: ['aws_s3_bucket'],
    check(bucket, ctx) {
      const type = 'aws_s3_bucket_versioning';
      const versionings = linked(ctx, bucket, type);
      const inline = nestedBlocks(bucket.block, 'versioning');
      if (inline.some((v) => truth(ctx.stack.value(attribute(v, 'enabled'))) === true)) return;
      if (versionings.length === 0) {
        ctx.fail({
          at: bucket.block,
          message: `${bucket.address} has no ${type}: overwritten or deleted objects cannot be recovered. Add an ${type} with status = "Enabled".`,
          fix: companionFix(
            bucket,
            type,
            ['versioning_configuration {', '  status = "Enabled"', '}'],
            `Add ${type}`,
          ),
        });
        return;
      }
      for (const v of versionings) {
        for (const conf of nestedBlocks(v.block, 'versioning_configuration')) {
          requireArgument(ctx, bucket, {
            on: v,
            block: conf,
            name: 'status',
            ok: (value) => (value.kind === 'string' ? value.value === 'Enabled' : undefined),
            missingFails: true,
            fixValue: '"Enabled"',
            message: `${v.address} does not enable versioning of ${bucket.address}. Set status = "Enabled".`,
          });
        }
      }
    },
  },
  {
    id: 'OPS-S3-008',
    title: 'S3 bucket ACL is not public',
    severity: 'critical',
    checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
    types: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
    check(sb, ctx) {
      const a = attribute(sb.block, 'acl');
      const acl = asString(ctx.stack.value(a));
      if (!a || (acl !== 'public-read' && acl !== 'public-read-write')) return;
      ctx.fail({
        at: a,
        checkov: acl === 'public-read' ? 'CKV_AWS_20' : 'CKV_AWS_57',
        message: `${sb.address} has the canned ACL "${acl}": anyone on the internet can ${acl === 'public-read' ? 'list and read' : 'read and write'} its objects. Use acl = "private" (serve public content through CloudFront).`,
        fix: setFix(sb, sb.block, 'acl', '"private"'),
      });
    },
  },
  {
    id: 'OPS-S3-009',
    title: 'S3 bucket has a lifecycle configuration',
    severity: 'low',
    checkov: ['CKV2_AWS_61'],
    types: ['aws_s3_bucket'],
    check(bucket, ctx) {
      const type = 'aws_s3_bucket_lifecycle_configuration';
      if (linked(ctx, bucket, type).length > 0 || nestedBlocks(bucket.block, 'lifecycle_rule').length > 0)
        return;
      ctx.fail({
        at: bucket.block,
        message: `${bucket.address} has no ${type}: old versions and abandoned multipart uploads are kept (and paid for) forever. Add one that expires noncurrent versions and aborts incomplete uploads.`,
        fix: companionFix(
          bucket,
          type,
          [
            'rule {',
            '  id     = "housekeeping"',
            '  status = "Enabled"',
            '',
            '  filter {}',
            '',
            '  noncurrent_version_expiration {',
            '    noncurrent_days = 90',
            '  }',
            '',
            '  abort_incomplete_multipart_upload {',
            '    days_after_initiation = 7',
            '  }',
            '}',
          ],
          `Add ${type}`,
        ),
      });
    },
  },
];
