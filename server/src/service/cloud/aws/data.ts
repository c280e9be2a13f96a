import {
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DynamoDBClient,
  ListTablesCommand,
  type ListTablesCommandOutput,
  ListTagsOfResourceCommand,
  type ListTagsOfResourceCommandOutput,
} from '@aws-sdk/client-dynamodb';
import {
  DBInstance,
  DescribeDBInstancesCommand,
  type DescribeDBInstancesCommandOutput,
  DescribeDBParameterGroupsCommand,
  type DescribeDBParameterGroupsCommandOutput,
  DescribeDBSubnetGroupsCommand,
  type DescribeDBSubnetGroupsCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandOutput,
  RDSClient,
} from '@aws-sdk/client-rds';
import { type Lister, type ScanContext, live, sortSet, sorted, tagMap } from './context';
import { mapLimit } from './limiter';

const ddb = (ctx: ScanContext): DynamoDBClient => ctx.client(DynamoDBClient, 'dynamodb');
const rds = (ctx: ScanContext): RDSClient => ctx.client(RDSClient, 'rds');

export const dynamoTableLister: Lister = {
  type: 'aws_dynamodb_table',
  async list(ctx) {
    const names = await ctx.paginate(async (ExclusiveStartTableName) => {
      const out = await ctx.send<ListTablesCommandOutput>(
        ddb(ctx),
        new ListTablesCommand({ ExclusiveStartTableName, Limit: 100 }),
      );
      return { items: out.TableNames, next: out.LastEvaluatedTableName };
    });
    return mapLimit(names, 16, async (name) => {
      const { Table: t } = await ctx.send<DescribeTableCommandOutput>(
        ddb(ctx),
        new DescribeTableCommand({ TableName: name }),
      );
      const tagList = await ctx.paginate(async (NextToken) => {
        const out = await ctx.send<ListTagsOfResourceCommandOutput>(
          ddb(ctx),
          new ListTagsOfResourceCommand({ ResourceArn: t!.TableArn, NextToken }),
        );
        return { items: out.Tags, next: out.NextToken };
      });
      const tags = tagMap(tagList);
      const key = (type: 'HASH' | 'RANGE', schema = t?.KeySchema) =>
        schema?.find((k) => k.KeyType === type)?.AttributeName ?? '';
      const billing = t?.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
      const provisioned = billing === 'PROVISIONED';
      return live(
        'aws_dynamodb_table',
        name,
        ctx.region,
        {
          id: name,
          name,
          arn: t?.TableArn,
          billing_mode: billing,
          hash_key: key('HASH'),
          range_key: key('RANGE'),
          attribute: sortSet(
            (t?.AttributeDefinitions ?? []).map((a) => ({ name: a.AttributeName, type: a.AttributeType })),
          ),
          read_capacity: provisioned ? (t?.ProvisionedThroughput?.ReadCapacityUnits ?? 0) : 0,
          write_capacity: provisioned ? (t?.ProvisionedThroughput?.WriteCapacityUnits ?? 0) : 0,
          stream_enabled: t?.StreamSpecification?.StreamEnabled ?? false,
          stream_view_type: t?.StreamSpecification?.StreamViewType ?? '',
          table_class: t?.TableClassSummary?.TableClass ?? 'STANDARD',
          deletion_protection_enabled: t?.DeletionProtectionEnabled ?? false,
          server_side_encryption:
            t?.SSEDescription?.Status === 'ENABLED' ? { enabled: true } : { enabled: false },
          global_secondary_index: sortSet(
            (t?.GlobalSecondaryIndexes ?? []).map((g) => ({
              name: g.IndexName,
              hash_key: key('HASH', g.KeySchema),
              range_key: key('RANGE', g.KeySchema),
              projection_type: g.Projection?.ProjectionType,
              non_key_attributes: sorted(g.Projection?.NonKeyAttributes),
              read_capacity: provisioned ? (g.ProvisionedThroughput?.ReadCapacityUnits ?? 0) : 0,
              write_capacity: provisioned ? (g.ProvisionedThroughput?.WriteCapacityUnits ?? 0) : 0,
            })),
          ),
          tags,
        },
        { arn: t?.TableArn, name, tags },
      );
    });
  },
};

