import {
  DescribeRepositoriesCommand,
  type DescribeRepositoriesCommandOutput,
  ECRClient,
  ListTagsForResourceCommand as ListEcrTagsCommand,
  type ListTagsForResourceCommandOutput as ListEcrTagsOutput,
} from '@aws-sdk/client-ecr';
import {
  DescribeClustersCommand,
  type DescribeClustersCommandOutput,
  DescribeServicesCommand,
  type DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommand,
  type DescribeTaskDefinitionCommandOutput,
  ECSClient,
  ListClustersCommand,
  type ListClustersCommandOutput,
  ListServicesCommand,
  type ListServicesCommandOutput,
  ListTaskDefinitionsCommand,
  type ListTaskDefinitionsCommandOutput,
  type Tag as EcsTag,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  type DescribeListenersCommandOutput,
  DescribeLoadBalancersCommand,
  type DescribeLoadBalancersCommandOutput,
  DescribeTagsCommand,
  type DescribeTagsCommandOutput,
  DescribeTargetGroupsCommand,
  type DescribeTargetGroupsCommandOutput,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ListHostedZonesCommand,
  type ListHostedZonesCommandOutput,
  ListResourceRecordSetsCommand,
  type ListResourceRecordSetsCommandOutput,
  ListTagsForResourceCommand as ListZoneTagsCommand,
  type ListTagsForResourceCommandOutput as ListZoneTagsOutput,
  Route53Client,
  type HostedZone,
} from '@aws-sdk/client-route-53';
import { type Lister, type ScanContext, live, sorted, tagMap } from './context';
import { mapLimit } from './limiter';

const ecr = (ctx: ScanContext): ECRClient => ctx.client(ECRClient, 'ecr');
const ecs = (ctx: ScanContext): ECSClient => ctx.client(ECSClient, 'ecs');
const elb = (ctx: ScanContext): ElasticLoadBalancingV2Client =>
  ctx.client(ElasticLoadBalancingV2Client, 'elbv2');
const r53 = (ctx: ScanContext): Route53Client => ctx.client(Route53Client, 'route53');

const ecsTags = (tags: EcsTag[] | undefined): Record<string, string> =>
  tagMap((tags ?? []).map((t) => ({ Key: t.key, Value: t.value })));
const lastSegment = (arn: string | undefined): string => arn?.slice(arn.lastIndexOf('/') + 1) ?? '';

export const ecrRepositoryLister: Lister = {
  type: 'aws_ecr_repository',
  async list(ctx) {
    const repos = await ctx.paginate(async (nextToken) => {
      const out = await ctx.send<DescribeRepositoriesCommandOutput>(
        ecr(ctx),
        new DescribeRepositoriesCommand({ nextToken }),
      );
      return { items: out.repositories, next: out.nextToken };
    });
    return mapLimit(repos, 16, async (r) => {
      const out = await ctx.send<ListEcrTagsOutput>(
        ecr(ctx),
        new ListEcrTagsCommand({ resourceArn: r.repositoryArn }),
      );
      const tags = tagMap(out.tags);
      return live(
        'aws_ecr_repository',
        r.repositoryName!,
        ctx.region,
        {
          id: r.repositoryName,
          name: r.repositoryName,
          arn: r.repositoryArn,
          repository_url: r.repositoryUri,
          image_tag_mutability: r.imageTagMutability ?? 'MUTABLE',
          image_scanning_configuration: { scan_on_push: r.imageScanningConfiguration?.scanOnPush ?? false },
          encryption_configuration: {
            encryption_type: r.encryptionConfiguration?.encryptionType ?? 'AES256',
            kms_key: r.encryptionConfiguration?.kmsKey ?? '',
          },
          tags,
        },
        { arn: r.repositoryArn, name: r.repositoryName, tags },
      );
    });
  },
};

