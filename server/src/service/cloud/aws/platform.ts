import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  type DescribeLogGroupsCommandOutput,
  ListTagsForResourceCommand as ListLogTagsCommand,
  type ListTagsForResourceCommandOutput as ListLogTagsOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandOutput,
  ListTagsForResourceCommand as ListAlarmTagsCommand,
  type ListTagsForResourceCommandOutput as ListAlarmTagsOutput,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeKeyCommand,
  type DescribeKeyCommandOutput,
  GetKeyPolicyCommand,
  type GetKeyPolicyCommandOutput,
  GetKeyRotationStatusCommand,
  type GetKeyRotationStatusCommandOutput,
  KMSClient,
  ListAliasesCommand,
  type ListAliasesCommandOutput,
  ListKeysCommand,
  type ListKeysCommandOutput,
  ListResourceTagsCommand,
  type ListResourceTagsCommandOutput,
} from '@aws-sdk/client-kms';
import {
  LambdaClient,
  ListFunctionsCommand,
  type ListFunctionsCommandOutput,
  ListTagsCommand,
  type ListTagsCommandOutput,
} from '@aws-sdk/client-lambda';
import {
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { type Lister, type ScanContext, live, parsePolicy, sorted, sortedTags, tagMap } from './context';
import { mapLimit } from './limiter';

const logs = (ctx: ScanContext): CloudWatchLogsClient => ctx.client(CloudWatchLogsClient, 'logs');
const cw = (ctx: ScanContext): CloudWatchClient => ctx.client(CloudWatchClient, 'cloudwatch');
const kms = (ctx: ScanContext): KMSClient => ctx.client(KMSClient, 'kms');
const lambda = (ctx: ScanContext): LambdaClient => ctx.client(LambdaClient, 'lambda');
const secrets = (ctx: ScanContext): SecretsManagerClient =>
  ctx.client(SecretsManagerClient, 'secretsmanager');

/** `arn:…:log-group:NAME:*` → `arn:…:log-group:NAME`, as the provider reports it. */
const logGroupArn = (arn: string | undefined): string | undefined => arn?.replace(/:\*$/, '');

export const logGroupLister: Lister = {
  type: 'aws_cloudwatch_log_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (nextToken) => {
      const out = await ctx.send<DescribeLogGroupsCommandOutput>(
        logs(ctx),
        new DescribeLogGroupsCommand({ nextToken, limit: 50 }),
      );
      return { items: out.logGroups, next: out.nextToken };
    });
    return mapLimit(groups, 16, async (g) => {
      const arn = logGroupArn(g.arn);
      const out = await ctx.send<ListLogTagsOutput>(logs(ctx), new ListLogTagsCommand({ resourceArn: arn }));
      const tags = sortedTags(out.tags);
      return live(
        'aws_cloudwatch_log_group',
        g.logGroupName!,
        ctx.region,
        {
          id: g.logGroupName,
          name: g.logGroupName,
          arn,
          retention_in_days: g.retentionInDays ?? 0,
          kms_key_id: g.kmsKeyId ?? '',
          log_group_class: g.logGroupClass ?? 'STANDARD',
          tags,
        },
        { arn, name: g.logGroupName, tags },
      );
    });
  },
};

export const metricAlarmLister: Lister = {
  type: 'aws_cloudwatch_metric_alarm',
  async list(ctx) {
    const alarms = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeAlarmsCommandOutput>(
        cw(ctx),
        new DescribeAlarmsCommand({ NextToken, AlarmTypes: ['MetricAlarm'] }),
      );
      return { items: out.MetricAlarms, next: out.NextToken };
    });
    return mapLimit(alarms, 16, async (a) => {
      const out = await ctx.send<ListAlarmTagsOutput>(
        cw(ctx),
        new ListAlarmTagsCommand({ ResourceARN: a.AlarmArn }),
      );
      const tags = tagMap(out.Tags);
      return live(
        'aws_cloudwatch_metric_alarm',
        a.AlarmName!,
        ctx.region,
        {
          id: a.AlarmName,
          alarm_name: a.AlarmName,
          arn: a.AlarmArn,
          alarm_description: a.AlarmDescription ?? '',
          comparison_operator: a.ComparisonOperator,
          evaluation_periods: a.EvaluationPeriods,
          metric_name: a.MetricName ?? '',
          namespace: a.Namespace ?? '',
          period: a.Period ?? 0,
          statistic: a.Statistic ?? '',
          threshold: a.Threshold ?? 0,
          actions_enabled: a.ActionsEnabled ?? true,
          alarm_actions: sorted(a.AlarmActions),
          ok_actions: sorted(a.OKActions),
          insufficient_data_actions: sorted(a.InsufficientDataActions),
          dimensions: Object.fromEntries(
            [...(a.Dimensions ?? [])]
              .sort((x, y) => (x.Name! < y.Name! ? -1 : 1))
              .map((d) => [d.Name!, d.Value ?? '']),
          ),
          treat_missing_data: a.TreatMissingData ?? 'missing',
          tags,
        },
        { arn: a.AlarmArn, name: a.AlarmName, tags },
      );
    });
  },
};

