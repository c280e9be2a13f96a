import {
  ACMClient,
  DescribeCertificateCommand,
  type DescribeCertificateCommandOutput,
  ListCertificatesCommand,
  type ListCertificatesCommandOutput,
} from '@aws-sdk/client-acm';
import { ApiGatewayV2Client, GetApisCommand, type GetApisCommandOutput } from '@aws-sdk/client-apigatewayv2';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  type DescribeAutoScalingGroupsCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudFrontClient,
  ListDistributionsCommand,
  type ListDistributionsCommandOutput,
} from '@aws-sdk/client-cloudfront';
import {
  DescribeClusterCommand,
  type DescribeClusterCommandOutput,
  DescribeNodegroupCommand,
  type DescribeNodegroupCommandOutput,
  EKSClient,
  ListClustersCommand,
  type ListClustersCommandOutput,
  ListNodegroupsCommand,
  type ListNodegroupsCommandOutput,
} from '@aws-sdk/client-eks';
import {
  DescribeCacheClustersCommand,
  type DescribeCacheClustersCommandOutput,
  DescribeReplicationGroupsCommand,
  type DescribeReplicationGroupsCommandOutput,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  EventBridgeClient,
  ListRulesCommand,
  type ListRulesCommandOutput,
} from '@aws-sdk/client-eventbridge';
import {
  type Lister,
  type ScanContext,
  type ServiceName,
  live,
  parsePolicy,
  sorted,
  sortedTags,
  tagMap,
} from './context';
import { mapLimit } from './limiter';

// These services have no entry in ServiceName (context.ts) yet, so no per-service endpoint override: they follow
// ScanOptions.endpoint only. The name is used solely for that override lookup.
const svc = (name: string): ServiceName => name as ServiceName;
const asg = (ctx: ScanContext): AutoScalingClient => ctx.client(AutoScalingClient, svc('autoscaling'));
const eks = (ctx: ScanContext): EKSClient => ctx.client(EKSClient, svc('eks'));
const elasticache = (ctx: ScanContext): ElastiCacheClient =>
  ctx.client(ElastiCacheClient, svc('elasticache'));
const acm = (ctx: ScanContext): ACMClient => ctx.client(ACMClient, svc('acm'));
const cloudfront = (ctx: ScanContext): CloudFrontClient => ctx.client(CloudFrontClient, svc('cloudfront'));
const apigw = (ctx: ScanContext): ApiGatewayV2Client => ctx.client(ApiGatewayV2Client, svc('apigatewayv2'));
const events = (ctx: ScanContext): EventBridgeClient => ctx.client(EventBridgeClient, svc('events'));

export const autoscalingGroupLister: Lister = {
  type: 'aws_autoscaling_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeAutoScalingGroupsCommandOutput>(
        asg(ctx),
        new DescribeAutoScalingGroupsCommand({ NextToken, MaxRecords: 100 }),
      );
      return { items: out.AutoScalingGroups, next: out.NextToken };
    });
    return groups.map((g) => {
      const name = g.AutoScalingGroupName!;
      const tags = tagMap(g.Tags);
      const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
      return live(
        'aws_autoscaling_group',
        name,
        ctx.region,
        {
          id: name,
          arn: g.AutoScalingGroupARN,
          name,
          min_size: g.MinSize,
          max_size: g.MaxSize,
          desired_capacity: g.DesiredCapacity,
          default_cooldown: g.DefaultCooldown,
          health_check_type: g.HealthCheckType,
          health_check_grace_period: g.HealthCheckGracePeriod ?? 0,
          availability_zones: sorted(g.AvailabilityZones),
          vpc_zone_identifier: sorted((g.VPCZoneIdentifier ?? '').split(',')),
          launch_configuration: g.LaunchConfigurationName ?? '',
          launch_template: lt
            ? [
                {
                  id: lt.LaunchTemplateId ?? '',
                  name: lt.LaunchTemplateName ?? '',
                  version: lt.Version ?? '',
                },
              ]
            : [],
          target_group_arns: sorted(g.TargetGroupARNs),
          load_balancers: sorted(g.LoadBalancerNames),
          tag: [...(g.Tags ?? [])]
            .sort((a, b) => (a.Key ?? '').localeCompare(b.Key ?? ''))
            .map((t) => ({
              key: t.Key,
              value: t.Value ?? '',
              propagate_at_launch: Boolean(t.PropagateAtLaunch),
            })),
        },
        { arn: g.AutoScalingGroupARN, name, tags },
      );
    });
  },
};

