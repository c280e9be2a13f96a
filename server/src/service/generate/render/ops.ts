import type {
  AlarmSpec,
  AuditTrailComponent,
  BudgetComponent,
  Component,
  IdentityComponent,
  KmsComponent,
  KubernetesComponent,
  LogsComponent,
  MonitoringComponent,
  SecretComponent,
} from '../plan';
import type { RenderContext } from './context';
import { denyInsecure } from './edge';
import { generatedSecret } from './data';
import { type Body, type Expr, type Value, block, call, ref, skip, tpl } from './hcl';
import { bucketResources } from './storage';

interface MetricTarget {
  namespace: string;
  dimensions: Record<string, Value>;
  label: string;
}

const METRICS: Record<AlarmSpec['metric'], { name: string; statistic: string; label: string }> = {
  cpu: { name: 'CPUUtilization', statistic: 'Average', label: 'CPU' },
  memory: { name: 'MemoryUtilization', statistic: 'Average', label: 'memory' },
  errors: { name: 'Errors', statistic: 'Sum', label: 'errors' },
  latency: { name: 'TargetResponseTime', statistic: 'Average', label: 'latency' },
  storage: { name: 'FreeStorageSpace', statistic: 'Minimum', label: 'free storage' },
  connections: { name: 'DatabaseConnections', statistic: 'Maximum', label: 'connections' },
  queueDepth: { name: 'ApproximateAgeOfOldestMessage', statistic: 'Maximum', label: 'oldest message age' },
  http5xx: { name: 'HTTPCode_Target_5XX_Count', statistic: 'Sum', label: '5xx responses' },
};

/** The namespace and dimensions a component's metrics live under. */
function metricTarget(
  ctx: RenderContext,
  c: Component,
  metric: AlarmSpec['metric'],
): MetricTarget | undefined {
  ctx.ensure(c.id);
  const info = ctx.info.get(c.id);
  if (!info?.address) return undefined;
  const a = info.address;
  switch (c.kind) {
    case 'containerService':
      return {
        namespace: 'AWS/ECS',
        dimensions: { ClusterName: ref(`${info.cluster}.name`), ServiceName: ref(`${a}.name`) },
        label: `${c.id} service`,
      };
    case 'vm':
      return c.count > 1
        ? undefined
        : { namespace: 'AWS/EC2', dimensions: { InstanceId: ref(`${a}.id`) }, label: `${c.id} instance` };
    case 'autoScalingGroup':
      return {
        namespace: 'AWS/EC2',
        dimensions: { AutoScalingGroupName: ref(`${a}.name`) },
        label: `${c.id} group`,
      };
    case 'database':
      return c.engine.startsWith('aurora')
        ? {
            namespace: 'AWS/RDS',
            dimensions: { DBClusterIdentifier: ref(`${a}.cluster_identifier`) },
            label: `${c.id} database`,
          }
        : {
            namespace: 'AWS/RDS',
            dimensions: { DBInstanceIdentifier: ref(`${a}.identifier`) },
            label: `${c.id} database`,
          };
    case 'loadBalancer':
      return {
        namespace: 'AWS/ApplicationELB',
        dimensions: { LoadBalancer: ref(`${a}.arn_suffix`) },
        label: `${c.id} load balancer`,
      };
    case 'function':
      return {
        namespace: 'AWS/Lambda',
        dimensions: { FunctionName: ref(`${a}.function_name`) },
        label: `${c.id} function`,
      };
    case 'queue':
      return metric === 'queueDepth'
        ? { namespace: 'AWS/SQS', dimensions: { QueueName: ref(`${a}.name`) }, label: `${c.id} queue` }
        : undefined;
    default:
      return undefined;
  }
}

