import type {
  ApiGatewayComponent,
  FunctionComponent,
  ScheduledJobComponent,
  WorkflowComponent,
} from '../plan';
import type { RenderContext } from './context';
import { type Body, type Value, block, call, ref, skip, tpl } from './hcl';
import { wireClient } from './compute';
import { httpsOut, securityGroup } from './sg';

const PLACEHOLDER: Record<FunctionComponent['runtime'], { file: string; code: string }> = {
  'python3.13': {
    file: 'index.py',
    code: [
      'import json',
      'import logging',
      '',
      'logger = logging.getLogger()',
      'logger.setLevel(logging.INFO)',
      '',
      '',
      'def handler(event, context):',
      '    # Placeholder: replace with the real handler (deploy a build artifact instead of this archive).',
      '    logger.info(json.dumps(event))',
      '    return {"statusCode": 200, "body": json.dumps({"ok": True})}',
      '',
    ].join('\n'),
  },
  'nodejs22.x': {
    file: 'index.mjs',
    code: [
      '// Placeholder: replace with the real handler (deploy a build artifact instead of this archive).',
      'export const handler = async (event) => {',
      '  console.log(JSON.stringify(event));',
      '  return { statusCode: 200, body: JSON.stringify({ ok: true }) };',
      '};',
      '',
    ].join('\n'),
  },
};

/** Whether functions should run inside the VPC: the stack has (or reuses) one. */
function inVpc(ctx: RenderContext): boolean {
  return (
    ctx.existing.resources.some((r) => r.type === 'aws_vpc') ||
    ctx.plan.components.some((c) =>
      ['network', 'database', 'cache', 'search', 'fileSystem', 'containerService', 'vm'].includes(c.kind),
    )
  );
}