const clusterNames = (ctx: ScanContext): Promise<string[]> =>
  ctx.once(`eks-clusters:${ctx.region}`, () =>
    ctx.paginate(async (nextToken) => {
      const out = await ctx.send<ListClustersCommandOutput>(eks(ctx), new ListClustersCommand({ nextToken }));
      return { items: out.clusters, next: out.nextToken };
    }),
  );

export const eksClusterLister: Lister = {
  type: 'aws_eks_cluster',
  async list(ctx) {
    const names = await clusterNames(ctx);
    return mapLimit(names, 8, async (n) => {
      const out = await ctx.send<DescribeClusterCommandOutput>(
        eks(ctx),
        new DescribeClusterCommand({ name: n }),
      );
      const c = out.cluster!;
      const v = c.resourcesVpcConfig ?? {};
      const tags = sortedTags(c.tags);
      return live(
        'aws_eks_cluster',
        n,
        ctx.region,
        {
          id: n,
          arn: c.arn,
          name: n,
          role_arn: c.roleArn,
          version: c.version,
          vpc_config: [
            {
              subnet_ids: sorted(v.subnetIds),
              security_group_ids: sorted(v.securityGroupIds),
              endpoint_private_access: Boolean(v.endpointPrivateAccess),
              endpoint_public_access: v.endpointPublicAccess ?? true,
              public_access_cidrs: sorted(v.publicAccessCidrs),
            },
          ],
          enabled_cluster_log_types: sorted(
            (c.logging?.clusterLogging ?? []).filter((l) => l.enabled).flatMap((l) => l.types ?? []),
          ),
          tags,
        },
        { arn: c.arn, name: n, tags },
      );
    });
  },
};

export const eksNodeGroupLister: Lister = {
  type: 'aws_eks_node_group',
  async list(ctx) {
    const clusters = await clusterNames(ctx);
    const pairs = (
      await mapLimit(clusters, 8, async (cluster) => {
        const groups = await ctx.paginate(async (nextToken) => {
          const out = await ctx.send<ListNodegroupsCommandOutput>(
            eks(ctx),
            new ListNodegroupsCommand({ clusterName: cluster, nextToken }),
          );
          return { items: out.nodegroups, next: out.nextToken };
        });
        return groups.map((g) => ({ cluster, g }));
      })
    ).flat();
    return mapLimit(pairs, 8, async ({ cluster, g }) => {
      const out = await ctx.send<DescribeNodegroupCommandOutput>(
        eks(ctx),
        new DescribeNodegroupCommand({ clusterName: cluster, nodegroupName: g }),
      );
      const n = out.nodegroup!;
      const id = `${cluster}:${g}`;
      const tags = sortedTags(n.tags);
      return live(
        'aws_eks_node_group',
        id,
        ctx.region,
        {
          id,
          arn: n.nodegroupArn,
          cluster_name: cluster,
          node_group_name: g,
          node_role_arn: n.nodeRole,
          subnet_ids: sorted(n.subnets),
          instance_types: sorted(n.instanceTypes),
          ami_type: n.amiType,
          capacity_type: n.capacityType,
          disk_size: n.diskSize,
          version: n.version,
          scaling_config: [
            {
              min_size: n.scalingConfig?.minSize,
              max_size: n.scalingConfig?.maxSize,
              desired_size: n.scalingConfig?.desiredSize,
            },
          ],
          labels: sortedTags(n.labels),
          tags,
        },
        { arn: n.nodegroupArn, name: g, tags },
      );
    });
  },
};

