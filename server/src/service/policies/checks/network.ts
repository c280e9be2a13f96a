// Security group ingress open to the whole internet: inline `ingress` blocks, aws_security_group_rule and
// aws_vpc_security_group_ingress_rule.
import type { Attribute, Block } from '../../model/types';
import { asNumber, asString, attribute, nestedBlocks, strings, type Stack } from '../stack';
import type { CheckContext, PolicyCheck, PolicyFix, StackBlock } from '../types';

const WORLD = new Set(['0.0.0.0/0', '::/0', '0000:0000:0000:0000:0000:0000:0000:0000/0']);

interface IngressRule {
  /** The argument that names the world-wide source range. */
  source: Attribute;
  cidr: string;
  /** Inclusive port range; [0, 65535] for all traffic; undefined when not known statically. */
  ports?: [number, number];
}

function portRange(stack: Stack, block: Block, protocolName: string): [number, number] | undefined {
  const protocol = asString(stack.value(attribute(block, protocolName)))?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return [0, 65535];
  const from = asNumber(stack.value(attribute(block, 'from_port')));
  const to = asNumber(stack.value(attribute(block, 'to_port')));
  if (from === undefined || to === undefined) return undefined;
  if (from === 0 && to === 0) return [0, 65535];
  return [Math.min(from, to), Math.max(from, to)];
}

function worldSource(
  stack: Stack,
  block: Block,
  names: string[],
): { source: Attribute; cidr: string } | undefined {
  for (const name of names) {
    const a = attribute(block, name);
    const cidr = strings(stack.value(a)).find((c) => WORLD.has(c));
    if (a && cidr) return { source: a, cidr };
  }
  return undefined;
}