function clusterArnsOf(ctx: ScanContext): Promise<string[]> {
  return ctx.once(`ecs:clusters:${ctx.region}`, () =>
    ctx.paginate(async (nextToken) => {
      const out = await ctx.send<ListClustersCommandOutput>(ecs(ctx), new ListClustersCommand({ nextToken }));
      return { items: out.clusterArns, next: out.nextToken };
    }),
  );
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

export const ecsClusterLister: Lister = {
  type: 'aws_ecs_cluster',
  async list(ctx) {
    const arns = await clusterArnsOf(ctx);
    const pages = await mapLimit(chunks(arns, 100), 4, (clusters) =>
      ctx.send<DescribeClustersCommandOutput>(
        ecs(ctx),
        new DescribeClustersCommand({ clusters, include: ['TAGS', 'SETTINGS'] }),
      ),
    );
    return pages
      .flatMap((p) => p.clusters ?? [])
      .filter((c) => c.status !== 'INACTIVE')
      .map((c) => {
        const tags = ecsTags(c.tags);
        return live(
          'aws_ecs_cluster',
          c.clusterName!,
          ctx.region,
          {
            id: c.clusterArn,
            name: c.clusterName,
            arn: c.clusterArn,
            setting: (c.settings ?? []).map((s) => ({ name: s.name, value: s.value })),
            tags,
          },
          { arn: c.clusterArn, name: c.clusterName, tags },
        );
      });
  },
};

export const ecsServiceLister: Lister = {
  type: 'aws_ecs_service',
  async list(ctx) {
    const perCluster = await mapLimit(await clusterArnsOf(ctx), 4, async (cluster) => {
      const arns = await ctx.paginate(async (nextToken) => {
        const out = await ctx.send<ListServicesCommandOutput>(
          ecs(ctx),
          new ListServicesCommand({ cluster, nextToken }),
        );
        return { items: out.serviceArns, next: out.nextToken };
      });
      const pages = await mapLimit(chunks(arns, 10), 4, (services) =>
        ctx.send<DescribeServicesCommandOutput>(
          ecs(ctx),
          new DescribeServicesCommand({ cluster, services, include: ['TAGS'] }),
        ),
      );
      const clusterName = lastSegment(cluster);
      return pages
        .flatMap((p) => p.services ?? [])
        .filter((s) => s.status !== 'INACTIVE')
        .map((s) => {
          const tags = ecsTags(s.tags);
          return live(
            'aws_ecs_service',
            `${clusterName}/${s.serviceName}`,
            ctx.region,
            {
              id: s.serviceArn,
              name: s.serviceName,
              cluster: cluster,
              task_definition: s.taskDefinition,
              desired_count: s.desiredCount ?? 0,
              launch_type: s.launchType ?? '',
              scheduling_strategy: s.schedulingStrategy ?? 'REPLICA',
              network_configuration: s.networkConfiguration?.awsvpcConfiguration
                ? [
                    {
                      subnets: sorted(s.networkConfiguration.awsvpcConfiguration.subnets),
                      security_groups: sorted(s.networkConfiguration.awsvpcConfiguration.securityGroups),
                      assign_public_ip:
                        s.networkConfiguration.awsvpcConfiguration.assignPublicIp === 'ENABLED',
                    },
                  ]
                : [],
              load_balancer: (s.loadBalancers ?? []).map((l) => ({
                target_group_arn: l.targetGroupArn ?? '',
                container_name: l.containerName,
                container_port: l.containerPort,
              })),
              tags,
            },
            { arn: s.serviceArn, name: s.serviceName, tags },
          );
        });
    });
    return perCluster.flat();
  },
};

export const ecsTaskDefinitionLister: Lister = {
  type: 'aws_ecs_task_definition',
  async list(ctx) {
    const arns = await ctx.paginate(async (nextToken) => {
      const out = await ctx.send<ListTaskDefinitionsCommandOutput>(
        ecs(ctx),
        new ListTaskDefinitionsCommand({ nextToken, status: 'ACTIVE' }),
      );
      return { items: out.taskDefinitionArns, next: out.nextToken };
    });
    return mapLimit(arns, 16, async (arn) => {
      const out = await ctx.send<DescribeTaskDefinitionCommandOutput>(
        ecs(ctx),
        new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }),
      );
      const t = out.taskDefinition!;
      const tags = ecsTags(out.tags);
      return live(
        'aws_ecs_task_definition',
        arn,
        ctx.region,
        {
          id: t.family,
          arn,
          family: t.family,
          revision: t.revision,
          cpu: t.cpu ?? '',
          memory: t.memory ?? '',
          network_mode: t.networkMode ?? '',
          requires_compatibilities: sorted(t.requiresCompatibilities),
          execution_role_arn: t.executionRoleArn ?? '',
          task_role_arn: t.taskRoleArn ?? '',
          container_definitions: t.containerDefinitions ?? [],
          tags,
        },
        { arn, name: t.family, tags },
      );
    });
  },
};

