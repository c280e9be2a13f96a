import {
  DescribeAddressesCommand,
  type DescribeAddressesCommandOutput,
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  DescribeInternetGatewaysCommand,
  type DescribeInternetGatewaysCommandOutput,
  DescribeKeyPairsCommand,
  type DescribeKeyPairsCommandOutput,
  DescribeLaunchTemplatesCommand,
  type DescribeLaunchTemplatesCommandOutput,
  DescribeNatGatewaysCommand,
  type DescribeNatGatewaysCommandOutput,
  DescribeNetworkAclsCommand,
  type DescribeNetworkAclsCommandOutput,
  DescribeRouteTablesCommand,
  type DescribeRouteTablesCommandOutput,
  DescribeSecurityGroupRulesCommand,
  type DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsCommandOutput,
  DescribeSubnetsCommand,
  type DescribeSubnetsCommandOutput,
  DescribeVpcAttributeCommand,
  type DescribeVpcAttributeCommandOutput,
  DescribeVpcEndpointsCommand,
  type DescribeVpcEndpointsCommandOutput,
  DescribeVpcsCommand,
  type DescribeVpcsCommandOutput,
  EC2Client,
  type IpPermission,
  type RouteTable,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { type Lister, type ScanContext, live, parsePolicy, sortSet, sorted, tagMap } from './context';

const ec2 = (ctx: ScanContext): EC2Client => ctx.client(EC2Client, 'ec2');

function vpcsOf(ctx: ScanContext): Promise<NonNullable<DescribeVpcsCommandOutput['Vpcs']>> {
  return ctx.once(`vpcs:${ctx.region}`, () =>
    ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeVpcsCommandOutput>(ec2(ctx), new DescribeVpcsCommand({ NextToken }));
      return { items: out.Vpcs, next: out.NextToken };
    }),
  );
}

function securityGroupsOf(ctx: ScanContext): Promise<SecurityGroup[]> {
  return ctx.once(`sgs:${ctx.region}`, () =>
    ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeSecurityGroupsCommandOutput>(
        ec2(ctx),
        new DescribeSecurityGroupsCommand({ NextToken }),
      );
      return { items: out.SecurityGroups, next: out.NextToken };
    }),
  );
}

function routeTablesOf(ctx: ScanContext): Promise<RouteTable[]> {
  return ctx.once(`rtbs:${ctx.region}`, () =>
    ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeRouteTablesCommandOutput>(
        ec2(ctx),
        new DescribeRouteTablesCommand({ NextToken }),
      );
      return { items: out.RouteTables, next: out.NextToken };
    }),
  );
}

/** The default VPC and the pieces AWS creates by itself are Terraform's aws_default_* types: not listed here. */
const isMainTable = (t: RouteTable): boolean => (t.Associations ?? []).some((a) => a.Main);

export const vpcLister: Lister = {
  type: 'aws_vpc',
  async list(ctx) {
    const vpcs = (await vpcsOf(ctx)).filter((v) => !v.IsDefault);
    return Promise.all(
      vpcs.map(async (v) => {
        const attr = async (
          Attribute: 'enableDnsHostnames' | 'enableDnsSupport',
        ): Promise<boolean | undefined> => {
          const out = await ctx.send<DescribeVpcAttributeCommandOutput>(
            ec2(ctx),
            new DescribeVpcAttributeCommand({ VpcId: v.VpcId, Attribute }),
          );
          return Attribute === 'enableDnsHostnames'
            ? out.EnableDnsHostnames?.Value
            : out.EnableDnsSupport?.Value;
        };
        const [hostnames, support] = await Promise.all([
          attr('enableDnsHostnames'),
          attr('enableDnsSupport'),
        ]);
        const tags = tagMap(v.Tags);
        const ipv6 = (v.Ipv6CidrBlockAssociationSet ?? []).find(
          (a) => a.Ipv6CidrBlockState?.State === 'associated',
        );
        return live(
          'aws_vpc',
          v.VpcId!,
          ctx.region,
          {
            id: v.VpcId,
            cidr_block: v.CidrBlock,
            instance_tenancy: v.InstanceTenancy ?? 'default',
            enable_dns_hostnames: hostnames ?? false,
            enable_dns_support: support ?? true,
            ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
            owner_id: v.OwnerId,
            tags,
          },
          { tags },
        );
      }),
    );
  },
};

