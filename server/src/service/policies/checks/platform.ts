// KMS, CloudTrail, CloudWatch Logs, SQS and SNS.
import { asNumber, asString, attribute } from '../stack';
import { isPresent, isTrue, requireArgument, setFix } from '../rules';
import type { PolicyCheck } from '../types';

export const platformChecks: PolicyCheck[] = [
  {
    id: 'OPS-KMS-001',
    title: 'KMS keys rotate automatically',
    severity: 'medium',
    checkov: ['CKV_AWS_7'],
    types: ['aws_kms_key'],
    check(key, ctx) {
      // Only symmetric (and HMAC) keys support automatic rotation.
      const spec = asString(ctx.stack.value(attribute(key.block, 'customer_master_key_spec')));
      if (spec && spec !== 'SYMMETRIC_DEFAULT' && !spec.startsWith('HMAC')) return;
      requireArgument(ctx, key, {
        name: 'enable_key_rotation',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${key.address} never rotates its key material. Set enable_key_rotation = true.`,
      });
    },
  },
  {
    id: 'OPS-CT-001',
    title: 'CloudTrail validates log files',
    severity: 'medium',
    checkov: ['CKV_AWS_36'],
    types: ['aws_cloudtrail'],
    check(trail, ctx) {
      requireArgument(ctx, trail, {
        name: 'enable_log_file_validation',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${trail.address} writes log files whose tampering cannot be detected. Set enable_log_file_validation = true.`,
      });
    },
  },
  {
    id: 'OPS-CT-002',
    title: 'CloudTrail logs are encrypted with a KMS key',
    severity: 'medium',
    checkov: ['CKV_AWS_35'],
    types: ['aws_cloudtrail'],
    check(trail, ctx) {
      requireArgument(ctx, trail, {
        name: 'kms_key_id',
        ok: isPresent,
        missingFails: true,
        message: `${trail.address} stores its logs with S3-managed encryption only. Set kms_key_id = aws_kms_key.<key>.arn (its key policy must allow cloudtrail.amazonaws.com).`,
      });
    },
  },
  {
    id: 'OPS-CT-003',
    title: 'CloudTrail covers all regions',
    severity: 'medium',
    checkov: ['CKV_AWS_67'],
    types: ['aws_cloudtrail'],
    check(trail, ctx) {
      requireArgument(ctx, trail, {
        name: 'is_multi_region_trail',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${trail.address} records only its own region: activity elsewhere goes unseen. Set is_multi_region_trail = true.`,
      });
    },
  },
  {
    id: 'OPS-LOG-001',
    title: 'CloudWatch log groups are encrypted with a KMS key',
    severity: 'low',
    checkov: ['CKV_AWS_158'],
    types: ['aws_cloudwatch_log_group'],
    check(group, ctx) {
      requireArgument(ctx, group, {
        name: 'kms_key_id',
        ok: isPresent,
        missingFails: true,
        message: `${group.address} is not encrypted with a customer-managed key. Set kms_key_id = aws_kms_key.<key>.arn (its key policy must allow logs.<region>.amazonaws.com).`,
      });
    },
  },
  {
    id: 'OPS-LOG-002',
    title: 'CloudWatch log groups have a retention period (at least a year in production)',
    severity: 'low',
    checkov: ['CKV_AWS_338'],
    types: ['aws_cloudwatch_log_group'],
    check(group, ctx) {
      const prod = ctx.profile === 'prod';
      requireArgument(ctx, group, {
        name: 'retention_in_days',
        ok: (v) => {
          const days = asNumber(v);
          if (days === undefined) return undefined;
          return prod ? days === 0 || days >= 365 : days > 0;
        },
        missingFails: true,
        fixValue: prod ? '365' : '30',
        checkov: prod ? 'CKV_AWS_338' : null,
        message: prod
          ? `${group.address} keeps production logs for less than a year. Set retention_in_days = 365 (or more).`
          : `${group.address} keeps logs forever, and pays for them. Set retention_in_days (e.g. 30).`,
      });
    },
  },
  {
    id: 'OPS-SQS-001',
    title: 'SQS queues are encrypted',
    severity: 'medium',
    checkov: ['CKV_AWS_27'],
    types: ['aws_sqs_queue'],
    check(queue, ctx) {
      const kms = attribute(queue.block, 'kms_master_key_id');
      const managed = attribute(queue.block, 'sqs_managed_sse_enabled');
      if (kms && isPresent(ctx.stack.value(kms)!)) return;
      const managedValue = managed && isTrue(ctx.stack.value(managed)!);
      if (managedValue !== false && managed) return;
      ctx.fail({
        at: managed ?? queue.block,
        message: `${queue.address} does not say how its messages are encrypted at rest. Set sqs_managed_sse_enabled = true, or kms_master_key_id.`,
        fix: setFix(queue, queue.block, 'sqs_managed_sse_enabled', 'true'),
      });
    },
  },
  {
    id: 'OPS-SNS-001',
    title: 'SNS topics are encrypted',
    severity: 'medium',
    checkov: ['CKV_AWS_26'],
    types: ['aws_sns_topic'],
    check(topic, ctx) {
      requireArgument(ctx, topic, {
        name: 'kms_master_key_id',
        ok: isPresent,
        missingFails: true,
        fixValue: '"alias/aws/sns"',
        message: `${topic.address} stores messages unencrypted. Set kms_master_key_id (a customer-managed key, or "alias/aws/sns").`,
      });
    },
  },
];
