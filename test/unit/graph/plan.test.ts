import assert from 'node:assert/strict';
import type { GraphResult } from '../../../shared/protocol';
import { planAction, readPlan } from '../../../server/src/service/graph/plan';
import { graphWorkspace, node, ROOT, STACK } from './fixtures';

const change = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
  address,
  mode: address.includes('data.') ? 'data' : 'managed',
  type: address
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .at(-2),
  name: address
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .at(-1),
  change: { actions, before: null, after: null },
  ...extra,
});

const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: {},
  resource_changes: [
    change('aws_instance.web', ['update']),
    change('aws_security_group.web', ['delete', 'create']),
    change('aws_s3_bucket.logs', ['no-op']),
    change('data.aws_ami.ubuntu', ['read']),
    change('module.network.aws_subnet.a', ['create', 'delete'], { module_address: 'module.network' }),
    change('module.network.aws_vpc.main', ['no-op'], { module_address: 'module.network' }),
    // Two instances of one block: the node shows the more consequential action.
    change('module.network.aws_flow_log.main[0]', ['no-op'], { module_address: 'module.network' }),
    change('module.network.aws_flow_log.main[1]', ['delete'], { module_address: 'module.network' }),
    change('module.network.module.dns.aws_route53_zone.private', ['create'], {
      module_address: 'module.network.module.dns',
    }),
    // Deleted from the code already: still drawn, since the plan deletes it.
    change('aws_eip.old', ['delete']),
    change('module.network.aws_nat_gateway.gone["a"]', ['delete'], { module_address: 'module.network' }),
    // Nothing in the graph to hang these on.
    change('module.elsewhere.aws_eip.x', ['delete'], { module_address: 'module.elsewhere' }),
    change('aws_eip.new_but_not_written', ['create']),
    change('aws_eip.forgotten', ['forget']),
  ],
});

const plans = (graph: GraphResult) =>
  Object.fromEntries(graph.nodes.filter((n) => n.plan).map((n) => [n.id, n.plan]));

describe('graph: plan overlay', () => {
  it('maps terraform actions to create, update, replace, delete, read and no-op', () => {
    assert.deepEqual(
      [
        ['create'],
        ['update'],
        ['delete'],
        ['read'],
        ['no-op'],
        ['delete', 'create'],
        ['create', 'delete'],
        ['forget'],
        [],
      ].map((a) => planAction(a)),
      ['create', 'update', 'delete', 'read', 'no-op', 'replace', 'replace', undefined, undefined],
    );
  });

  it('puts each planned action on its node, module addresses and instances included', async () => {
    const graph = await (await graphWorkspace({ ...STACK, 'plan.json': PLAN })).graph();
    assert.deepEqual(plans(graph), {
      'aws_instance.web': 'update',
      'aws_security_group.web': 'replace',
      'aws_s3_bucket.logs': 'no-op',
      'data.aws_ami.ubuntu': 'read',
      'module.network.aws_subnet.a': 'replace',
      'module.network.aws_vpc.main': 'no-op',
      'module.network.aws_flow_log.main': 'delete',
      'module.network.module.dns.aws_route53_zone.private': 'create',
      'aws_eip.old': 'delete',
      'module.network.aws_nat_gateway.gone': 'delete',
    });
    assert.deepEqual(graph.plan, { file: 'plan.json' });
    assert.deepEqual(node(graph, 'module.network.aws_nat_gateway.gone'), {
      id: 'module.network.aws_nat_gateway.gone',
      kind: 'resource',
      label: 'aws_nat_gateway.gone',
      type: 'aws_nat_gateway',
      module: 'module.network',
      plan: 'delete',
    });
  });

  it('looks in .opsmith/plan.json, plan.json, tfplan.json, then *.tfplan.json', async () => {
    const only = (file: string) => graphWorkspace({ ...STACK, [file]: PLAN }).then((ws) => ws.graph());
    assert.deepEqual((await only('.opsmith/plan.json')).plan, { file: '.opsmith/plan.json' });
    assert.deepEqual((await only('tfplan.json')).plan, { file: 'tfplan.json' });
    assert.deepEqual((await only('prod.tfplan.json')).plan, { file: 'prod.tfplan.json' });
    assert.equal((await only('some.json')).plan, undefined);
    const both = await (
      await graphWorkspace({ ...STACK, 'plan.json': '{}', '.opsmith/plan.json': PLAN })
    ).graph();
    assert.deepEqual(both.plan, { file: '.opsmith/plan.json' });
  });

  it('ignores malformed JSON and JSON that is not a plan, with a log line, and graphs the code anyway', async () => {
    const ws = await graphWorkspace({
      ...STACK,
      '.opsmith/plan.json': '{ "resource_changes": [',
      'plan.json': '{"values": {}}',
    });
    const graph = await ws.graph();
    assert.equal(graph.plan, undefined);
    assert.deepEqual(plans(graph), {});
    assert.equal(graph.nodes.length, 11);
    assert.equal(ws.logs.length, 2);
    assert.match(ws.logs[0], /^Ignoring the plan file:\/\/\/ws\/\.opsmith\/plan\.json: .*JSON/);
    assert.match(
      ws.logs[1],
      /^Ignoring the plan file:\/\/\/ws\/plan\.json: not `terraform show -json` plan output/,
    );
  });

  it('survives odd shapes inside a plan', () => {
    const plan = readPlan(
      JSON.stringify({
        resource_changes: [
          null,
          1,
          { address: 'a.b' },
          { address: 'aws_x.y', change: { actions: 'create' } },
          change('aws_x.z', ['create']),
        ],
      }),
    );
    assert.deepEqual([...plan.changes.keys()], ['aws_x.z']);
  });

  it('reads the plan again only after the file watcher says it changed', async () => {
    const ws = await graphWorkspace({ ...STACK, 'plan.json': PLAN });
    assert.equal(plans(await ws.graph())['aws_instance.web'], 'update');
    const replaced = PLAN.replace('"update"', '"delete","create"');
    ws.files.files.set(`${ROOT}/plan.json`, new TextEncoder().encode(replaced));
    assert.equal(plans(await ws.graph())['aws_instance.web'], 'update');
    await ws.service.fileChangedOnDisk(`${ROOT}/plan.json`);
    assert.equal(plans(await ws.graph())['aws_instance.web'], 'replace');
  });
});