export const subnetLister: Lister = {
  type: 'aws_subnet',
  async list(ctx) {
    const subnets = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeSubnetsCommandOutput>(
        ec2(ctx),
        new DescribeSubnetsCommand({ NextToken }),
      );
      return { items: out.Subnets, next: out.NextToken };
    });
    return subnets
      .filter((s) => !s.DefaultForAz)
      .map((s) => {
        const tags = tagMap(s.Tags);
        const ipv6 = (s.Ipv6CidrBlockAssociationSet ?? []).find(
          (a) => a.Ipv6CidrBlockState?.State === 'associated',
        );
        return live(
          'aws_subnet',
          s.SubnetId!,
          ctx.region,
          {
            id: s.SubnetId,
            vpc_id: s.VpcId,
            cidr_block: s.CidrBlock,
            availability_zone: s.AvailabilityZone,
            availability_zone_id: s.AvailabilityZoneId,
            map_public_ip_on_launch: s.MapPublicIpOnLaunch ?? false,
            assign_ipv6_address_on_creation: s.AssignIpv6AddressOnCreation ?? false,
            ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
            tags,
          },
          { arn: s.SubnetArn, tags },
        );
      });
  },
};

export const routeTableLister: Lister = {
  type: 'aws_route_table',
  async list(ctx) {
    const tables = (await routeTablesOf(ctx)).filter((t) => !isMainTable(t));
    return tables.map((t) => {
      const tags = tagMap(t.Tags);
      const routes = (t.Routes ?? [])
        .filter((r) => r.GatewayId !== 'local' && r.Origin !== 'EnableVgwRoutePropagation')
        .map((r) => ({
          cidr_block: r.DestinationCidrBlock ?? '',
          ipv6_cidr_block: r.DestinationIpv6CidrBlock ?? '',
          destination_prefix_list_id: r.DestinationPrefixListId ?? '',
          gateway_id: r.GatewayId ?? '',
          nat_gateway_id: r.NatGatewayId ?? '',
          network_interface_id: r.NetworkInterfaceId ?? '',
          transit_gateway_id: r.TransitGatewayId ?? '',
          vpc_endpoint_id: '',
          vpc_peering_connection_id: r.VpcPeeringConnectionId ?? '',
          egress_only_gateway_id: r.EgressOnlyInternetGatewayId ?? '',
        }));
      return live(
        'aws_route_table',
        t.RouteTableId!,
        ctx.region,
        {
          id: t.RouteTableId,
          vpc_id: t.VpcId,
          route: sortSet(routes),
          propagating_vgws: sorted((t.PropagatingVgws ?? []).map((v) => v.GatewayId)),
          owner_id: t.OwnerId,
          tags,
        },
        { tags },
      );
    });
  },
};

export const routeTableAssociationLister: Lister = {
  type: 'aws_route_table_association',
  async list(ctx) {
    const out = [];
    for (const t of await routeTablesOf(ctx)) {
      for (const a of t.Associations ?? []) {
        if (a.Main || (!a.SubnetId && !a.GatewayId)) continue;
        const target = a.SubnetId ?? a.GatewayId!;
        out.push(
          live('aws_route_table_association', `${target}/${t.RouteTableId}`, ctx.region, {
            id: a.RouteTableAssociationId,
            route_table_id: t.RouteTableId,
            subnet_id: a.SubnetId ?? '',
            gateway_id: a.GatewayId ?? '',
          }),
        );
      }
    }
    return out;
  },
};

export const internetGatewayLister: Lister = {
  type: 'aws_internet_gateway',
  async list(ctx) {
    const defaults = new Set((await vpcsOf(ctx)).filter((v) => v.IsDefault).map((v) => v.VpcId));
    const igws = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeInternetGatewaysCommandOutput>(
        ec2(ctx),
        new DescribeInternetGatewaysCommand({ NextToken }),
      );
      return { items: out.InternetGateways, next: out.NextToken };
    });
    return igws
      .filter((g) => !(g.Attachments ?? []).some((a) => defaults.has(a.VpcId)))
      .map((g) => {
        const tags = tagMap(g.Tags);
        return live(
          'aws_internet_gateway',
          g.InternetGatewayId!,
          ctx.region,
          { id: g.InternetGatewayId, vpc_id: g.Attachments?.[0]?.VpcId ?? '', owner_id: g.OwnerId, tags },
          { tags },
        );
      });
  },
};

