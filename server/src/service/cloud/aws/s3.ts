import {
  type Bucket,
  GetBucketEncryptionCommand,
  type GetBucketEncryptionCommandOutput,
  GetBucketLifecycleConfigurationCommand,
  type GetBucketLifecycleConfigurationCommandOutput,
  GetBucketLocationCommand,
  type GetBucketLocationCommandOutput,
  GetBucketPolicyCommand,
  type GetBucketPolicyCommandOutput,
  GetBucketTaggingCommand,
  type GetBucketTaggingCommandOutput,
  GetBucketVersioningCommand,
  type GetBucketVersioningCommandOutput,
  GetPublicAccessBlockCommand,
  type GetPublicAccessBlockCommandOutput,
  ListBucketsCommand,
  type ListBucketsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import type { LiveResource } from '../snapshot';
import { type Lister, type ScanContext, live, parsePolicy, tagMap } from './context';
import { mapLimit } from './limiter';

const s3 = (ctx: ScanContext): S3Client => ctx.client(S3Client, 's3');

interface BucketInfo {
  name: string;
  region: string;
  created?: Date;
}

/** The buckets in the scanned regions (ListBuckets is global; GetBucketLocation tells each bucket's region). */
function bucketsOf(ctx: ScanContext): Promise<BucketInfo[]> {
  return ctx.once('s3:buckets', async () => {
    const buckets: Bucket[] = await ctx.paginate(async (ContinuationToken) => {
      const out = await ctx.send<ListBucketsCommandOutput>(
        s3(ctx),
        new ListBucketsCommand(ContinuationToken ? { ContinuationToken } : {}),
      );
      return { items: out.Buckets, next: out.ContinuationToken };
    });
    const located = await mapLimit(buckets, 16, async (b) => {
      const out = await ctx.send<GetBucketLocationCommandOutput>(
        s3(ctx),
        new GetBucketLocationCommand({ Bucket: b.Name }),
      );
      // us-east-1 answers an empty constraint, and the old EU alias means eu-west-1.
      const c = out.LocationConstraint as string | undefined;
      const region = !c ? 'us-east-1' : c === 'EU' ? 'eu-west-1' : c;
      return { name: b.Name!, region, created: b.CreationDate };
    });
    return located.filter((b) => ctx.regions.includes(b.region));
  });
}

/** A lister that asks one per-bucket question and makes at most one resource of `type` per bucket. */
function perBucket(
  type: string,
  build: (ctx: ScanContext, bucket: BucketInfo) => Promise<LiveResource | undefined>,
): Lister {
  return {
    type,
    global: true,
    async list(ctx) {
      const buckets = await bucketsOf(ctx);
      const out = await mapLimit(buckets, 16, (b) => build(ctx, b));
      return out.filter((r): r is LiveResource => r !== undefined);
    },
  };
}

export const bucketLister = perBucket('aws_s3_bucket', async (ctx, b) => {
  const tagging = await ctx.sendOptional<GetBucketTaggingCommandOutput>(
    s3(ctx),
    new GetBucketTaggingCommand({ Bucket: b.name }),
    ['NoSuchTagSet', 'NoSuchTagSetError'],
  );
  const tags = tagMap(tagging?.TagSet);
  const arn = `arn:aws:s3:::${b.name}`;
  return live(
    'aws_s3_bucket',
    b.name,
    b.region,
    {
      id: b.name,
      bucket: b.name,
      arn,
      region: b.region,
      bucket_domain_name: `${b.name}.s3.amazonaws.com`,
      bucket_regional_domain_name: `${b.name}.s3.${b.region}.amazonaws.com`,
      tags,
    },
    { arn, name: b.name, tags },
  );
});

export const bucketVersioningLister = perBucket('aws_s3_bucket_versioning', async (ctx, b) => {
  const out = await ctx.send<GetBucketVersioningCommandOutput>(
    s3(ctx),
    new GetBucketVersioningCommand({ Bucket: b.name }),
  );
  if (!out.Status) return undefined; // never enabled: no versioning resource
  return live('aws_s3_bucket_versioning', b.name, b.region, {
    id: b.name,
    bucket: b.name,
    versioning_configuration: { status: out.Status, mfa_delete: out.MFADelete ?? 'Disabled' },
  });
});

export const bucketEncryptionLister = perBucket(
  'aws_s3_bucket_server_side_encryption_configuration',
  async (ctx, b) => {
    const out = await ctx.sendOptional<GetBucketEncryptionCommandOutput>(
      s3(ctx),
      new GetBucketEncryptionCommand({ Bucket: b.name }),
      ['ServerSideEncryptionConfigurationNotFoundError'],
    );
    const rules = out?.ServerSideEncryptionConfiguration?.Rules;
    if (!rules?.length) return undefined;
    return live('aws_s3_bucket_server_side_encryption_configuration', b.name, b.region, {
      id: b.name,
      bucket: b.name,
      rule: rules.map((r) => ({
        apply_server_side_encryption_by_default: {
          sse_algorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
          kms_master_key_id: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? '',
        },
        bucket_key_enabled: r.BucketKeyEnabled ?? false,
      })),
    });
  },
);

export const bucketPublicAccessBlockLister = perBucket(
  'aws_s3_bucket_public_access_block',
  async (ctx, b) => {
    const out = await ctx.sendOptional<GetPublicAccessBlockCommandOutput>(
      s3(ctx),
      new GetPublicAccessBlockCommand({ Bucket: b.name }),
      ['NoSuchPublicAccessBlockConfiguration'],
    );
    const c = out?.PublicAccessBlockConfiguration;
    if (!c) return undefined;
    return live('aws_s3_bucket_public_access_block', b.name, b.region, {
      id: b.name,
      bucket: b.name,
      block_public_acls: c.BlockPublicAcls ?? false,
      block_public_policy: c.BlockPublicPolicy ?? false,
      ignore_public_acls: c.IgnorePublicAcls ?? false,
      restrict_public_buckets: c.RestrictPublicBuckets ?? false,
    });
  },
);

export const bucketLifecycleLister = perBucket('aws_s3_bucket_lifecycle_configuration', async (ctx, b) => {
  const out = await ctx.sendOptional<GetBucketLifecycleConfigurationCommandOutput>(
    s3(ctx),
    new GetBucketLifecycleConfigurationCommand({ Bucket: b.name }),
    ['NoSuchLifecycleConfiguration'],
  );
  if (!out?.Rules?.length) return undefined;
  return live('aws_s3_bucket_lifecycle_configuration', b.name, b.region, {
    id: b.name,
    bucket: b.name,
    rule: out.Rules.map((r) => ({
      id: r.ID ?? '',
      status: r.Status,
      filter: r.Filter
        ? { prefix: r.Filter.Prefix ?? r.Filter.And?.Prefix ?? '' }
        : r.Prefix !== undefined
          ? { prefix: r.Prefix }
          : undefined,
      expiration: r.Expiration
        ? {
            days: r.Expiration.Days ?? 0,
            date: r.Expiration.Date?.toISOString() ?? '',
            expired_object_delete_marker: r.Expiration.ExpiredObjectDeleteMarker ?? false,
          }
        : undefined,
      noncurrent_version_expiration: r.NoncurrentVersionExpiration
        ? { noncurrent_days: r.NoncurrentVersionExpiration.NoncurrentDays ?? 0 }
        : undefined,
      abort_incomplete_multipart_upload: r.AbortIncompleteMultipartUpload
        ? { days_after_initiation: r.AbortIncompleteMultipartUpload.DaysAfterInitiation ?? 0 }
        : undefined,
      transition: (r.Transitions ?? []).map((t) => ({
        days: t.Days ?? 0,
        storage_class: t.StorageClass,
      })),
    })),
  });
});

export const bucketPolicyLister = perBucket('aws_s3_bucket_policy', async (ctx, b) => {
  const out = await ctx.sendOptional<GetBucketPolicyCommandOutput>(
    s3(ctx),
    new GetBucketPolicyCommand({ Bucket: b.name }),
    ['NoSuchBucketPolicy'],
  );
  if (!out?.Policy) return undefined;
  return live('aws_s3_bucket_policy', b.name, b.region, {
    id: b.name,
    bucket: b.name,
    policy: parsePolicy(out.Policy),
  });
});

export const s3Listers: Lister[] = [
  bucketLister,
  bucketVersioningLister,
  bucketEncryptionLister,
  bucketPublicAccessBlockLister,
  bucketLifecycleLister,
  bucketPolicyLister,
];