export const elasticacheClusterLister: Lister = {
  type: 'aws_elasticache_cluster',
  async list(ctx) {
    const clusters = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeCacheClustersCommandOutput>(
        elasticache(ctx),
        new DescribeCacheClustersCommand({ Marker, ShowCacheNodeInfo: false }),
      );
      return { items: out.CacheClusters, next: out.Marker };
    });
    // Members of a replication group belong to aws_elasticache_replication_group.
    return clusters
      .filter((c) => !c.ReplicationGroupId)
      .map((c) => {
        const id = c.CacheClusterId!;
        return live(
          'aws_elasticache_cluster',
          id,
          ctx.region,
          {
            id,
            arn: c.ARN,
            cluster_id: id,
            engine: c.Engine,
            engine_version: c.EngineVersion,
            node_type: c.CacheNodeType,
            num_cache_nodes: c.NumCacheNodes,
            parameter_group_name: c.CacheParameterGroup?.CacheParameterGroupName ?? '',
            subnet_group_name: c.CacheSubnetGroupName ?? '',
            security_group_ids: sorted((c.SecurityGroups ?? []).map((s) => s.SecurityGroupId)),
            port: c.ConfigurationEndpoint?.Port ?? c.CacheNodes?.[0]?.Endpoint?.Port,
            snapshot_retention_limit: c.SnapshotRetentionLimit ?? 0,
            maintenance_window: c.PreferredMaintenanceWindow ?? '',
          },
          { arn: c.ARN, name: id },
        );
      });
  },
};

export const elasticacheReplicationGroupLister: Lister = {
  type: 'aws_elasticache_replication_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeReplicationGroupsCommandOutput>(
        elasticache(ctx),
        new DescribeReplicationGroupsCommand({ Marker }),
      );
      return { items: out.ReplicationGroups, next: out.Marker };
    });
    return groups.map((g) => {
      const id = g.ReplicationGroupId!;
      return live(
        'aws_elasticache_replication_group',
        id,
        ctx.region,
        {
          id,
          arn: g.ARN,
          replication_group_id: id,
          description: g.Description ?? '',
          node_type: g.CacheNodeType,
          num_cache_clusters: (g.MemberClusters ?? []).length,
          automatic_failover_enabled: g.AutomaticFailover === 'enabled',
          multi_az_enabled: g.MultiAZ === 'enabled',
          at_rest_encryption_enabled: Boolean(g.AtRestEncryptionEnabled),
          transit_encryption_enabled: Boolean(g.TransitEncryptionEnabled),
          member_clusters: sorted(g.MemberClusters),
        },
        { arn: g.ARN, name: id },
      );
    });
  },
};

export const acmCertificateLister: Lister = {
  type: 'aws_acm_certificate',
  async list(ctx) {
    const certs = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListCertificatesCommandOutput>(
        acm(ctx),
        new ListCertificatesCommand({ NextToken, MaxItems: 1000 }),
      );
      return { items: out.CertificateSummaryList, next: out.NextToken };
    });
    return mapLimit(certs, 8, async (s) => {
      const arn = s.CertificateArn!;
      const out = await ctx.send<DescribeCertificateCommandOutput>(
        acm(ctx),
        new DescribeCertificateCommand({ CertificateArn: arn }),
      );
      const c = out.Certificate ?? {};
      const domain = c.DomainName ?? s.DomainName ?? '';
      return live(
        'aws_acm_certificate',
        arn,
        ctx.region,
        {
          id: arn,
          arn,
          domain_name: domain,
          subject_alternative_names: sorted((c.SubjectAlternativeNames ?? []).filter((n) => n !== domain)),
          validation_method:
            c.Type === 'IMPORTED' ? 'NONE' : (c.DomainValidationOptions?.[0]?.ValidationMethod ?? ''),
          key_algorithm: c.KeyAlgorithm ?? '',
          status: c.Status ?? '',
          type: c.Type ?? '',
        },
        { arn, name: domain },
      );
    });
  },
};