/** Lambda function: role, encrypted log group, X-Ray, reserved concurrency, DLQ for asynchronous triggers. */
export function renderFunction(ctx: RenderContext, fn: FunctionComponent): void {
  const F = 'functions';
  ctx.providers.add('archive');
  const slug = fn.id.replace(/_/g, '-');
  const name = ctx.name(slug);
  const key = ctx.kmsKeyArn();
  const code = PLACEHOLDER[fn.runtime];
  const archive = ctx.data(F, 'archive_file', fn.id, {
    type: 'zip',
    output_path: tpl(`\${path.module}/build/${fn.id}.zip`),
    source: block({ content: code.code, filename: code.file }),
  });
  const group = ctx.logGroup(F, `${fn.id}_lambda`, tpl(`/aws/lambda/${ctx.nameText(slug)}`));
  const role = ctx.serviceRole(
    F,
    `${fn.id}_lambda`,
    'lambda.amazonaws.com',
    `Execution role of the ${fn.id} function.`,
  );
  ctx.managedPolicy(F, `${fn.id}_xray`, role, 'AWSXRayDaemonWriteAccess');
  const statements: { actions: string[]; resources: Value[] }[] = [
    { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [tpl(`\${${group}.arn}:*`)] },
    { actions: ['kms:Decrypt'], resources: [key] },
  ];
  const asyncTrigger = fn.trigger === 'schedule' || fn.trigger === 'topic' || fn.trigger === 'none';
  let dlq: string | undefined;
  if (asyncTrigger) {
    dlq = ctx.resource(F, 'aws_sqs_queue', `${fn.id}_lambda_dlq`, {
      name: ctx.name(`${slug}-lambda-dlq`),
      message_retention_seconds: 1209600,
      kms_master_key_id: key,
      kms_data_key_reuse_period_seconds: 300,
    });
    statements.push({ actions: ['sqs:SendMessage'], resources: [ref(`${dlq}.arn`)] });
    statements.push({ actions: ['kms:GenerateDataKey'], resources: [key] });
  }
  let vpc: Body | undefined;
  let sg: string | undefined;
  if (inVpc(ctx)) {
    const net = ctx.network();
    sg = securityGroup(ctx, F, `${fn.id}_lambda`, `Function ${fn.id}`);
    httpsOut(ctx, F, sg);
    ctx.managedPolicy(F, `${fn.id}_vpc`, role, 'service-role/AWSLambdaVPCAccessExecutionRole');
    vpc = { subnet_ids: net.privateSubnetIds, security_group_ids: [ref(`${sg}.id`)] };
  }
  ctx.info.set(fn.id, { sg, role });
  let env = wireClient(ctx, F, fn.id, sg, role);
  if (fn.trigger === 'queue' && fn.source) {
    ctx.ensure(fn.source);
    const q = ctx.info.get(fn.source);
    if (q?.readGrants) statements.push(...q.readGrants);
    env = { ...env };
  }
  ctx.rolePolicy(F, `${fn.id}_lambda`, role, statements);
  const reserved = ctx.plan.env === 'prod' ? 50 : 5;
  const lambda = ctx.resource(F, 'aws_lambda_function', fn.id, {
    function_name: name,
    description: `${fn.name ?? fn.id} function`,
    role: ref(`${role}.arn`),
    runtime: fn.runtime,
    handler: fn.runtime.startsWith('python') ? 'index.handler' : 'index.handler',
    architectures: ['arm64'],
    filename: ref(`${archive}.output_path`),
    source_code_hash: ref(`${archive}.output_base64sha256`),
    memory_size: fn.memoryMb,
    timeout: fn.timeoutSeconds,
    reserved_concurrent_executions: reserved,
    // Environment variables are encrypted with the stack key (set only when there are any).
    kms_key_arn: Object.keys(env).length > 0 ? key : undefined,
    skip1: skip(
      'CKV_AWS_272',
      'Code signing needs a signing profile from the release pipeline; the archive is a placeholder',
    ),
    skip2: vpc
      ? undefined
      : skip('CKV_AWS_117', 'The function only calls AWS APIs; the stack has no VPC resources to reach'),
    skip3: dlq
      ? undefined
      : skip(
          'CKV_AWS_116',
          fn.trigger === 'queue'
            ? "Failed messages go to the source queue's dead-letter queue"
            : 'Invoked synchronously; the caller sees errors',
        ),
    tracing_config: block({ mode: 'Active' }),
    logging_config: block({ log_format: 'JSON', log_group: ref(`${group}.name`) }),
    environment: Object.keys(env).length > 0 ? block({ variables: env }) : undefined,
    dead_letter_config: dlq ? block({ target_arn: ref(`${dlq}.arn`) }) : undefined,
    vpc_config: vpc ? block(vpc) : undefined,
  });
  ctx.info.get(fn.id)!.address = lambda;
  if (fn.trigger === 'queue' && fn.source) {
    const q = ctx.info.get(fn.source);
    if (q?.address) {
      ctx.resource(F, 'aws_lambda_event_source_mapping', `${fn.id}_${fn.source}`, {
        event_source_arn: ref(`${q.address}.arn`),
        function_name: ref(`${lambda}.arn`),
        batch_size: 10,
        function_response_types: ['ReportBatchItemFailures'],
        scaling_config: block({ maximum_concurrency: Math.max(2, reserved) }),
      });
    }
  }
  if (fn.trigger === 'topic' && fn.source) {
    ctx.ensure(fn.source);
    const t = ctx.info.get(fn.source);
    if (t?.address) {
      ctx.resource(F, 'aws_sns_topic_subscription', `${fn.source}_to_${fn.id}`, {
        topic_arn: ref(`${t.address}.arn`),
        protocol: 'lambda',
        endpoint: ref(`${lambda}.arn`),
      });
      ctx.resource(F, 'aws_lambda_permission', `${fn.id}_from_${fn.source}`, {
        statement_id: 'AllowSns',
        action: 'lambda:InvokeFunction',
        function_name: ref(`${lambda}.function_name`),
        principal: 'sns.amazonaws.com',
        source_arn: ref(`${t.address}.arn`),
      });
    }
  }
  ctx.output(
    `${fn.id}_function_name`,
    ref(`${lambda}.function_name`),
    `Name of the ${fn.id} Lambda function.`,
  );
}