export const natGatewayLister: Lister = {
  type: 'aws_nat_gateway',
  async list(ctx) {
    const nats = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeNatGatewaysCommandOutput>(
        ec2(ctx),
        new DescribeNatGatewaysCommand({ NextToken }),
      );
      return { items: out.NatGateways, next: out.NextToken };
    });
    return nats
      .filter((n) => n.State !== 'deleted' && n.State !== 'deleting')
      .map((n) => {
        const tags = tagMap(n.Tags);
        const address = n.NatGatewayAddresses?.[0];
        return live(
          'aws_nat_gateway',
          n.NatGatewayId!,
          ctx.region,
          {
            id: n.NatGatewayId,
            allocation_id: address?.AllocationId ?? '',
            subnet_id: n.SubnetId,
            connectivity_type: n.ConnectivityType ?? 'public',
            private_ip: address?.PrivateIp ?? '',
            public_ip: address?.PublicIp ?? '',
            tags,
          },
          { tags },
        );
      });
  },
};

export const eipLister: Lister = {
  type: 'aws_eip',
  async list(ctx) {
    const out = await ctx.send<DescribeAddressesCommandOutput>(ec2(ctx), new DescribeAddressesCommand({}));
    return (out.Addresses ?? []).map((a) => {
      const tags = tagMap(a.Tags);
      return live(
        'aws_eip',
        a.AllocationId ?? a.PublicIp!,
        ctx.region,
        {
          id: a.AllocationId,
          allocation_id: a.AllocationId,
          domain: a.Domain ?? 'vpc',
          public_ip: a.PublicIp,
          private_ip: a.PrivateIpAddress ?? '',
          instance: a.InstanceId ?? '',
          network_interface: a.NetworkInterfaceId ?? '',
          association_id: a.AssociationId ?? '',
          tags,
        },
        { tags },
      );
    });
  },
};

/** One aws_security_group ingress/egress block per permission (and description), as the provider flattens. */
function sgRules(groupId: string, perms: IpPermission[] | undefined): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  for (const p of perms ?? []) {
    const protocol = p.IpProtocol === '-1' ? '-1' : (p.IpProtocol ?? '-1');
    const base = {
      from_port: p.FromPort ?? 0,
      to_port: p.ToPort ?? 0,
      protocol,
    };
    // Group the sources of one permission by description: each description is its own rule block.
    const byDescription = new Map<
      string,
      { cidr: string[]; ipv6: string[]; prefix: string[]; groups: string[]; self: boolean }
    >();
    const slot = (d: string | undefined) => {
      const key = d ?? '';
      let s = byDescription.get(key);
      if (!s) byDescription.set(key, (s = { cidr: [], ipv6: [], prefix: [], groups: [], self: false }));
      return s;
    };
    for (const r of p.IpRanges ?? []) slot(r.Description).cidr.push(r.CidrIp!);
    for (const r of p.Ipv6Ranges ?? []) slot(r.Description).ipv6.push(r.CidrIpv6!);
    for (const r of p.PrefixListIds ?? []) slot(r.Description).prefix.push(r.PrefixListId!);
    for (const r of p.UserIdGroupPairs ?? []) {
      if (r.GroupId === groupId) slot(r.Description).self = true;
      else slot(r.Description).groups.push(r.GroupId!);
    }
    if (byDescription.size === 0) slot(undefined);
    for (const [description, s] of byDescription) {
      rules.push({
        ...base,
        cidr_blocks: sorted(s.cidr),
        ipv6_cidr_blocks: sorted(s.ipv6),
        prefix_list_ids: sorted(s.prefix),
        security_groups: sorted(s.groups),
        self: s.self,
        description,
      });
    }
  }
  return sortSet(rules);
}

export const securityGroupLister: Lister = {
  type: 'aws_security_group',
  async list(ctx) {
    return (await securityGroupsOf(ctx))
      .filter((g) => g.GroupName !== 'default')
      .map((g) => {
        const tags = tagMap(g.Tags);
        return live(
          'aws_security_group',
          g.GroupId!,
          ctx.region,
          {
            id: g.GroupId,
            name: g.GroupName,
            description: g.Description,
            vpc_id: g.VpcId ?? '',
            ingress: sgRules(g.GroupId!, g.IpPermissions),
            egress: sgRules(g.GroupId!, g.IpPermissionsEgress),
            owner_id: g.OwnerId,
            tags,
          },
          { arn: g.SecurityGroupArn, name: g.GroupName, tags },
        );
      });
  },
};