function externalTarget(ctx: RenderContext, ext: NonNullable<AlarmSpec['external']>): MetricTarget {
  const key = ext.name.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  const kinds: Record<NonNullable<AlarmSpec['external']>['kind'], [string, string, string, string]> = {
    autoScalingGroup: ['aws_autoscaling_group', 'AWS/EC2', 'AutoScalingGroupName', 'auto scaling group'],
    instance: ['aws_instance', 'AWS/EC2', 'InstanceId', 'instance ID'],
    ecsService: ['aws_ecs_service', 'AWS/ECS', 'ServiceName', 'ECS service'],
    database: ['aws_db_instance', 'AWS/RDS', 'DBInstanceIdentifier', 'DB instance identifier'],
    loadBalancer: ['aws_lb', 'AWS/ApplicationELB', 'LoadBalancer', 'load balancer ARN suffix'],
  };
  const [type, namespace, dimension, what] = kinds[ext.kind];
  const existing = ctx.existing.resources.find((r) => r.type === type);
  const attr = {
    aws_autoscaling_group: 'name',
    aws_instance: 'id',
    aws_ecs_service: 'name',
    aws_db_instance: 'identifier',
    aws_lb: 'arn_suffix',
  }[type]!;
  const value: Expr = existing
    ? ref(`${type}.${existing.name}${existing.attributes?.count !== undefined ? '[0]' : ''}.${attr}`)
    : ctx.variable(`${key}_${what.replace(/ /g, '_').replace('_arn_suffix', '')}`, {
        type: 'string',
        description: `${what[0].toUpperCase()}${what.slice(1)} of the ${ext.name} servers to watch.`,
      });
  return { namespace, dimensions: { [dimension]: value }, label: `${ext.name} servers` };
}

function alarm(
  ctx: RenderContext,
  id: string,
  target: MetricTarget,
  spec: {
    metric: string;
    statistic: string;
    threshold: number;
    comparison: 'above' | 'below';
    minutes: number;
    label: string;
    unit?: string;
  },
): void {
  const topic = ctx.alertTopic();
  const periods = Math.max(1, Math.round(spec.minutes));
  ctx.resource('monitoring', 'aws_cloudwatch_metric_alarm', id, {
    alarm_name: ctx.name(id.replace(/_/g, '-')),
    alarm_description: `${spec.label} of the ${target.label} ${spec.comparison} ${spec.threshold}${spec.unit ?? ''} for ${periods} minute${periods === 1 ? '' : 's'}`,
    namespace: target.namespace,
    metric_name: spec.metric,
    dimensions: target.dimensions,
    statistic: spec.statistic,
    period: 60,
    evaluation_periods: periods,
    datapoints_to_alarm: periods,
    threshold: spec.threshold,
    comparison_operator: spec.comparison === 'above' ? 'GreaterThanThreshold' : 'LessThanThreshold',
    treat_missing_data: 'notBreaching',
    actions_enabled: true,
    alarm_actions: [topic],
    ok_actions: [topic],
  });
}

/** The standard alarms of a component, as an experienced operator would set them. */
function standardAlarms(ctx: RenderContext, c: Component): void {
  const std = (
    metric: AlarmSpec['metric'],
    name: string,
    statistic: string,
    threshold: number,
    comparison: 'above' | 'below',
    minutes: number,
    label: string,
    unit = '',
  ) => {
    const t = metricTarget(ctx, c, metric);
    if (t)
      alarm(ctx, `${c.id}_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`, t, {
        metric: name,
        statistic,
        threshold,
        comparison,
        minutes,
        label,
        unit,
      });
  };
  switch (c.kind) {
    case 'containerService':
      std('cpu', 'CPUUtilization', 'Average', 80, 'above', 10, 'CPU', '%');
      std('memory', 'MemoryUtilization', 'Average', 80, 'above', 10, 'Memory', '%');
      break;
    case 'vm':
    case 'autoScalingGroup':
      std('cpu', 'CPUUtilization', 'Average', 80, 'above', 10, 'CPU', '%');
      std('cpu', 'StatusCheckFailed', 'Maximum', 0, 'above', 5, 'Failed status checks');
      break;
    case 'database':
      std('cpu', 'CPUUtilization', 'Average', 80, 'above', 10, 'CPU', '%');
      if (!c.engine.startsWith('aurora'))
        std(
          'storage',
          'FreeStorageSpace',
          'Minimum',
          5 * 1024 * 1024 * 1024,
          'below',
          10,
          'Free storage',
          ' bytes',
        );
      break;
    case 'loadBalancer':
      std('http5xx', 'HTTPCode_Target_5XX_Count', 'Sum', 10, 'above', 5, 'Target 5xx responses');
      std('http5xx', 'HTTPCode_ELB_5XX_Count', 'Sum', 10, 'above', 5, 'Load balancer 5xx responses');
      break;
    case 'function':
      std('errors', 'Errors', 'Sum', 0, 'above', 5, 'Errors');
      std('errors', 'Throttles', 'Sum', 0, 'above', 5, 'Throttles');
      break;
    case 'queue': {
      const dlq = ctx.info.get(`${c.id}#dlq`);
      if (dlq?.address) {
        alarm(
          ctx,
          `${c.id}_dlq_messages`,
          {
            namespace: 'AWS/SQS',
            dimensions: { QueueName: ref(`${dlq.address}.name`) },
            label: `${c.id} dead-letter queue`,
          },
          {
            metric: 'ApproximateNumberOfMessagesVisible',
            statistic: 'Maximum',
            threshold: 0,
            comparison: 'above',
            minutes: 5,
            label: 'Messages',
          },
        );
      }
      std(
        'queueDepth',
        'ApproximateAgeOfOldestMessage',
        'Maximum',
        900,
        'above',
        10,
        'Oldest message age',
        ' s',
      );
      break;
    }
    default:
      break;
  }
}