async function elbTags(ctx: ScanContext, arns: string[]): Promise<Map<string, Record<string, string>>> {
  const map = new Map<string, Record<string, string>>();
  for (const ResourceArns of chunks(arns, 20)) {
    const out = await ctx.send<DescribeTagsCommandOutput>(
      elb(ctx),
      new DescribeTagsCommand({ ResourceArns }),
    );
    for (const d of out.TagDescriptions ?? []) map.set(d.ResourceArn!, tagMap(d.Tags));
  }
  return map;
}

function loadBalancersOf(ctx: ScanContext): Promise<LoadBalancer[]> {
  return ctx.once(`elb:lbs:${ctx.region}`, () =>
    ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeLoadBalancersCommandOutput>(
        elb(ctx),
        new DescribeLoadBalancersCommand({ Marker }),
      );
      return { items: out.LoadBalancers, next: out.NextMarker };
    }),
  );
}

export const loadBalancerLister: Lister = {
  type: 'aws_lb',
  async list(ctx) {
    const lbs = await loadBalancersOf(ctx);
    const tags = await elbTags(
      ctx,
      lbs.map((l) => l.LoadBalancerArn!),
    );
    return lbs.map((l) => {
      const t = tags.get(l.LoadBalancerArn!) ?? {};
      return live(
        'aws_lb',
        l.LoadBalancerArn!,
        ctx.region,
        {
          id: l.LoadBalancerArn,
          arn: l.LoadBalancerArn,
          name: l.LoadBalancerName,
          load_balancer_type: l.Type ?? 'application',
          internal: l.Scheme === 'internal',
          ip_address_type: l.IpAddressType ?? 'ipv4',
          subnets: sorted((l.AvailabilityZones ?? []).map((z) => z.SubnetId)),
          security_groups: sorted(l.SecurityGroups),
          vpc_id: l.VpcId,
          dns_name: l.DNSName,
          tags: t,
        },
        { arn: l.LoadBalancerArn, name: l.LoadBalancerName, tags: t },
      );
    });
  },
};

export const targetGroupLister: Lister = {
  type: 'aws_lb_target_group',
  async list(ctx) {
    const groups = await ctx.paginate(async (Marker) => {
      const out = await ctx.send<DescribeTargetGroupsCommandOutput>(
        elb(ctx),
        new DescribeTargetGroupsCommand({ Marker }),
      );
      return { items: out.TargetGroups, next: out.NextMarker };
    });
    const tags = await elbTags(
      ctx,
      groups.map((g) => g.TargetGroupArn!),
    );
    return groups.map((g) => {
      const t = tags.get(g.TargetGroupArn!) ?? {};
      return live(
        'aws_lb_target_group',
        g.TargetGroupArn!,
        ctx.region,
        {
          id: g.TargetGroupArn,
          arn: g.TargetGroupArn,
          name: g.TargetGroupName,
          port: g.Port,
          protocol: g.Protocol,
          target_type: g.TargetType ?? 'instance',
          vpc_id: g.VpcId,
          health_check: {
            enabled: g.HealthCheckEnabled ?? true,
            path: g.HealthCheckPath ?? '',
            port: g.HealthCheckPort ?? 'traffic-port',
            protocol: g.HealthCheckProtocol ?? '',
            interval: g.HealthCheckIntervalSeconds,
            timeout: g.HealthCheckTimeoutSeconds,
            healthy_threshold: g.HealthyThresholdCount,
            unhealthy_threshold: g.UnhealthyThresholdCount,
            matcher: g.Matcher?.HttpCode ?? g.Matcher?.GrpcCode ?? '',
          },
          load_balancer_arns: sorted(g.LoadBalancerArns),
          tags: t,
        },
        { arn: g.TargetGroupArn, name: g.TargetGroupName, tags: t },
      );
    });
  },
};

