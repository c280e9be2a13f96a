import type { QueueComponent, TopicComponent } from '../plan';
import type { RenderContext } from './context';
import { block, call, ref } from './hcl';

/** SQS queue encrypted with the stack key, with a dead-letter queue after `maxReceiveCount` failed receives. */
export function renderQueue(ctx: RenderContext, q: QueueComponent): void {
  const F = 'messaging';
  const key = ctx.kmsKeyArn('sns', 'events');
  const suffix = q.fifo ? '.fifo' : '';
  const slug = q.id.replace(/_/g, '-');
  let dlq: string | undefined;
  if (q.deadLetter) {
    dlq = ctx.resource(F, 'aws_sqs_queue', `${q.id}_dlq`, {
      name: ref(`"\${${ctx.prefix}}-${slug}-dlq${suffix}"`),
      fifo_queue: q.fifo || undefined,
      message_retention_seconds: 1209600,
      kms_master_key_id: key,
      kms_data_key_reuse_period_seconds: 300,
    });
  }
  const queue = ctx.resource(F, 'aws_sqs_queue', q.id, {
    name: ref(`"\${${ctx.prefix}}-${slug}${suffix}"`),
    fifo_queue: q.fifo || undefined,
    visibility_timeout_seconds: q.visibilityTimeout,
    message_retention_seconds: 345600,
    receive_wait_time_seconds: 20,
    kms_master_key_id: key,
    kms_data_key_reuse_period_seconds: 300,
    redrive_policy: dlq
      ? call('jsonencode', { deadLetterTargetArn: ref(`${dlq}.arn`), maxReceiveCount: q.maxReceiveCount })
      : undefined,
  });
  if (dlq) {
    ctx.resource(F, 'aws_sqs_queue_redrive_allow_policy', `${q.id}_dlq`, {
      queue_url: ref(`${dlq}.id`),
      redrive_allow_policy: call('jsonencode', {
        redrivePermission: 'byQueue',
        sourceQueueArns: [ref(`${queue}.arn`)],
      }),
    });
  }
  const read = [
    {
      actions: [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
      ],
      resources: [ref(`${queue}.arn`)],
    },
    { actions: ['kms:Decrypt'], resources: [key] },
  ];
  const write = [
    { actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], resources: [ref(`${queue}.arn`)] },
    { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] },
  ];
  ctx.info.set(q.id, {
    address: queue,
    env: { [`${q.id.toUpperCase()}_QUEUE_URL`]: ref(`${queue}.url`) },
    readGrants: read,
    writeGrants: write,
    grants: [
      {
        actions: [...new Set([...read[0].actions, ...write[0].actions])],
        resources: [ref(`${queue}.arn`)],
      },
      write[1],
    ],
  });
  if (dlq) ctx.info.set(`${q.id}#dlq`, { address: dlq });
  ctx.output(`${q.id}_queue_url`, ref(`${queue}.url`), `URL of the ${q.name ?? q.id} queue.`);
  if (dlq)
    ctx.output(`${q.id}_dlq_url`, ref(`${dlq}.url`), `URL of the ${q.name ?? q.id} dead-letter queue.`);
}

/** SNS topic encrypted with the stack key, fanned out to its subscriber queues. */
export function renderTopic(ctx: RenderContext, t: TopicComponent): void {
  const F = 'messaging';
  const key = ctx.kmsKeyArn('sns');
  const topic = ctx.resource(F, 'aws_sns_topic', t.id, {
    name: ctx.name(t.id.replace(/_/g, '-')),
    kms_master_key_id: key,
  });
  for (const id of t.subscribers) {
    ctx.ensure(id);
    const q = ctx.info.get(id);
    if (!q?.address) continue;
    ctx.resource(F, 'aws_sns_topic_subscription', `${t.id}_to_${id}`, {
      topic_arn: ref(`${topic}.arn`),
      protocol: 'sqs',
      endpoint: ref(`${q.address}.arn`),
      raw_message_delivery: true,
    });
    const doc = ctx.data(F, 'aws_iam_policy_document', `${id}_from_${t.id}`, {
      statement: block({
        sid: 'AllowTopic',
        actions: ['sqs:SendMessage'],
        resources: [ref(`${q.address}.arn`)],
        principals: block({ type: 'Service', identifiers: ['sns.amazonaws.com'] }),
        condition: block({ test: 'ArnEquals', variable: 'aws:SourceArn', values: [ref(`${topic}.arn`)] }),
      }),
    });
    ctx.resource(F, 'aws_sqs_queue_policy', id, {
      queue_url: ref(`${q.address}.id`),
      policy: ref(`${doc}.json`),
    });
  }
  (t.emails ?? []).forEach((email, i) => {
    ctx.resource(F, 'aws_sns_topic_subscription', `${t.id}_email${t.emails!.length > 1 ? `_${i + 1}` : ''}`, {
      topic_arn: ref(`${topic}.arn`),
      protocol: 'email',
      endpoint: email,
    });
  });
  const publish = [
    { actions: ['sns:Publish'], resources: [ref(`${topic}.arn`)] },
    { actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] },
  ];
  ctx.info.set(t.id, {
    address: topic,
    env: { [`${t.id.toUpperCase()}_TOPIC_ARN`]: ref(`${topic}.arn`) },
    grants: publish,
    writeGrants: publish,
  });
  ctx.output(`${t.id}_topic_arn`, ref(`${topic}.arn`), `ARN of the ${t.name ?? t.id} topic.`);
}
