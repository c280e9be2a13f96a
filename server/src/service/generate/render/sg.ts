import type { RenderContext } from './context';
import { type Body, type Expr, ref } from './hcl';

/** A security group without inline rules; rules are separate resources. Returns its address. */
export function securityGroup(ctx: RenderContext, concern: string, id: string, description: string): string {
  const net = ctx.network();
  return ctx.resource(concern, 'aws_security_group', id, {
    name: ctx.name(`${id.replace(/_/g, '-')}`),
    description,
    vpc_id: net.vpcId,
    tags: { Name: ctx.name(`${id.replace(/_/g, '-')}`) },
  });
}

export interface RuleSpec {
  /** Part of the rule's resource name. */
  id: string;
  port: number;
  toPort?: number;
  protocol?: 'tcp' | 'udp';
  /** One CIDR (a literal or an expression such as `each.value` with `forEach`). */
  cidr?: string | Expr;
  /** Another security group's address (`aws_security_group.app`). */
  group?: string;
  description: string;
  /** `for_each` expression, for a rule per element of a list variable. */
  forEach?: Expr;
}

function ruleBody(sg: string, rule: RuleSpec): Body {
  const body: Body = {};
  if (rule.forEach) body.for_each = rule.forEach;
  body.security_group_id = ref(`${sg}.id`);
  body.description = rule.description;
  body.ip_protocol = rule.protocol ?? 'tcp';
  if (rule.cidr !== undefined) body.cidr_ipv4 = rule.cidr;
  if (rule.group) body.referenced_security_group_id = ref(`${rule.group}.id`);
  body.from_port = rule.port;
  body.to_port = rule.toPort ?? rule.port;
  return body;
}

export function ingress(ctx: RenderContext, concern: string, sg: string, rule: RuleSpec): string {
  const sgName = sg.split('.')[1];
  return ctx.resource(
    concern,
    'aws_vpc_security_group_ingress_rule',
    `${sgName}_${rule.id}`,
    ruleBody(sg, rule),
  );
}

export function egress(ctx: RenderContext, concern: string, sg: string, rule: RuleSpec): string {
  const sgName = sg.split('.')[1];
  return ctx.resource(
    concern,
    'aws_vpc_security_group_egress_rule',
    `${sgName}_${rule.id}`,
    ruleBody(sg, rule),
  );
}

/** Lets `from` connect to `to` on a port: an egress rule on `from` and an ingress rule on `to`. */
export function allow(
  ctx: RenderContext,
  concern: string,
  from: string,
  to: string,
  port: number,
  what: string,
): void {
  const fromName = from.split('.')[1];
  const toName = to.split('.')[1];
  egress(ctx, concern, from, { id: `to_${toName}`, port, group: to, description: `To ${what}` });
  ingress(ctx, concern, to, {
    id: `from_${fromName}`,
    port,
    group: from,
    description: `From ${fromName.replace(/_/g, ' ')}`,
  });
}

/** HTTPS to anywhere: AWS APIs, package mirrors and image registries (through the NAT gateways). */
export function httpsOut(ctx: RenderContext, concern: string, sg: string): void {
  egress(ctx, concern, sg, {
    id: 'https_out',
    port: 443,
    cidr: '0.0.0.0/0',
    description: 'HTTPS to AWS APIs and package registries',
  });
}