function ruleLister(
  type: 'aws_vpc_security_group_ingress_rule' | 'aws_vpc_security_group_egress_rule',
): Lister {
  const egress = type === 'aws_vpc_security_group_egress_rule';
  return {
    type,
    async list(ctx) {
      const rules = await ctx.paginate(async (NextToken) => {
        const out = await ctx.send<DescribeSecurityGroupRulesCommandOutput>(
          ec2(ctx),
          new DescribeSecurityGroupRulesCommand({ NextToken }),
        );
        return { items: out.SecurityGroupRules, next: out.NextToken };
      });
      const defaults = new Set(
        (await securityGroupsOf(ctx)).filter((g) => g.GroupName === 'default').map((g) => g.GroupId),
      );
      return rules
        .filter((r) => Boolean(r.IsEgress) === egress && !defaults.has(r.GroupId))
        .map((r) => {
          const tags = tagMap(r.Tags);
          const allProtocols = r.IpProtocol === '-1';
          return live(
            type,
            r.SecurityGroupRuleId!,
            ctx.region,
            {
              id: r.SecurityGroupRuleId,
              security_group_rule_id: r.SecurityGroupRuleId,
              security_group_id: r.GroupId,
              ip_protocol: r.IpProtocol,
              from_port: allProtocols ? null : (r.FromPort ?? null),
              to_port: allProtocols ? null : (r.ToPort ?? null),
              cidr_ipv4: r.CidrIpv4 ?? null,
              cidr_ipv6: r.CidrIpv6 ?? null,
              prefix_list_id: r.PrefixListId ?? null,
              referenced_security_group_id: r.ReferencedGroupInfo?.GroupId ?? null,
              description: r.Description ?? null,
              tags,
            },
            { arn: r.SecurityGroupRuleArn, tags },
          );
        });
    },
  };
}

export const sgIngressRuleLister = ruleLister('aws_vpc_security_group_ingress_rule');
export const sgEgressRuleLister = ruleLister('aws_vpc_security_group_egress_rule');

export const networkAclLister: Lister = {
  type: 'aws_network_acl',
  async list(ctx) {
    const acls = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeNetworkAclsCommandOutput>(
        ec2(ctx),
        new DescribeNetworkAclsCommand({ NextToken }),
      );
      return { items: out.NetworkAcls, next: out.NextToken };
    });
    return acls
      .filter((a) => !a.IsDefault)
      .map((a) => {
        const tags = tagMap(a.Tags);
        const rules = (egress: boolean) =>
          sortSet(
            (a.Entries ?? [])
              .filter((e) => Boolean(e.Egress) === egress && e.RuleNumber !== 32767)
              .map((e) => ({
                rule_no: e.RuleNumber,
                action: e.RuleAction,
                protocol: e.Protocol === '-1' ? '-1' : e.Protocol,
                cidr_block: e.CidrBlock ?? '',
                ipv6_cidr_block: e.Ipv6CidrBlock ?? '',
                from_port: e.PortRange?.From ?? 0,
                to_port: e.PortRange?.To ?? 0,
                icmp_code: e.IcmpTypeCode?.Code ?? 0,
                icmp_type: e.IcmpTypeCode?.Type ?? 0,
              })),
          );
        return live(
          'aws_network_acl',
          a.NetworkAclId!,
          ctx.region,
          {
            id: a.NetworkAclId,
            vpc_id: a.VpcId,
            subnet_ids: sorted((a.Associations ?? []).map((s) => s.SubnetId)),
            ingress: rules(false),
            egress: rules(true),
            owner_id: a.OwnerId,
            tags,
          },
          { tags },
        );
      });
  },
};

export const vpcEndpointLister: Lister = {
  type: 'aws_vpc_endpoint',
  async list(ctx) {
    const eps = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeVpcEndpointsCommandOutput>(
        ec2(ctx),
        new DescribeVpcEndpointsCommand({ NextToken }),
      );
      return { items: out.VpcEndpoints, next: out.NextToken };
    });
    return eps
      .filter((e) => e.State?.toLowerCase() !== 'deleted')
      .map((e) => {
        const tags = tagMap(e.Tags);
        return live(
          'aws_vpc_endpoint',
          e.VpcEndpointId!,
          ctx.region,
          {
            id: e.VpcEndpointId,
            vpc_id: e.VpcId,
            service_name: e.ServiceName,
            vpc_endpoint_type: e.VpcEndpointType ?? 'Gateway',
            route_table_ids: sorted(e.RouteTableIds),
            subnet_ids: sorted(e.SubnetIds),
            security_group_ids: sorted((e.Groups ?? []).map((g) => g.GroupId)),
            private_dns_enabled: e.PrivateDnsEnabled ?? false,
            policy: parsePolicy(e.PolicyDocument),
            tags,
          },
          { tags },
        );
      });
  },
};