export const cloudfrontDistributionLister: Lister = {
  type: 'aws_cloudfront_distribution',
  global: true,
  async list(ctx) {
    const items = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListDistributionsCommandOutput>(
        cloudfront(ctx),
        new ListDistributionsCommand({ Marker }),
      );
      const l = out.DistributionList;
      return { items: l?.Items, next: l?.IsTruncated ? l.NextMarker : undefined };
    });
    return items.map((d) => {
      const id = d.Id!;
      return live(
        'aws_cloudfront_distribution',
        id,
        'global',
        {
          id,
          arn: d.ARN,
          enabled: Boolean(d.Enabled),
          comment: d.Comment ?? '',
          aliases: sorted(d.Aliases?.Items),
          domain_name: d.DomainName,
          price_class: d.PriceClass ?? '',
          http_version: d.HttpVersion ?? '',
          is_ipv6_enabled: Boolean(d.IsIPV6Enabled),
          web_acl_id: d.WebACLId ?? '',
          origin: sorted((d.Origins?.Items ?? []).map((o) => o.DomainName)).map((domain_name) => ({
            domain_name,
          })),
        },
        { arn: d.ARN, name: d.Comment || undefined },
      );
    });
  },
};

export const apiGatewayV2ApiLister: Lister = {
  type: 'aws_apigatewayv2_api',
  async list(ctx) {
    const apis = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<GetApisCommandOutput>(apigw(ctx), new GetApisCommand({ NextToken }));
      return { items: out.Items, next: out.NextToken };
    });
    return apis.map((a) => {
      const id = a.ApiId!;
      const tags = sortedTags(a.Tags);
      return live(
        'aws_apigatewayv2_api',
        id,
        ctx.region,
        {
          id,
          name: a.Name,
          protocol_type: a.ProtocolType,
          description: a.Description ?? '',
          api_endpoint: a.ApiEndpoint ?? '',
          route_selection_expression: a.RouteSelectionExpression ?? '',
          api_key_selection_expression: a.ApiKeySelectionExpression ?? '',
          disable_execute_api_endpoint: Boolean(a.DisableExecuteApiEndpoint),
          tags,
        },
        { name: a.Name, tags },
      );
    });
  },
};

export const eventRuleLister: Lister = {
  type: 'aws_cloudwatch_event_rule',
  async list(ctx) {
    const rules = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<ListRulesCommandOutput>(events(ctx), new ListRulesCommand({ NextToken }));
      return { items: out.Rules, next: out.NextToken };
    });
    return rules.map((r) => {
      const bus = r.EventBusName ?? 'default';
      const id = bus === 'default' ? r.Name! : `${bus}/${r.Name!}`;
      return live(
        'aws_cloudwatch_event_rule',
        id,
        ctx.region,
        {
          id,
          arn: r.Arn,
          name: r.Name,
          description: r.Description ?? '',
          event_bus_name: bus,
          schedule_expression: r.ScheduleExpression ?? '',
          event_pattern: parsePolicy(r.EventPattern) ?? '',
          state: r.State ?? 'ENABLED',
          role_arn: r.RoleArn ?? '',
        },
        { arn: r.Arn, name: r.Name },
      );
    });
  },
};

export const moreListers: Lister[] = [
  autoscalingGroupLister,
  eksClusterLister,
  eksNodeGroupLister,
  elasticacheClusterLister,
  elasticacheReplicationGroupLister,
  acmCertificateLister,
  cloudfrontDistributionLister,
  apiGatewayV2ApiLister,
  eventRuleLister,
];