/** Ingress rules of a resource that admit traffic from anywhere. */
function worldIngress(stack: Stack, sb: StackBlock): IngressRule[] {
  const rules: IngressRule[] = [];
  const add = (block: Block, sourceNames: string[], protocolName: string) => {
    const world = worldSource(stack, block, sourceNames);
    if (world) rules.push({ ...world, ports: portRange(stack, block, protocolName) });
  };
  switch (sb.type) {
    case 'aws_security_group':
      for (const ingress of nestedBlocks(sb.block, 'ingress'))
        add(ingress, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol');
      break;
    case 'aws_security_group_rule':
      if (asString(stack.value(attribute(sb.block, 'type'))) === 'ingress')
        add(sb.block, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol');
      break;
    case 'aws_vpc_security_group_ingress_rule':
      add(sb.block, ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol');
      break;
  }
  return rules;
}

const ALL_PORTS = (r: IngressRule) => !!r.ports && r.ports[0] <= 0 && r.ports[1] >= 65535;
const TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

function openPortCheck(
  id: string,
  checkov: string | undefined,
  ports: number[],
  title: string,
  what: string,
  advice: string,
): PolicyCheck {
  return {
    id,
    title,
    severity: 'critical',
    checkov: checkov ? [checkov] : [],
    types: TYPES,
    check(sb: StackBlock, ctx: CheckContext) {
      for (const rule of worldIngress(ctx.stack, sb)) {
        // A rule open on every port is reported once, by OPS-NET-005.
        if (!rule.ports || ALL_PORTS(rule)) continue;
        const port = ports.find((p) => rule.ports![0] <= p && p <= rule.ports![1]);
        if (port === undefined) continue;
        ctx.fail({
          at: rule.source,
          message: `${sb.address} allows ${what} (port ${port}) from ${rule.cidr}, the whole internet. ${advice}`,
        });
      }
    },
  };
}

/** Ports of database and cache engines that must never face the internet. */
export const DATABASE_PORTS = [
  1433, 1521, 2483, 2484, 3306, 5432, 5439, 6379, 7000, 7001, 8529, 9042, 9200, 9300, 11211, 27017, 27018,
  27019, 28015, 50000,
];

export const networkChecks: PolicyCheck[] = [
  openPortCheck(
    'OPS-NET-001',
    'CKV_AWS_24',
    [22],
    'No SSH from 0.0.0.0/0',
    'SSH',
    'Restrict the source to a VPN or bastion range, or use SSM Session Manager instead of SSH.',
  ),
  openPortCheck(
    'OPS-NET-002',
    'CKV_AWS_25',
    [3389],
    'No RDP from 0.0.0.0/0',
    'RDP',
    'Restrict the source to a VPN or bastion range, or use SSM Session Manager / Fleet Manager.',
  ),
  openPortCheck(
    'OPS-NET-003',
    'CKV_AWS_260',
    [80],
    'No plain HTTP from 0.0.0.0/0',
    'plain HTTP',
    'Serve HTTPS (443) only, or put the service behind CloudFront or a load balancer that terminates TLS.',
  ),
  openPortCheck(
    'OPS-NET-004',
    undefined,
    DATABASE_PORTS,
    'No database or cache port open to 0.0.0.0/0',
    'a database or cache port',
    'Allow only the security groups of the clients (source_security_group_id / referenced_security_group_id).',
  ),
  {
    id: 'OPS-NET-005',
    title: 'No ingress on all ports from 0.0.0.0/0',
    severity: 'critical',
    checkov: ['CKV_AWS_277'],
    types: TYPES,
    check(sb, ctx) {
      for (const rule of worldIngress(ctx.stack, sb)) {
        if (!ALL_PORTS(rule)) continue;
        ctx.fail({
          at: rule.source,
          message: `${sb.address} allows all ports and protocols from ${rule.cidr}, the whole internet (SSH, RDP and databases included). Open only the ports the service needs, to the sources that need them.`,
        });
      }
    },
  },
  {
    id: 'OPS-NET-006',
    title: 'VPC flow logs are enabled',
    severity: 'medium',
    checkov: ['CKV2_AWS_11'],
    types: ['aws_vpc'],
    check(vpc, ctx) {
      if (ctx.stack.linked('aws_flow_log', 'vpc_id', vpc).length > 0) return;
      ctx.fail({
        at: vpc.block,
        message: `${vpc.address} has no aws_flow_log: there is no record of the traffic in it. Add an aws_flow_log with vpc_id = ${vpc.address}.id to CloudWatch Logs or S3.`,
      });
    },
  },
  {
    id: 'OPS-NET-007',
    title: "The VPC's default security group allows no traffic",
    severity: 'medium',
    checkov: ['CKV2_AWS_12'],
    types: ['aws_vpc'],
    check(vpc, ctx) {
      const defaults = ctx.stack.linked('aws_default_security_group', 'vpc_id', vpc);
      if (defaults.length === 0) {
        ctx.fail({
          at: vpc.block,
          message: `${vpc.address} keeps its default security group, which lets its members talk to each other freely. Add an aws_default_security_group with vpc_id = ${vpc.address}.id and no rules.`,
          fix: afterBlock(
            vpc,
            [`resource "aws_default_security_group" "${vpc.name}" {`, `  vpc_id = ${vpc.address}.id`, '}'],
            'Add aws_default_security_group without rules',
          ),
        });
        return;
      }
      for (const sg of defaults) {
        for (const rule of [...nestedBlocks(sg.block, 'ingress'), ...nestedBlocks(sg.block, 'egress')]) {
          ctx.fail({
            at: rule,
            on: sg,
            message: `${sg.address} has a ${rule.type} rule: the default security group should allow nothing. Remove it and use dedicated security groups.`,
          });
        }
        for (const name of ['ingress', 'egress']) {
          const a = attribute(sg.block, name);
          const v = ctx.stack.value(a);
          if (a && !(v?.kind === 'list' && v.items.length === 0))
            ctx.fail({
              at: a,
              on: sg,
              message: `${sg.address} sets ${name} rules: the default security group should allow nothing. Use ${name} = [] or leave it out.`,
            });
        }
      }
    },
  },
];

/** A new top-level block right after another one. */
export function afterBlock(sb: StackBlock, lines: string[], title: string): PolicyFix | undefined {
  const close = sb.block.closeBrace;
  if (!close) return undefined;
  return {
    title,
    edits: [
      { uri: sb.uri, range: { start: close.end, end: close.end }, newText: ['', '', ...lines].join('\n') },
    ],
  };
}