export const instanceLister: Lister = {
  type: 'aws_instance',
  async list(ctx) {
    const reservations = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeInstancesCommandOutput>(
        ec2(ctx),
        new DescribeInstancesCommand({ NextToken, MaxResults: 1000 }),
      );
      return { items: out.Reservations, next: out.NextToken };
    });
    return reservations
      .flatMap((r) => r.Instances ?? [])
      .filter((i) => i.State?.Name !== 'terminated' && i.State?.Name !== 'shutting-down')
      .map((i) => {
        const tags = tagMap(i.Tags);
        const profileArn = i.IamInstanceProfile?.Arn;
        return live(
          'aws_instance',
          i.InstanceId!,
          ctx.region,
          {
            id: i.InstanceId,
            ami: i.ImageId,
            instance_type: i.InstanceType,
            subnet_id: i.SubnetId ?? '',
            vpc_security_group_ids: sorted((i.SecurityGroups ?? []).map((g) => g.GroupId)),
            key_name: i.KeyName ?? '',
            availability_zone: i.Placement?.AvailabilityZone,
            tenancy: i.Placement?.Tenancy ?? 'default',
            private_ip: i.PrivateIpAddress ?? '',
            public_ip: i.PublicIpAddress ?? '',
            associate_public_ip_address: Boolean(i.PublicIpAddress),
            iam_instance_profile: profileArn ? profileArn.slice(profileArn.lastIndexOf('/') + 1) : '',
            ebs_optimized: i.EbsOptimized ?? false,
            monitoring: i.Monitoring?.State === 'enabled' || i.Monitoring?.State === 'pending',
            source_dest_check: i.SourceDestCheck ?? true,
            instance_state: i.State?.Name,
            metadata_options: {
              http_endpoint: i.MetadataOptions?.HttpEndpoint ?? 'enabled',
              http_tokens: i.MetadataOptions?.HttpTokens ?? 'optional',
              http_put_response_hop_limit: i.MetadataOptions?.HttpPutResponseHopLimit ?? 1,
              instance_metadata_tags: i.MetadataOptions?.InstanceMetadataTags ?? 'disabled',
            },
            tags,
          },
          { tags },
        );
      });
  },
};

export const launchTemplateLister: Lister = {
  type: 'aws_launch_template',
  async list(ctx) {
    const lts = await ctx.paginate(async (NextToken) => {
      const out = await ctx.send<DescribeLaunchTemplatesCommandOutput>(
        ec2(ctx),
        new DescribeLaunchTemplatesCommand({ NextToken }),
      );
      return { items: out.LaunchTemplates, next: out.NextToken };
    });
    return lts.map((t) => {
      const tags = tagMap(t.Tags);
      return live(
        'aws_launch_template',
        t.LaunchTemplateId!,
        ctx.region,
        {
          id: t.LaunchTemplateId,
          name: t.LaunchTemplateName,
          default_version: t.DefaultVersionNumber,
          latest_version: t.LatestVersionNumber,
          tags,
        },
        { name: t.LaunchTemplateName, tags },
      );
    });
  },
};

export const keyPairLister: Lister = {
  type: 'aws_key_pair',
  async list(ctx) {
    const out = await ctx.send<DescribeKeyPairsCommandOutput>(ec2(ctx), new DescribeKeyPairsCommand({}));
    return (out.KeyPairs ?? []).map((k) => {
      const tags = tagMap(k.Tags);
      return live(
        'aws_key_pair',
        k.KeyName!,
        ctx.region,
        {
          id: k.KeyName,
          key_name: k.KeyName,
          key_pair_id: k.KeyPairId,
          key_type: k.KeyType ?? 'rsa',
          fingerprint: k.KeyFingerprint,
          tags,
        },
        { name: k.KeyName, tags },
      );
    });
  },
};

export const ec2Listers: Lister[] = [
  vpcLister,
  subnetLister,
  routeTableLister,
  routeTableAssociationLister,
  internetGatewayLister,
  natGatewayLister,
  eipLister,
  securityGroupLister,
  sgIngressRuleLister,
  sgEgressRuleLister,
  networkAclLister,
  vpcEndpointLister,
  instanceLister,
  launchTemplateLister,
  keyPairLister,
];
