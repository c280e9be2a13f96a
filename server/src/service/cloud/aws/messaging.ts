import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandOutput,
  ListQueueTagsCommand,
  type ListQueueTagsCommandOutput,
  ListQueuesCommand,
  type ListQueuesCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  GetTopicAttributesCommand,
  type GetTopicAttributesCommandOutput,
  ListSubscriptionsCommand,
  type ListSubscriptionsCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandOutput,
  ListTopicsCommand,
  type ListTopicsCommandOutput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { type Lister, type ScanContext, live, parsePolicy, sortedTags, tagMap } from './context';
import { mapLimit } from './limiter';

const sqs = (ctx: ScanContext): SQSClient => ctx.client(SQSClient, 'sqs');
const sns = (ctx: ScanContext): SNSClient => ctx.client(SNSClient, 'sns');

const num = (v: string | undefined, dflt: number): number => (v === undefined || v === '' ? dflt : Number(v));
const bool = (v: string | undefined): boolean => v === 'true';

export const queueLister: Lister = {
  type: 'aws_sqs_queue',
  async list(ctx) {
    const urls = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListQueuesCommandOutput>(
        sqs(ctx),
        new ListQueuesCommand({ NextToken, MaxResults: 1000 }),
      );
      return { items: out.QueueUrls, next: out.NextToken };
    });
    return mapLimit(urls, 16, async (url) => {
      const [attrs, tagOut] = await Promise.all([
        ctx.send<GetQueueAttributesCommandOutput>(
          sqs(ctx),
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
        ),
        ctx.send<ListQueueTagsCommandOutput>(sqs(ctx), new ListQueueTagsCommand({ QueueUrl: url })),
      ]);
      const a = attrs.Attributes ?? {};
      const name = url.slice(url.lastIndexOf('/') + 1);
      const tags = sortedTags(tagOut.Tags);
      return live(
        'aws_sqs_queue',
        url,
        ctx.region,
        {
          id: url,
          url,
          name,
          arn: a.QueueArn,
          delay_seconds: num(a.DelaySeconds, 0),
          max_message_size: num(a.MaximumMessageSize, 262144),
          message_retention_seconds: num(a.MessageRetentionPeriod, 345600),
          receive_wait_time_seconds: num(a.ReceiveMessageWaitTimeSeconds, 0),
          visibility_timeout_seconds: num(a.VisibilityTimeout, 30),
          fifo_queue: bool(a.FifoQueue),
          content_based_deduplication: bool(a.ContentBasedDeduplication),
          kms_master_key_id: a.KmsMasterKeyId ?? '',
          sqs_managed_sse_enabled: bool(a.SqsManagedSseEnabled),
          policy: parsePolicy(a.Policy) ?? '',
          redrive_policy: parsePolicy(a.RedrivePolicy) ?? '',
          tags,
        },
        { arn: a.QueueArn, name, tags },
      );
    });
  },
};

export const topicLister: Lister = {
  type: 'aws_sns_topic',
  async list(ctx) {
    const topics = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListTopicsCommandOutput>(sns(ctx), new ListTopicsCommand({ NextToken }));
      return { items: out.Topics, next: out.NextToken };
    });
    return mapLimit(topics, 16, async (t) => {
      const arn = t.TopicArn!;
      const [attrs, tagOut] = await Promise.all([
        ctx.send<GetTopicAttributesCommandOutput>(sns(ctx), new GetTopicAttributesCommand({ TopicArn: arn })),
        ctx.send<ListTagsForResourceCommandOutput>(
          sns(ctx),
          new ListTagsForResourceCommand({ ResourceArn: arn }),
        ),
      ]);
      const a = attrs.Attributes ?? {};
      const name = arn.slice(arn.lastIndexOf(':') + 1);
      const tags = tagMap(tagOut.Tags);
      return live(
        'aws_sns_topic',
        arn,
        ctx.region,
        {
          id: arn,
          arn,
          name,
          display_name: a.DisplayName ?? '',
          policy: parsePolicy(a.Policy) ?? '',
          kms_master_key_id: a.KmsMasterKeyId ?? '',
          fifo_topic: bool(a.FifoTopic),
          content_based_deduplication: bool(a.ContentBasedDeduplication),
          owner: a.Owner,
          tags,
        },
        { arn, name, tags },
      );
    });
  },
};

export const subscriptionLister: Lister = {
  type: 'aws_sns_topic_subscription',
  async list(ctx) {
    const subs = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListSubscriptionsCommandOutput>(
        sns(ctx),
        new ListSubscriptionsCommand({ NextToken }),
      );
      return { items: out.Subscriptions, next: out.NextToken };
    });
    return subs
      .filter((s) => s.SubscriptionArn && s.SubscriptionArn.startsWith('arn:'))
      .map((s) =>
        live('aws_sns_topic_subscription', s.SubscriptionArn!, ctx.region, {
          id: s.SubscriptionArn,
          arn: s.SubscriptionArn,
          topic_arn: s.TopicArn,
          protocol: s.Protocol,
          endpoint: s.Endpoint,
          owner_id: s.Owner,
        }),
      );
  },
};

export const messagingListers: Lister[] = [queueLister, topicLister, subscriptionLister];