/** API Gateway HTTP API in front of functions: proxy routes, authorization, throttling, access logs. */
export function renderApiGateway(ctx: RenderContext, api: ApiGatewayComponent): void {
  const F = 'api';
  const httpApi = ctx.resource(F, 'aws_apigatewayv2_api', api.id, {
    name: ctx.name(api.id.replace(/_/g, '-')),
    description: `HTTP API ${api.name ?? api.id}`,
    protocol_type: 'HTTP',
  });
  let authorizer: string | undefined;
  if (api.auth === 'jwt') {
    const idp = ctx.components('identity')[0];
    if (idp) {
      ctx.ensure(idp.id);
      const info = ctx.info.get(idp.id)!;
      authorizer = ctx.resource(F, 'aws_apigatewayv2_authorizer', api.id, {
        api_id: ref(`${httpApi}.id`),
        name: 'cognito',
        authorizer_type: 'JWT',
        identity_sources: ['$request.header.Authorization'],
        jwt_configuration: block({
          audience: [ref(`${info.client}.id`)],
          issuer: tpl(`https://\${${info.address}.endpoint}`),
        }),
      });
    }
  }
  const auth = api.auth === 'jwt' && !authorizer ? 'iam' : api.auth;
  for (const fnId of api.functions) {
    ctx.ensure(fnId);
    const fn = ctx.info.get(fnId);
    if (!fn?.address) continue;
    const integration = ctx.resource(F, 'aws_apigatewayv2_integration', fnId, {
      api_id: ref(`${httpApi}.id`),
      integration_type: 'AWS_PROXY',
      integration_uri: ref(`${fn.address}.invoke_arn`),
      payload_format_version: '2.0',
    });
    ctx.resource(F, 'aws_apigatewayv2_route', fnId, {
      api_id: ref(`${httpApi}.id`),
      route_key: api.functions.length === 1 ? 'ANY /{proxy+}' : `ANY /${fnId.replace(/_/g, '-')}/{proxy+}`,
      target: tpl(`integrations/\${${integration}.id}`),
      authorization_type: auth === 'iam' ? 'AWS_IAM' : auth === 'jwt' ? 'JWT' : 'NONE',
      authorizer_id: authorizer ? ref(`${authorizer}.id`) : undefined,
      skip1: auth === 'none' ? skip('CKV_AWS_309', 'A public API, as requested') : undefined,
    });
    ctx.resource(F, 'aws_lambda_permission', `${fnId}_api`, {
      statement_id: 'AllowApiGateway',
      action: 'lambda:InvokeFunction',
      function_name: ref(`${fn.address}.function_name`),
      principal: 'apigateway.amazonaws.com',
      source_arn: tpl(`\${${httpApi}.execution_arn}/*/*`),
    });
  }
  const group = ctx.logGroup(
    F,
    `${api.id}_api_access`,
    tpl(`/aws/apigateway/${ctx.nameText(api.id.replace(/_/g, '-'))}`),
  );
  const stage = ctx.resource(F, 'aws_apigatewayv2_stage', api.id, {
    api_id: ref(`${httpApi}.id`),
    name: '$default',
    auto_deploy: true,
    access_log_settings: block({
      destination_arn: ref(`${group}.arn`),
      format: call('jsonencode', {
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        requestTime: '$context.requestTime',
        httpMethod: '$context.httpMethod',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLength: '$context.responseLength',
        integrationError: '$context.integrationErrorMessage',
      }),
    }),
    default_route_settings: block({
      detailed_metrics_enabled: true,
      throttling_burst_limit: 100,
      throttling_rate_limit: 50,
    }),
  });
  ctx.info.set(api.id, { address: httpApi });
  ctx.output(`${api.id}_api_url`, ref(`${stage}.invoke_url`), `Invoke URL of the ${api.id} API.`);
}