export const kmsKeyLister: Lister = {
  type: 'aws_kms_key',
  async list(ctx) {
    const keys = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListKeysCommandOutput>(kms(ctx), new ListKeysCommand({ Marker }));
      return { items: out.Keys, next: out.Truncated ? out.NextMarker : undefined };
    });
    const described = await mapLimit(keys, 16, async (k) => {
      const out = await ctx.send<DescribeKeyCommandOutput>(
        kms(ctx),
        new DescribeKeyCommand({ KeyId: k.KeyId }),
      );
      return out.KeyMetadata!;
    });
    const customer = described.filter(
      (m) =>
        m.KeyManager !== 'AWS' && m.KeyState !== 'PendingDeletion' && m.KeyState !== 'PendingReplicaDeletion',
    );
    return mapLimit(customer, 16, async (m) => {
      const symmetric = (m.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
      const [rotation, policy, tagOut] = await Promise.all([
        symmetric
          ? ctx.send<GetKeyRotationStatusCommandOutput>(
              kms(ctx),
              new GetKeyRotationStatusCommand({ KeyId: m.KeyId }),
            )
          : undefined,
        ctx.send<GetKeyPolicyCommandOutput>(
          kms(ctx),
          new GetKeyPolicyCommand({ KeyId: m.KeyId, PolicyName: 'default' }),
        ),
        ctx.paginate(async (Marker) => {
          const out = await ctx.send<ListResourceTagsCommandOutput>(
            kms(ctx),
            new ListResourceTagsCommand({ KeyId: m.KeyId, Marker }),
          );
          return { items: out.Tags, next: out.Truncated ? out.NextMarker : undefined };
        }),
      ]);
      const tags = tagMap(tagOut.map((t) => ({ Key: t.TagKey, Value: t.TagValue })));
      return live(
        'aws_kms_key',
        m.KeyId!,
        ctx.region,
        {
          id: m.KeyId,
          key_id: m.KeyId,
          arn: m.Arn,
          description: m.Description ?? '',
          key_usage: m.KeyUsage ?? 'ENCRYPT_DECRYPT',
          customer_master_key_spec: m.KeySpec ?? 'SYMMETRIC_DEFAULT',
          enable_key_rotation: rotation?.KeyRotationEnabled ?? false,
          is_enabled: m.Enabled ?? m.KeyState === 'Enabled',
          multi_region: m.MultiRegion ?? false,
          policy: parsePolicy(policy.Policy),
          tags,
        },
        { arn: m.Arn, tags },
      );
    });
  },
};

export const kmsAliasLister: Lister = {
  type: 'aws_kms_alias',
  async list(ctx) {
    const aliases = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListAliasesCommandOutput>(kms(ctx), new ListAliasesCommand({ Marker }));
      return { items: out.Aliases, next: out.Truncated ? out.NextMarker : undefined };
    });
    return aliases
      .filter((a) => a.AliasName && !a.AliasName.startsWith('alias/aws/') && a.TargetKeyId)
      .map((a) =>
        live(
          'aws_kms_alias',
          a.AliasName!,
          ctx.region,
          { id: a.AliasName, name: a.AliasName, arn: a.AliasArn, target_key_id: a.TargetKeyId },
          { arn: a.AliasArn, name: a.AliasName },
        ),
      );
  },
};

export const lambdaFunctionLister: Lister = {
  type: 'aws_lambda_function',
  async list(ctx) {
    const fns = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListFunctionsCommandOutput>(
        lambda(ctx),
        new ListFunctionsCommand({ Marker }),
      );
      return { items: out.Functions, next: out.NextMarker };
    });
    return mapLimit(fns, 16, async (f) => {
      const out = await ctx.send<ListTagsCommandOutput>(
        lambda(ctx),
        new ListTagsCommand({ Resource: f.FunctionArn }),
      );
      const tags = sortedTags(out.Tags);
      return live(
        'aws_lambda_function',
        f.FunctionName!,
        ctx.region,
        {
          id: f.FunctionName,
          function_name: f.FunctionName,
          arn: f.FunctionArn,
          runtime: f.Runtime ?? '',
          handler: f.Handler ?? '',
          role: f.Role,
          description: f.Description ?? '',
          memory_size: f.MemorySize ?? 128,
          timeout: f.Timeout ?? 3,
          package_type: f.PackageType ?? 'Zip',
          architectures: f.Architectures?.length ? [...f.Architectures] : ['x86_64'],
          environment: f.Environment?.Variables ? [{ variables: sortedTags(f.Environment.Variables) }] : [],
          layers: (f.Layers ?? []).map((l) => l.Arn),
          kms_key_arn: f.KMSKeyArn ?? '',
          source_code_hash: f.CodeSha256,
          vpc_config: f.VpcConfig?.VpcId
            ? [
                {
                  subnet_ids: sorted(f.VpcConfig.SubnetIds),
                  security_group_ids: sorted(f.VpcConfig.SecurityGroupIds),
                  vpc_id: f.VpcConfig.VpcId,
                },
              ]
            : [],
          tracing_config: [{ mode: f.TracingConfig?.Mode ?? 'PassThrough' }],
          tags,
        },
        { arn: f.FunctionArn, name: f.FunctionName, tags },
      );
    });
  },
};

export const secretLister: Lister = {
  type: 'aws_secretsmanager_secret',
  async list(ctx) {
    const list = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListSecretsCommandOutput>(
        secrets(ctx),
        new ListSecretsCommand({ NextToken }),
      );
      return { items: out.SecretList, next: out.NextToken };
    });
    return list
      .filter((s) => !s.DeletedDate)
      .map((s) => {
        const tags = tagMap(s.Tags);
        return live(
          'aws_secretsmanager_secret',
          s.ARN!,
          ctx.region,
          {
            id: s.ARN,
            arn: s.ARN,
            name: s.Name,
            description: s.Description ?? '',
            kms_key_id: s.KmsKeyId ?? '',
            rotation_enabled: s.RotationEnabled ?? false,
            tags,
          },
          { arn: s.ARN, name: s.Name, tags },
        );
      });
  },
};

export const platformListers: Lister[] = [
  logGroupLister,
  metricAlarmLister,
  kmsKeyLister,
  kmsAliasLister,
  lambdaFunctionLister,
  secretLister,
];
