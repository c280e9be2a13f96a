// IAM policy documents: `policy = jsonencode({...})` (or a JSON heredoc) on policy resources, and
// data "aws_iam_policy_document" statements.
import type { Attribute, Block } from '../../model/types';
import { asString, attribute, nestedBlocks, strings, type Stack } from '../stack';
import type { CheckContext, PolicyCheck, StackBlock } from '../types';
import { fromJsonText, type Value } from '../values';

const POLICY_RESOURCES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
];
const POLICY_DOCUMENT = 'data.aws_iam_policy_document';

/**
 * Actions that do not support resource-level permissions: "*" is the only resource they can be granted on, so
 * granting them on "*" is not over-broad (cloudsplaining leaves them out of its "unrestricted" lists too).
 */
const UNRESTRICTABLE = [
  'ec2:describe*',
  'ecr:getauthorizationtoken',
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'xray:getsamplingrules',
  'xray:getsamplingtargets',
  'xray:getsamplingstatisticsummaries',
  'cloudwatch:putmetricdata',
  'cloudwatch:getmetricdata',
  'cloudwatch:listmetrics',
  'cloudwatch:describealarms',
  'logs:describeloggroups',
  'sts:getcalleridentity',
  'kms:listaliases',
  'kms:listkeys',
  's3:listallmybuckets',
  'ssm:describeparameters',
  'secretsmanager:listsecrets',
  'secretsmanager:getrandompassword',
  'ec2:createnetworkinterface',
  'ec2:deletenetworkinterface',
  'ec2:assignprivateipaddresses',
  'ec2:unassignprivateipaddresses',
  'ssmmessages:createcontrolchannel',
  'ssmmessages:createdatachannel',
  'ssmmessages:openchannel',
  'ssmmessages:opendatachannel',
  'ec2messages:*',
  'tag:getresources',
];

function unrestrictable(action: string): boolean {
  const a = action.toLowerCase();
  if (a.endsWith(':*') || a === '*') return false;
  return UNRESTRICTABLE.some((u) => (u.endsWith('*') ? a.startsWith(u.slice(0, -1)) : a === u));
}

interface Statement {
  effect: string;
  actions: string[];
  resources: string[];
  /** Where to report: the statement's `actions`/`resources` argument, or the whole policy argument. */
  actionsAt: Attribute | Block;
  resourcesAt: Attribute | Block;
}

const listOf = (v: Value | undefined) => strings(v);

/** Statements of a JSON policy value (from jsonencode or a JSON string). */
function jsonStatements(value: Value | undefined, at: Attribute): Statement[] {
  let v = value;
  if (v?.kind === 'string') v = fromJsonText(v.value);
  if (v?.kind !== 'object') return [];
  const raw = v.entries.get('Statement');
  const list = raw?.kind === 'list' ? raw.items : raw?.kind === 'object' ? [raw] : [];
  return list.flatMap((s) =>
    s.kind === 'object'
      ? [
          {
            effect: asString(s.entries.get('Effect')) ?? 'Allow',
            actions: listOf(s.entries.get('Action')),
            resources: listOf(s.entries.get('Resource')),
            actionsAt: at,
            resourcesAt: at,
          },
        ]
      : [],
  );
}

function statementsOf(stack: Stack, sb: StackBlock): Statement[] {
  if (sb.kind === 'data') {
    return nestedBlocks(sb.block, 'statement').map((s) => {
      const actions = attribute(s, 'actions');
      const resources = attribute(s, 'resources');
      return {
        effect: asString(stack.value(attribute(s, 'effect'))) ?? 'Allow',
        actions: listOf(stack.value(actions)),
        resources: listOf(stack.value(resources)),
        actionsAt: actions ?? s,
        resourcesAt: resources ?? s,
      };
    });
  }
  if (sb.type === 'aws_iam_role') {
    return nestedBlocks(sb.block, 'inline_policy').flatMap((p) => {
      const a = attribute(p, 'policy');
      return a ? jsonStatements(stack.value(a), a) : [];
    });
  }
  const a = attribute(sb.block, 'policy');
  return a ? jsonStatements(stack.value(a), a) : [];
}

function each(sb: StackBlock, ctx: CheckContext, visit: (s: Statement) => void): void {
  for (const s of statementsOf(ctx.stack, sb)) if (s.effect === 'Allow') visit(s);
}

export const iamChecks: PolicyCheck[] = [
  {
    id: 'OPS-IAM-001',
    title: 'IAM policies do not allow every action ("*")',
    severity: 'critical',
    checkov: ['CKV_AWS_63', 'CKV_AWS_49'],
    types: [...POLICY_RESOURCES, POLICY_DOCUMENT],
    check(sb, ctx) {
      each(sb, ctx, (s) => {
        if (!s.actions.some((a) => a === '*' || a === '*:*')) return;
        ctx.fail({
          at: s.actionsAt,
          checkov: sb.kind === 'data' ? 'CKV_AWS_49' : 'CKV_AWS_63',
          message: `${sb.address} allows every action ("*"): that is administrator access. List the actions the workload calls.`,
        });
      });
    },
  },
  {
    id: 'OPS-IAM-002',
    title: 'IAM policies do not grant restrictable actions on every resource ("*")',
    severity: 'high',
    checkov: ['CKV_AWS_355', 'CKV_AWS_356', 'CKV_AWS_290', 'CKV_AWS_289'],
    types: [...POLICY_RESOURCES, POLICY_DOCUMENT],
    check(sb, ctx) {
      each(sb, ctx, (s) => {
        if (!s.resources.includes('*')) return;
        const broad = s.actions.filter((a) => !unrestrictable(a));
        if (broad.length === 0) return;
        ctx.fail({
          at: s.resourcesAt,
          checkov: sb.kind === 'data' ? 'CKV_AWS_356' : 'CKV_AWS_355',
          message: `${sb.address} grants ${broad.slice(0, 3).join(', ')}${broad.length > 3 ? ', …' : ''} on every resource ("*"). Scope Resource to the ARNs the workload uses (aws_s3_bucket.x.arn, aws_sqs_queue.y.arn, …).`,
        });
      });
    },
  },
];