/** An EventBridge schedule running a function. */
export function renderScheduledJob(ctx: RenderContext, job: ScheduledJobComponent): void {
  const F = 'schedule';
  ctx.ensure(job.target);
  const fn = ctx.info.get(job.target);
  if (!fn?.address) return;
  const rule = ctx.resource(F, 'aws_cloudwatch_event_rule', job.id, {
    name: ctx.name(job.id.replace(/_/g, '-')),
    description: `Runs ${job.target} on schedule ${job.schedule} (UTC)`,
    schedule_expression: job.schedule,
  });
  ctx.resource(F, 'aws_cloudwatch_event_target', job.id, {
    rule: ref(`${rule}.name`),
    arn: ref(`${fn.address}.arn`),
    retry_policy: block({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 }),
  });
  ctx.resource(F, 'aws_lambda_permission', `${job.id}_schedule`, {
    statement_id: 'AllowEventBridge',
    action: 'lambda:InvokeFunction',
    function_name: ref(`${fn.address}.function_name`),
    principal: 'events.amazonaws.com',
    source_arn: ref(`${rule}.arn`),
  });
}

/** A Step Functions state machine invoking its functions in order, logged, traced and encrypted. */
export function renderWorkflow(ctx: RenderContext, wf: WorkflowComponent): void {
  const F = 'workflow';
  const key = ctx.kmsKeyArn('logs', 'states');
  const group = ctx.logGroup(
    F,
    `${wf.id}_workflow`,
    tpl(`/aws/vendedlogs/states/${ctx.nameText(wf.id.replace(/_/g, '-'))}`),
  );
  const role = ctx.serviceRole(
    F,
    `${wf.id}_workflow`,
    'states.amazonaws.com',
    `Execution role of the ${wf.id} workflow.`,
  );
  const fns = wf.steps.map((id) => {
    ctx.ensure(id);
    return { id, address: ctx.info.get(id)?.address };
  });
  const statements: { actions: string[]; resources: Value[] }[] = [
    {
      actions: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      resources: ['*'],
    },
    { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] },
  ];
  const targets = fns.filter((f) => f.address).map((f) => ref(`${f.address}.arn`));
  if (targets.length > 0) statements.push({ actions: ['lambda:InvokeFunction'], resources: targets });
  ctx.managedPolicy(F, `${wf.id}_xray`, role, 'AWSXRayDaemonWriteAccess');
  ctx.rolePolicy(F, `${wf.id}_workflow`, role, statements);
  const states: Record<string, Value> = {};
  const steps = fns.filter((f) => f.address);
  if (steps.length === 0) {
    states.Start = { Type: 'Pass', End: true };
  } else {
    steps.forEach((f, i) => {
      const state: Record<string, Value> = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: ref(`${f.address}.arn`), 'Payload.$': '$' },
        Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      };
      if (i === steps.length - 1) state.End = true;
      else state.Next = steps[i + 1].id;
      states[f.id] = state;
    });
  }
  const machine = ctx.resource(F, 'aws_sfn_state_machine', wf.id, {
    name: ctx.name(wf.id.replace(/_/g, '-')),
    role_arn: ref(`${role}.arn`),
    type: 'STANDARD',
    definition: call('jsonencode', {
      Comment: `${wf.name ?? wf.id} workflow`,
      StartAt: steps[0]?.id ?? 'Start',
      States: states,
    }),
    logging_configuration: block({
      log_destination: tpl(`\${${group}.arn}:*`),
      include_execution_data: true,
      level: 'ALL',
    }),
    tracing_configuration: block({ enabled: true }),
    encryption_configuration: block({
      type: 'CUSTOMER_MANAGED_KMS_KEY',
      kms_key_id: key,
      kms_data_key_reuse_period_seconds: 300,
    }),
  });
  ctx.info.set(wf.id, {
    address: machine,
    env: { [`${wf.id.toUpperCase()}_STATE_MACHINE_ARN`]: ref(`${machine}.arn`) },
    grants: [{ actions: ['states:StartExecution'], resources: [ref(`${machine}.arn`)] }],
  });
  ctx.output(`${wf.id}_state_machine_arn`, ref(`${machine}.arn`), `ARN of the ${wf.id} state machine.`);
}