/** Alarms (explicit and standard) and the alert topic with its e-mail subscriptions. */
export function renderMonitoring(ctx: RenderContext, m: MonitoringComponent): void {
  const F = 'monitoring';
  const topic = ctx.alertTopic();
  const reusedTopic = !ctx.addresses.some((a) => a.startsWith('aws_sns_topic.') && topic.text.startsWith(a));
  m.emails.forEach((email, i) => {
    ctx.resource(
      F,
      'aws_sns_topic_subscription',
      m.emails.length === 1 ? 'alert_email' : `alert_email_${i + 1}`,
      {
        topic_arn: topic,
        protocol: 'email',
        endpoint: email,
      },
    );
  });
  if (m.emails.length === 0 && !reusedTopic) {
    const emails = ctx.variable('alert_emails', {
      type: 'list(string)',
      description: 'E-mail addresses that receive alarm notifications (each must confirm the subscription).',
      default: [],
      validation: [
        {
          condition: 'alltrue([for e in $VAR : can(regex("^[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+$", e))])',
          message: 'Give valid e-mail addresses.',
        },
      ],
    });
    ctx.resource(F, 'aws_sns_topic_subscription', 'alert_email', {
      for_each: ref(`toset(${emails.text})`),
      topic_arn: topic,
      protocol: 'email',
      endpoint: ref('each.value'),
    });
  }
  for (const spec of m.alarms) {
    const meta = METRICS[spec.metric];
    let target: MetricTarget | undefined;
    const component = ctx.byId(spec.target);
    if (component) target = metricTarget(ctx, component, spec.metric);
    else if (spec.external) target = externalTarget(ctx, spec.external);
    if (!target) continue;
    const id =
      `${(component?.id ?? spec.external?.name ?? 'app').replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${spec.metric}_${spec.comparison}_${spec.threshold}`.replace(
        /\./g,
        '_',
      );
    alarm(ctx, id, target, {
      metric: meta.name,
      statistic: meta.statistic,
      threshold: spec.threshold,
      comparison: spec.comparison,
      minutes: spec.periodMinutes,
      label: meta.label[0].toUpperCase() + meta.label.slice(1),
      unit: spec.metric === 'cpu' || spec.metric === 'memory' ? '%' : '',
    });
  }
  if (m.standard) {
    const explicit = new Set(m.alarms.map((a) => `${a.target}:${a.metric}`));
    for (const c of ctx.plan.components) {
      if (explicit.has(`${c.id}:cpu`)) continue;
      standardAlarms(ctx, c);
    }
  }
}

/** An application log group. */
export function renderLogs(ctx: RenderContext, l: LogsComponent): void {
  const group = ctx.logGroup(
    'logging',
    `${l.id}_app`,
    tpl(`/app/${ctx.nameText(l.id.replace(/_/g, '-'))}`),
    l.retentionDays,
  );
  ctx.info.set(l.id, {
    address: group,
    env: { LOG_GROUP: ref(`${group}.name`) },
    grants: [
      { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [tpl(`\${${group}.arn}:*`)] },
    ],
  });
  ctx.output(`${l.id}_log_group`, ref(`${group}.name`), 'Application log group.');
}

