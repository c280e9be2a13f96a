import type { NetworkComponent } from '../plan';
import type { RenderContext } from './context';
import { block, ref, tpl } from './hcl';

const F = 'network';

/** VPC, public and private subnets over the profile's zones, internet and NAT gateways, flow logs. */
export function renderNetwork(ctx: RenderContext, net: NetworkComponent): void {
  // Pin the zones by name: the set never grows silently when AWS adds a zone.
  const letters = ['a', 'b', 'c', 'd', 'e', 'f'].slice(0, net.azCount);
  const azs = ctx.data(F, 'aws_availability_zones', 'available', {
    state: 'available',
    filter: block({
      name: 'zone-name',
      values: ref(
        `[for letter in ${JSON.stringify(letters).replace(/,/g, ', ')} : "\${${ctx.region()}}\${letter}"]`,
      ),
    }),
  });
  const zones = ctx.local('azs', ref(`slice(${azs}.names, 0, ${net.azCount})`));
  const vpc = ctx.resource(F, 'aws_vpc', net.id, {
    cidr_block: net.cidr,
    enable_dns_support: true,
    enable_dns_hostnames: true,
    tags: { Name: ctx.name('vpc') },
  });
  // The default security group of the VPC allows nothing: every workload gets its own group.
  ctx.resource(F, 'aws_default_security_group', 'default', {
    vpc_id: ref(`${vpc}.id`),
    tags: { Name: ctx.name('default-deny') },
  });

  let publicSubnet: string | undefined;
  let privateSubnet: string | undefined;
  if (net.publicSubnets) {
    publicSubnet = ctx.resource(F, 'aws_subnet', 'public', {
      count: net.azCount,
      vpc_id: ref(`${vpc}.id`),
      cidr_block: ref(`cidrsubnet(${vpc}.cidr_block, 8, count.index)`),
      availability_zone: ref(`${zones.text}[count.index]`),
      map_public_ip_on_launch: false,
      tags: { Name: tpl(`${ctx.nameText('public')}-\${${zones.text}[count.index]}`), Tier: 'public' },
    });
    const igw = ctx.resource(F, 'aws_internet_gateway', net.id, {
      vpc_id: ref(`${vpc}.id`),
      tags: { Name: ctx.name('igw') },
    });
    const rt = ctx.resource(F, 'aws_route_table', 'public', {
      vpc_id: ref(`${vpc}.id`),
      tags: { Name: ctx.name('public') },
    });
    ctx.resource(F, 'aws_route', 'public_internet', {
      route_table_id: ref(`${rt}.id`),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref(`${igw}.id`),
    });
    ctx.resource(F, 'aws_route_table_association', 'public', {
      count: net.azCount,
      subnet_id: ref(`${publicSubnet}[count.index].id`),
      route_table_id: ref(`${rt}.id`),
    });
  }
  const routeTables: string[] = [];
  if (net.privateSubnets) {
    privateSubnet = ctx.resource(F, 'aws_subnet', 'private', {
      count: net.azCount,
      vpc_id: ref(`${vpc}.id`),
      cidr_block: ref(`cidrsubnet(${vpc}.cidr_block, 8, count.index + 10)`),
      availability_zone: ref(`${zones.text}[count.index]`),
      tags: { Name: tpl(`${ctx.nameText('private')}-\${${zones.text}[count.index]}`), Tier: 'private' },
    });
    const natCount = net.nat === 'none' || !publicSubnet ? 0 : net.nat === 'perAz' ? net.azCount : 1;
    const rt = ctx.resource(F, 'aws_route_table', 'private', {
      count: net.azCount,
      vpc_id: ref(`${vpc}.id`),
      tags: { Name: tpl(`${ctx.nameText('private')}-\${${zones.text}[count.index]}`) },
    });
    routeTables.push(`${rt}[*].id`);
    if (natCount > 0) {
      const eip = ctx.resource(F, 'aws_eip', 'nat', {
        count: natCount,
        domain: 'vpc',
        tags: { Name: tpl(`${ctx.nameText('nat')}-\${count.index}`) },
      });
      const nat = ctx.resource(F, 'aws_nat_gateway', net.id, {
        count: natCount,
        allocation_id: ref(`${eip}[count.index].id`),
        subnet_id: ref(`${publicSubnet}[count.index].id`),
        tags: { Name: tpl(`${ctx.nameText('nat')}-\${count.index}`) },
      });
      ctx.resource(F, 'aws_route', 'private_nat', {
        count: net.azCount,
        route_table_id: ref(`${rt}[count.index].id`),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref(natCount === 1 ? `${nat}[0].id` : `${nat}[count.index].id`),
      });
    }
    ctx.resource(F, 'aws_route_table_association', 'private', {
      count: net.azCount,
      subnet_id: ref(`${privateSubnet}[count.index].id`),
      route_table_id: ref(`${rt}[count.index].id`),
    });
    // Gateway endpoints keep S3 and DynamoDB traffic off the NAT gateways, at no cost.
    for (const service of ['s3', 'dynamodb']) {
      ctx.resource(F, 'aws_vpc_endpoint', service, {
        vpc_id: ref(`${vpc}.id`),
        service_name: tpl(`com.amazonaws.\${${ctx.region()}}.${service}`),
        vpc_endpoint_type: 'Gateway',
        route_table_ids: ref(`${rt}[*].id`),
        tags: { Name: ctx.name(`${service}-endpoint`) },
      });
    }
  }

  if (net.flowLogs) {
    const group = ctx.logGroup(F, 'flow_logs', tpl(`/aws/vpc/${ctx.nameText('flow-logs')}`));
    const role = ctx.serviceRole(
      F,
      'flow_logs',
      'vpc-flow-logs.amazonaws.com',
      'Lets VPC flow logs write to CloudWatch Logs.',
    );
    ctx.rolePolicy(F, 'flow_logs', role, [
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [ref(`${group}.arn`), tpl(`\${${group}.arn}:*`)],
      },
    ]);
    ctx.resource(F, 'aws_flow_log', net.id, {
      vpc_id: ref(`${vpc}.id`),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: ref(`${group}.arn`),
      iam_role_arn: ref(`${role}.arn`),
      max_aggregation_interval: 60,
    });
  }

  const priv = privateSubnet ?? publicSubnet!;
  const pub = publicSubnet ?? privateSubnet!;
  ctx.setNetwork({
    vpcId: ref(`${vpc}.id`),
    vpcCidr: ref(`${vpc}.cidr_block`),
    privateSubnetIds: ref(`${priv}[*].id`),
    publicSubnetIds: ref(`${pub}[*].id`),
    reused: false,
  });
  ctx.output('vpc_id', ref(`${vpc}.id`), 'ID of the VPC.');
  if (privateSubnet)
    ctx.output('private_subnet_ids', ref(`${privateSubnet}[*].id`), 'IDs of the private subnets.');
  if (publicSubnet)
    ctx.output('public_subnet_ids', ref(`${publicSubnet}[*].id`), 'IDs of the public subnets.');
}