export const listenerLister: Lister = {
  type: 'aws_lb_listener',
  async list(ctx) {
    const perLb = await mapLimit(await loadBalancersOf(ctx), 4, (l) =>
      ctx.paginate(async (Marker) => {
        const out = await ctx.send<DescribeListenersCommandOutput>(
          elb(ctx),
          new DescribeListenersCommand({ LoadBalancerArn: l.LoadBalancerArn, Marker }),
        );
        return { items: out.Listeners, next: out.NextMarker };
      }),
    );
    return perLb.flat().map((l) =>
      live('aws_lb_listener', l.ListenerArn!, ctx.region, {
        id: l.ListenerArn,
        arn: l.ListenerArn,
        load_balancer_arn: l.LoadBalancerArn,
        port: l.Port,
        protocol: l.Protocol,
        ssl_policy: l.SslPolicy ?? '',
        certificate_arn: l.Certificates?.[0]?.CertificateArn ?? '',
        // Actions come in evaluation order; the provider numbers them from 1 when AWS leaves Order out.
        default_action: (l.DefaultActions ?? []).map((a, i) => ({
          type: a.Type,
          target_group_arn: a.TargetGroupArn ?? '',
          order: a.Order ?? i + 1,
        })),
      }),
    );
  },
};

function zonesOf(ctx: ScanContext): Promise<HostedZone[]> {
  return ctx.once('route53:zones', () =>
    ctx.paginate(async (Marker) => {
      const out = await ctx.send<ListHostedZonesCommandOutput>(
        r53(ctx),
        new ListHostedZonesCommand({ Marker }),
      );
      return { items: out.HostedZones, next: out.IsTruncated ? out.NextMarker : undefined };
    }),
  );
}

const zoneId = (id: string | undefined): string => (id ?? '').replace(/^\/hostedzone\//, '');
const withoutDot = (name: string | undefined): string => (name ?? '').replace(/\.$/, '');

export const zoneLister: Lister = {
  type: 'aws_route53_zone',
  global: true,
  async list(ctx) {
    return mapLimit(await zonesOf(ctx), 8, async (z) => {
      const id = zoneId(z.Id);
      const out = await ctx.send<ListZoneTagsOutput>(
        r53(ctx),
        new ListZoneTagsCommand({ ResourceType: 'hostedzone', ResourceId: id }),
      );
      const tags = tagMap(out.ResourceTagSet?.Tags);
      const name = withoutDot(z.Name);
      return live(
        'aws_route53_zone',
        id,
        'global',
        {
          id,
          zone_id: id,
          name,
          comment: z.Config?.Comment ?? '',
          private_zone: z.Config?.PrivateZone ?? false,
          tags,
        },
        { name, tags },
      );
    });
  },
};

export const recordLister: Lister = {
  type: 'aws_route53_record',
  global: true,
  async list(ctx) {
    const perZone = await mapLimit(await zonesOf(ctx), 4, async (z) => {
      const id = zoneId(z.Id);
      const apex = withoutDot(z.Name);
      const records = [];
      let start: { name?: string; type?: string; identifier?: string } | undefined = {};
      while (start) {
        const out: ListResourceRecordSetsCommandOutput = await ctx.send<ListResourceRecordSetsCommandOutput>(
          r53(ctx),
          new ListResourceRecordSetsCommand({
            HostedZoneId: id,
            StartRecordName: start.name,
            StartRecordType: start.type as never,
            StartRecordIdentifier: start.identifier,
          }),
        );
        records.push(...(out.ResourceRecordSets ?? []));
        start = out.IsTruncated
          ? { name: out.NextRecordName, type: out.NextRecordType, identifier: out.NextRecordIdentifier }
          : undefined;
      }
      return records
        .filter((r) => !(withoutDot(r.Name) === apex && (r.Type === 'NS' || r.Type === 'SOA')))
        .map((r) => {
          const name = withoutDot(r.Name);
          const importId = [id, name, r.Type, r.SetIdentifier].filter(Boolean).join('_');
          return live(
            'aws_route53_record',
            importId,
            'global',
            {
              id: importId,
              zone_id: id,
              name,
              type: r.Type,
              ttl: r.TTL ?? null,
              records: sorted((r.ResourceRecords ?? []).map((v) => v.Value)),
              set_identifier: r.SetIdentifier ?? '',
              alias: r.AliasTarget
                ? [
                    {
                      name: withoutDot(r.AliasTarget.DNSName),
                      zone_id: r.AliasTarget.HostedZoneId,
                      evaluate_target_health: r.AliasTarget.EvaluateTargetHealth ?? false,
                    },
                  ]
                : [],
            },
            { name },
          );
        });
    });
    return perZone.flat();
  },
};

export const computeListers: Lister[] = [
  loadBalancerLister,
  targetGroupLister,
  listenerLister,
  ecrRepositoryLister,
  ecsClusterLister,
  ecsServiceLister,
  ecsTaskDefinitionLister,
  zoneLister,
  recordLister,
];