function dbInstanceAttributes(d: DBInstance): Record<string, unknown> {
  return {
    id: d.DBInstanceIdentifier,
    identifier: d.DBInstanceIdentifier,
    arn: d.DBInstanceArn,
    engine: d.Engine,
    engine_version: d.EngineVersion,
    instance_class: d.DBInstanceClass,
    allocated_storage: d.AllocatedStorage,
    max_allocated_storage: d.MaxAllocatedStorage ?? 0,
    storage_type: d.StorageType ?? 'gp2',
    storage_encrypted: d.StorageEncrypted ?? false,
    kms_key_id: d.KmsKeyId ?? '',
    publicly_accessible: d.PubliclyAccessible ?? false,
    multi_az: d.MultiAZ ?? false,
    db_subnet_group_name: d.DBSubnetGroup?.DBSubnetGroupName ?? '',
    vpc_security_group_ids: sorted((d.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId)),
    parameter_group_name: d.DBParameterGroups?.[0]?.DBParameterGroupName ?? '',
    username: d.MasterUsername,
    db_name: d.DBName ?? '',
    port: d.Endpoint?.Port ?? d.DbInstancePort,
    backup_retention_period: d.BackupRetentionPeriod ?? 0,
    deletion_protection: d.DeletionProtection ?? false,
    auto_minor_version_upgrade: d.AutoMinorVersionUpgrade ?? true,
    iam_database_authentication_enabled: d.IAMDatabaseAuthenticationEnabled ?? false,
    performance_insights_enabled: d.PerformanceInsightsEnabled ?? false,
    availability_zone: d.AvailabilityZone,
    address: d.Endpoint?.Address,
    status: d.DBInstanceStatus,
    tags: tagMap(d.TagList),
  };
}

export const dbInstanceLister: Lister = {
  type: 'aws_db_instance',
  async list(ctx) {
    const dbs = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeDBInstancesCommandOutput>(
        rds(ctx),
        new DescribeDBInstancesCommand({ Marker }),
      );
      return { items: out.DBInstances, next: out.Marker };
    });
    return dbs
      .filter((d) => d.DBInstanceStatus !== 'deleting')
      .map((d) => {
        const tags = tagMap(d.TagList);
        return live('aws_db_instance', d.DBInstanceIdentifier!, ctx.region, dbInstanceAttributes(d), {
          arn: d.DBInstanceArn,
          name: d.DBInstanceIdentifier,
          tags,
        });
      });
  },
};

async function rdsTags(ctx: ScanContext, arn: string | undefined): Promise<Record<string, string>> {
  if (!arn) return {};
  const out = await ctx.send<ListTagsForResourceCommandOutput>(
    rds(ctx),
    new ListTagsForResourceCommand({ ResourceName: arn }),
  );
  return tagMap(out.TagList);
}

export const dbSubnetGroupLister: Lister = {
  type: 'aws_db_subnet_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeDBSubnetGroupsCommandOutput>(
        rds(ctx),
        new DescribeDBSubnetGroupsCommand({ Marker }),
      );
      return { items: out.DBSubnetGroups, next: out.Marker };
    });
    return mapLimit(
      groups.filter((g) => g.DBSubnetGroupName !== 'default'),
      16,
      async (g) => {
        const tags = await rdsTags(ctx, g.DBSubnetGroupArn);
        return live(
          'aws_db_subnet_group',
          g.DBSubnetGroupName!,
          ctx.region,
          {
            id: g.DBSubnetGroupName,
            name: g.DBSubnetGroupName,
            arn: g.DBSubnetGroupArn,
            description: g.DBSubnetGroupDescription ?? '',
            subnet_ids: sorted((g.Subnets ?? []).map((s) => s.SubnetIdentifier)),
            vpc_id: g.VpcId,
            tags,
          },
          { arn: g.DBSubnetGroupArn, name: g.DBSubnetGroupName, tags },
        );
      },
    );
  },
};

export const dbParameterGroupLister: Lister = {
  type: 'aws_db_parameter_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeDBParameterGroupsCommandOutput>(
        rds(ctx),
        new DescribeDBParameterGroupsCommand({ Marker }),
      );
      return { items: out.DBParameterGroups, next: out.Marker };
    });
    return mapLimit(
      groups.filter((g) => !g.DBParameterGroupName?.startsWith('default.')),
      16,
      async (g) => {
        const tags = await rdsTags(ctx, g.DBParameterGroupArn);
        return live(
          'aws_db_parameter_group',
          g.DBParameterGroupName!,
          ctx.region,
          {
            id: g.DBParameterGroupName,
            name: g.DBParameterGroupName,
            arn: g.DBParameterGroupArn,
            family: g.DBParameterGroupFamily,
            description: g.Description ?? '',
            tags,
          },
          { arn: g.DBParameterGroupArn, name: g.DBParameterGroupName, tags },
        );
      },
    );
  },
};

export const dataListers: Lister[] = [
  dynamoTableLister,
  dbInstanceLister,
  dbSubnetGroupLister,
  dbParameterGroupLister,
];