/** A monthly cost budget with e-mail notifications at the threshold (actual) and at 100% (forecast). */
export function renderBudget(ctx: RenderContext, b: BudgetComponent): void {
  const emails: Value =
    b.emails.length > 0
      ? b.emails
      : ctx.variable('budget_alert_emails', {
          type: 'list(string)',
          description: 'E-mail addresses notified when spending approaches the budget.',
          validation: [{ condition: 'length($VAR) > 0', message: 'Give at least one e-mail address.' }],
        });
  ctx.resource('budget', 'aws_budgets_budget', b.id, {
    name: ctx.name(`${b.id.replace(/_/g, '-')}-monthly`),
    budget_type: 'COST',
    limit_amount: String(b.monthlyLimitUsd),
    limit_unit: 'USD',
    time_unit: 'MONTHLY',
    notification: [
      block({
        comparison_operator: 'GREATER_THAN',
        threshold: b.thresholdPercent,
        threshold_type: 'PERCENTAGE',
        notification_type: 'ACTUAL',
        subscriber_email_addresses: emails,
      }),
      block({
        comparison_operator: 'GREATER_THAN',
        threshold: 100,
        threshold_type: 'PERCENTAGE',
        notification_type: 'FORECASTED',
        subscriber_email_addresses: emails,
      }),
    ],
  });
}

/** A multi-region CloudTrail with log file validation, KMS encryption and CloudWatch Logs delivery. */
export function renderAuditTrail(ctx: RenderContext, t: AuditTrailComponent): void {
  const F = 'audit';
  const key = ctx.kmsKeyArn('cloudtrail', 'logs');
  const bucket = bucketResources(ctx, F, `${t.id}_trail`, {
    purpose: 'logs',
    versioning: true,
    kms: true,
    lifecycle: { transitionDays: 90, storageClass: 'GLACIER', expirationDays: 2555 },
    policyStatements: [],
  });
  const account = ctx.accountId();
  const partition = ctx.partition();
  const region = ctx.region();
  const trailName = ctx.nameText(`${t.id.replace(/_/g, '-')}-trail`);
  const trailArn = tpl(`arn:\${${partition}}:cloudtrail:\${${region}}:\${${account}}:trail/${trailName}`);
  const policy = ctx.resource(F, 'aws_s3_bucket_policy', `${t.id}_trail`, {
    bucket: ref(`${bucket}.id`),
    policy: call('jsonencode', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: ref(`${bucket}.arn`),
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'CloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: tpl(`\${${bucket}.arn}/AWSLogs/\${${account}}/*`),
          Condition: {
            StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn },
          },
        },
        denyInsecure(bucket),
      ],
    }),
  });
  const group = ctx.logGroup(F, `${t.id}_trail`, tpl(`/aws/cloudtrail/${trailName}`));
  const role = ctx.serviceRole(
    F,
    `${t.id}_trail`,
    'cloudtrail.amazonaws.com',
    'Lets CloudTrail deliver events to CloudWatch Logs.',
  );
  ctx.rolePolicy(F, `${t.id}_trail`, role, [
    { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [tpl(`\${${group}.arn}:*`)] },
  ]);
  const trail = ctx.resource(F, 'aws_cloudtrail', t.id, {
    name: tpl(trailName),
    s3_bucket_name: ref(`${bucket}.id`),
    include_global_service_events: true,
    is_multi_region_trail: t.multiRegion,
    enable_log_file_validation: true,
    enable_logging: true,
    kms_key_id: key,
    cloud_watch_logs_group_arn: tpl(`\${${group}.arn}:*`),
    cloud_watch_logs_role_arn: ref(`${role}.arn`),
    skip1: skip(
      'CKV_AWS_252',
      'Per-file delivery notifications are noise; alerting reads the CloudWatch Logs copy',
    ),
    skip2: t.multiRegion ? undefined : skip('CKV_AWS_67', 'A single-region trail, as requested'),
    event_selector: block({ read_write_type: 'All', include_management_events: true }),
    depends_on: [ref(policy)],
  });
  ctx.output(`${t.id}_trail_arn`, ref(`${trail}.arn`), 'ARN of the CloudTrail trail.');
  ctx.output(`${t.id}_trail_bucket`, ref(`${bucket}.id`), 'Bucket holding the trail log files.');
}

