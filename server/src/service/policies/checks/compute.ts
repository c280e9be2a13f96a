// EC2 instances and launch templates, EBS, Lambda, ECR and EKS.
import { asString, attribute, nestedBlocks, strings } from '../stack';
import { insertFix, isFalse, isPresent, isTrue, requireArgument, requireNestedArgument } from '../rules';
import type { PolicyCheck } from '../types';

const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

export const computeChecks: PolicyCheck[] = [
  {
    id: 'OPS-EC2-001',
    title: 'Instance metadata requires IMDSv2 tokens',
    severity: 'high',
    checkov: ['CKV_AWS_79'],
    types: ['aws_instance', 'aws_launch_template'],
    check(sb, ctx) {
      const options = nestedBlocks(sb.block, 'metadata_options');
      // With the metadata service switched off there is nothing to steal.
      if (options.some((o) => asString(ctx.stack.value(attribute(o, 'http_endpoint'))) === 'disabled'))
        return;
      requireNestedArgument(ctx, sb, 'metadata_options', {
        name: 'http_tokens',
        ok: (v) => (v.kind === 'string' ? v.value === 'required' : undefined),
        missingFails: true,
        missingBlockFails: true,
        fixValue: '"required"',
        message: `${sb.address} allows IMDSv1, whose credentials an SSRF bug can steal. Set metadata_options { http_tokens = "required" }.`,
      });
    },
  },
  {
    id: 'OPS-EC2-002',
    title: 'Instance volumes are encrypted',
    severity: 'high',
    checkov: ['CKV_AWS_8'],
    types: ['aws_instance', 'aws_launch_configuration'],
    check(sb, ctx) {
      const message = `${sb.address} has an unencrypted volume. Set encrypted = true in root_block_device (and every ebs_block_device).`;
      const roots = nestedBlocks(sb.block, 'root_block_device');
      if (roots.length === 0) {
        ctx.fail({
          at: sb.block,
          message: `${sb.address} leaves its root volume's encryption to the account default. Add root_block_device { encrypted = true }.`,
          fix: insertFix(
            sb,
            sb.block,
            ['root_block_device {', '  encrypted = true', '}'],
            'Add root_block_device { encrypted = true }',
          ),
        });
      }
      for (const device of [...roots, ...nestedBlocks(sb.block, 'ebs_block_device')]) {
        // A volume restored from a snapshot inherits the snapshot's encryption.
        if (attribute(device, 'snapshot_id')) continue;
        requireArgument(ctx, sb, {
          block: device,
          name: 'encrypted',
          ok: isTrue,
          missingFails: true,
          fixValue: 'true',
          message,
        });
      }
    },
  },
  {
    id: 'OPS-EC2-003',
    title: 'EBS volumes are encrypted',
    severity: 'high',
    checkov: ['CKV_AWS_3'],
    types: ['aws_ebs_volume'],
    check(sb, ctx) {
      requireArgument(ctx, sb, {
        name: 'encrypted',
        ok: isTrue,
        missingFails: true,
        fixValue: 'true',
        message: `${sb.address} is not encrypted. Set encrypted = true (optionally with kms_key_id).`,
      });
    },
  },
  {
    id: 'OPS-LAMBDA-001',
    title: 'Lambda functions have X-Ray tracing',
    severity: 'low',
    checkov: ['CKV_AWS_50'],
    types: ['aws_lambda_function'],
    check(fn, ctx) {
      requireNestedArgument(ctx, fn, 'tracing_config', {
        name: 'mode',
        ok: (v) => (v.kind === 'string' ? v.value === 'Active' || v.value === 'PassThrough' : undefined),
        missingFails: true,
        missingBlockFails: true,
        fixValue: '"Active"',
        message: `${fn.address} has no X-Ray tracing. Add tracing_config { mode = "Active" } (and allow xray:PutTraceSegments in its role).`,
      });
    },
  },
  {
    id: 'OPS-LAMBDA-002',
    title: 'Production Lambda functions have a dead-letter queue',
    severity: 'medium',
    checkov: ['CKV_AWS_116'],
    types: ['aws_lambda_function'],
    profiles: ['prod'],
    check(fn, ctx) {
      requireNestedArgument(ctx, fn, 'dead_letter_config', {
        name: 'target_arn',
        ok: isPresent,
        missingFails: true,
        missingBlockFails: true,
        message: `${fn.address} drops events whose asynchronous invocation keeps failing. Add dead_letter_config { target_arn = aws_sqs_queue.<dlq>.arn }.`,
      });
    },
  },
  {
    id: 'OPS-LAMBDA-003',
    title: 'Production Lambda functions run inside a VPC',
    severity: 'medium',
    checkov: ['CKV_AWS_117'],
    types: ['aws_lambda_function'],
    profiles: ['prod'],
    check(fn, ctx) {
      if (nestedBlocks(fn.block, 'vpc_config').length > 0) return;
      ctx.fail({
        at: fn.block,
        message: `${fn.address} runs outside the VPC, beyond its security groups and network controls. Add vpc_config { subnet_ids, security_group_ids } with private subnets.`,
      });
    },
  },
  {
    id: 'OPS-LAMBDA-004',
    title: 'Production Lambda functions have a concurrency limit',
    severity: 'low',
    checkov: ['CKV_AWS_115'],
    types: ['aws_lambda_function'],
    profiles: ['prod'],
    check(fn, ctx) {
      requireArgument(ctx, fn, {
        name: 'reserved_concurrent_executions',
        ok: (v) => (v.kind === 'number' ? v.value >= 0 : undefined),
        missingFails: true,
        message: `${fn.address} can scale until it exhausts the account's concurrency (and its downstream). Set reserved_concurrent_executions.`,
      });
    },
  },
  {
    id: 'OPS-ECR-001',
    title: 'ECR image tags are immutable',
    severity: 'medium',
    checkov: ['CKV_AWS_51'],
    types: ['aws_ecr_repository'],
    check(repo, ctx) {
      requireArgument(ctx, repo, {
        name: 'image_tag_mutability',
        ok: (v) => (v.kind === 'string' ? v.value === 'IMMUTABLE' : undefined),
        missingFails: true,
        fixValue: '"IMMUTABLE"',
        message: `${repo.address} lets a pushed tag be overwritten, so a deployed tag can change under you. Set image_tag_mutability = "IMMUTABLE".`,
      });
    },
  },
  {
    id: 'OPS-ECR-002',
    title: 'ECR scans images on push',
    severity: 'medium',
    checkov: ['CKV_AWS_163'],
    types: ['aws_ecr_repository'],
    check(repo, ctx) {
      requireNestedArgument(ctx, repo, 'image_scanning_configuration', {
        name: 'scan_on_push',
        ok: isTrue,
        missingFails: true,
        missingBlockFails: true,
        fixValue: 'true',
        message: `${repo.address} does not scan pushed images for vulnerabilities. Add image_scanning_configuration { scan_on_push = true }.`,
      });
    },
  },
  {
    id: 'OPS-ECR-003',
    title: 'ECR repositories are encrypted with KMS',
    severity: 'low',
    checkov: ['CKV_AWS_136'],
    types: ['aws_ecr_repository'],
    check(repo, ctx) {
      requireNestedArgument(ctx, repo, 'encryption_configuration', {
        name: 'encryption_type',
        ok: (v) => (v.kind === 'string' ? v.value === 'KMS' : undefined),
        missingFails: true,
        missingBlockFails: true,
        fixValue: '"KMS"',
        message: `${repo.address} is encrypted with AES256 only. Add encryption_configuration { encryption_type = "KMS" } (optionally with kms_key).`,
      });
    },
  },
  {
    id: 'OPS-EKS-001',
    title: 'EKS encrypts Kubernetes secrets with KMS',
    severity: 'high',
    checkov: ['CKV_AWS_58'],
    types: ['aws_eks_cluster'],
    check(cluster, ctx) {
      const configs = nestedBlocks(cluster.block, 'encryption_config');
      const ok = configs.some((c) => {
        const resources = ctx.stack.value(attribute(c, 'resources'));
        return resources?.kind !== 'list' || strings(resources).includes('secrets');
      });
      if (ok) return;
      ctx.fail({
        at: configs[0] ?? cluster.block,
        message: `${cluster.address} keeps Kubernetes secrets without envelope encryption. Add encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.<key>.arn } }.`,
      });
    },
  },
  {
    id: 'OPS-EKS-002',
    title: 'EKS API endpoint is private',
    severity: 'medium',
    checkov: ['CKV_AWS_39'],
    types: ['aws_eks_cluster'],
    check(cluster, ctx) {
      for (const vpc of nestedBlocks(cluster.block, 'vpc_config'))
        requireArgument(ctx, cluster, {
          block: vpc,
          name: 'endpoint_public_access',
          ok: isFalse,
          missingFails: true,
          fixValue: 'false',
          message: `${cluster.address} exposes its Kubernetes API endpoint to the internet. Set endpoint_public_access = false (with endpoint_private_access = true) and reach it over the VPC.`,
        });
    },
  },
  {
    id: 'OPS-EKS-003',
    title: 'A public EKS endpoint is not open to 0.0.0.0/0',
    severity: 'high',
    checkov: ['CKV_AWS_38'],
    types: ['aws_eks_cluster'],
    check(cluster, ctx) {
      for (const vpc of nestedBlocks(cluster.block, 'vpc_config')) {
        if (isFalse(ctx.stack.value(attribute(vpc, 'endpoint_public_access')) ?? { kind: 'null' }) === true)
          continue;
        const cidrs = attribute(vpc, 'public_access_cidrs');
        const value = ctx.stack.value(cidrs);
        if (cidrs && value?.kind !== 'list') continue;
        if (cidrs && value && strings(value).length > 0 && !strings(value).includes('0.0.0.0/0')) continue;
        ctx.fail({
          at: cidrs ?? vpc,
          message: `${cluster.address} has a public API endpoint reachable from 0.0.0.0/0. Disable it, or set public_access_cidrs to the office/VPN ranges that need it.`,
        });
      }
    },
  },
  {
    id: 'OPS-EKS-004',
    title: 'EKS control plane logs every log type',
    severity: 'low',
    checkov: ['CKV_AWS_37'],
    types: ['aws_eks_cluster'],
    check(cluster, ctx) {
      const fixValue = `[${EKS_LOG_TYPES.map((t) => `"${t}"`).join(', ')}]`;
      requireArgument(ctx, cluster, {
        name: 'enabled_cluster_log_types',
        ok: (v) => (v.kind === 'list' ? EKS_LOG_TYPES.every((t) => strings(v).includes(t)) : undefined),
        missingFails: true,
        fixValue,
        message: `${cluster.address} does not send every control plane log type to CloudWatch. Set enabled_cluster_log_types = ${fixValue}.`,
      });
    },
  },
];