/** A Secrets Manager secret (generated value) and least-privilege read access for its readers. */
export function renderSecret(ctx: RenderContext, s: SecretComponent): void {
  const F = 'secrets';
  const key = ctx.kmsKeyArn();
  const label = s.name ?? s.id.replace(/_/g, ' ');
  let secret: string;
  if (s.generate) {
    secret = generatedSecret(ctx, F, s.id, `${label[0].toUpperCase()}${label.slice(1)}`);
  } else {
    secret = ctx.resource(F, 'aws_secretsmanager_secret', s.id, {
      name_prefix: tpl(`${ctx.nameText(s.id.replace(/_/g, '-'))}-`),
      description: `${label[0].toUpperCase()}${label.slice(1)} (value set outside Terraform)`,
      kms_key_id: key,
      recovery_window_in_days: ctx.profile.deletionProtection ? 30 : 7,
      skip1: skip('CKV2_AWS_57', 'The value is managed outside Terraform, and so is its rotation'),
    });
  }
  const grants = [
    {
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [ref(`${secret}.arn`)],
    },
    { actions: ['kms:Decrypt'], resources: [key] },
  ];
  ctx.info.set(s.id, {
    address: secret,
    env: { [`${s.id.toUpperCase()}_SECRET_ARN`]: ref(`${secret}.arn`) },
    grants,
  });
  const external = s.readers.filter((r) => r.startsWith('external:')).map((r) => r.slice('external:'.length));
  if (external.length > 0) {
    const doc = ctx.data(F, 'aws_iam_policy_document', `${s.id}_read`, {
      statement: grants.map((g) => block({ actions: g.actions, resources: g.resources })),
    });
    const policy = ctx.resource(F, 'aws_iam_policy', `${s.id}_read`, {
      name: ctx.name(`${s.id.replace(/_/g, '-')}-read`),
      description: `Read the ${label} secret`,
      policy: ref(`${doc}.json`),
    });
    for (const who of external) {
      const key2 = who.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
      const roleName = ctx.variable(`${key2}_role_name`, {
        type: 'string',
        description: `Name of the IAM role of the ${who} that reads the ${label} secret.`,
        validation: [{ condition: 'length($VAR) > 0', message: 'Give the IAM role name.' }],
      });
      ctx.resource(F, 'aws_iam_role_policy_attachment', `${key2}_${s.id}_read`, {
        role: roleName,
        policy_arn: ref(`${policy}.arn`),
      });
    }
    ctx.output(`${s.id}_read_policy_arn`, ref(`${policy}.arn`), `IAM policy that reads the ${label} secret.`);
  }
  ctx.output(`${s.id}_secret_arn`, ref(`${secret}.arn`), `ARN of the ${label} secret.`);
}

/** An explicit KMS key request: the stack key, with an output. */
export function renderKms(ctx: RenderContext, k: KmsComponent): void {
  const key = k.name ? ctx.dedicatedKey(k.id, k.name, []) : ctx.kmsKeyArn();
  ctx.output(`${k.id}_kms_key_arn`, key, 'ARN of the customer-managed KMS key.');
}

/** Cognito user pool and app client for sign-up and sign-in. */
export function renderIdentity(ctx: RenderContext, idp: IdentityComponent): void {
  const F = 'identity';
  const pool = ctx.resource(F, 'aws_cognito_user_pool', idp.id, {
    name: ctx.name(idp.id.replace(/_/g, '-')),
    username_attributes: ['email'],
    auto_verified_attributes: ['email'],
    mfa_configuration: idp.mfa === 'on' ? 'ON' : idp.mfa === 'optional' ? 'OPTIONAL' : 'OFF',
    deletion_protection: ctx.profile.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    software_token_mfa_configuration: idp.mfa === 'off' ? undefined : block({ enabled: true }),
    password_policy: block({
      minimum_length: 12,
      require_lowercase: true,
      require_uppercase: true,
      require_numbers: true,
      require_symbols: true,
      temporary_password_validity_days: 3,
    }),
    account_recovery_setting: block({
      recovery_mechanism: block({ name: 'verified_email', priority: 1 }),
    }),
    admin_create_user_config: block({ allow_admin_create_user_only: !idp.selfSignUp }),
  });
  const client = ctx.resource(F, 'aws_cognito_user_pool_client', idp.id, {
    name: ctx.name(`${idp.id.replace(/_/g, '-')}-app`),
    user_pool_id: ref(`${pool}.id`),
    generate_secret: false,
    explicit_auth_flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    prevent_user_existence_errors: 'ENABLED',
    enable_token_revocation: true,
    access_token_validity: 1,
    id_token_validity: 1,
    refresh_token_validity: 30,
    token_validity_units: block({ access_token: 'hours', id_token: 'hours', refresh_token: 'days' }),
  });
  ctx.info.set(idp.id, {
    address: pool,
    client,
    env: { COGNITO_USER_POOL_ID: ref(`${pool}.id`), COGNITO_CLIENT_ID: ref(`${client}.id`) },
  });
  ctx.output(`${idp.id}_user_pool_id`, ref(`${pool}.id`), 'ID of the Cognito user pool.');
  ctx.output(`${idp.id}_client_id`, ref(`${client}.id`), 'ID of the app client.');
}

const NODE_TYPES: Record<string, string> = {
  general: 'm7i.large',
  memory: 'r7i.large',
  compute: 'c7i.large',
  gpu: 'g5.xlarge',
  small: 't3.medium',
};

/** EKS cluster: private endpoint, secrets encryption, all control-plane logs, managed node groups (IMDSv2). */
export function renderKubernetes(ctx: RenderContext, k: KubernetesComponent): void {
  const F = 'eks';
  const net = ctx.network();
  const key = ctx.kmsKeyArn('logs');
  const clusterName = ctx.nameText(k.id.replace(/_/g, '-'));
  const group = ctx.logGroup(F, `${k.id}_eks`, tpl(`/aws/eks/${clusterName}/cluster`));
  const clusterRole = ctx.serviceRole(
    F,
    `${k.id}_eks_cluster`,
    'eks.amazonaws.com',
    `Control plane role of the ${k.id} cluster.`,
  );
  const clusterPolicy = ctx.managedPolicy(F, `${k.id}_eks_cluster`, clusterRole, 'AmazonEKSClusterPolicy');
  ctx.rolePolicy(F, `${k.id}_eks_secrets`, clusterRole, [
    { actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [key] },
  ]);
  const cluster = ctx.resource(F, 'aws_eks_cluster', k.id, {
    name: tpl(clusterName),
    role_arn: ref(`${clusterRole}.arn`),
    version: k.version,
    enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    vpc_config: block({
      subnet_ids: net.privateSubnetIds,
      endpoint_private_access: true,
      endpoint_public_access: false,
    }),
    encryption_config: block({ resources: ['secrets'], provider: block({ key_arn: key }) }),
    access_config: block({ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: true }),
    depends_on: [ref(clusterPolicy), ref(group)],
  });
  const nodeRole = ctx.serviceRole(
    F,
    `${k.id}_eks_nodes`,
    'ec2.amazonaws.com',
    `Node role of the ${k.id} cluster.`,
  );
  const nodePolicies: Value[] = [];
  for (const policy of [
    'AmazonEKSWorkerNodePolicy',
    'AmazonEKS_CNI_Policy',
    'AmazonEC2ContainerRegistryReadOnly',
    'AmazonSSMManagedInstanceCore',
  ]) {
    const attachment = ctx.managedPolicy(
      F,
      `${k.id}_nodes_${policy
        .replace(/^Amazon/, '')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase()}`,
      nodeRole,
      policy,
    );
    nodePolicies.push(ref(attachment));
  }
  for (const ng of k.nodeGroups) {
    const id = `${k.id}_${ng.name.replace(/[^a-z0-9]+/g, '_')}`;
    const lt = ctx.resource(F, 'aws_launch_template', id, {
      name_prefix: tpl(`${clusterName}-${ng.name}-`),
      metadata_options: block({
        http_endpoint: 'enabled',
        http_tokens: 'required',
        http_put_response_hop_limit: 1,
      }),
      block_device_mappings: block({
        device_name: '/dev/xvda',
        ebs: block({ encrypted: true, volume_type: 'gp3', volume_size: 50, delete_on_termination: true }),
      }),
    });
    const gpu = ng.instanceTypes.some((t) => /^(g|p)\d/.test(t));
    const arm = ng.instanceTypes.every((t) => /^[a-z]+\d+g[a-z]*\./.test(t));
    ctx.resource(F, 'aws_eks_node_group', id, {
      cluster_name: ref(`${cluster}.name`),
      node_group_name: ng.name,
      node_role_arn: ref(`${nodeRole}.arn`),
      subnet_ids: net.privateSubnetIds,
      instance_types: ng.instanceTypes,
      ami_type: gpu ? 'AL2023_x86_64_NVIDIA' : arm ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: block({ desired_size: ng.desired, min_size: ng.min, max_size: ng.max }),
      update_config: block({ max_unavailable: 1 }),
      launch_template: block({ id: ref(`${lt}.id`), version: ref(`${lt}.latest_version`) }),
      labels: { workload: ng.name },
      depends_on: nodePolicies,
    } as Body);
  }
  ctx.output(`${k.id}_cluster_name`, ref(`${cluster}.name`), `Name of the ${k.id} EKS cluster.`);
  ctx.output(`${k.id}_cluster_endpoint`, ref(`${cluster}.endpoint`), 'Private API endpoint of the cluster.');
}

export const NODE_TYPE_FOR = NODE_TYPES;
