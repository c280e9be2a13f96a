import assert from 'node:assert/strict';
import type { GraphResult } from '../../../shared/protocol';
import { failed, ok, snapshot, stateV4, TAKEN_AT } from '../drift/fixtures';
import { graphWorkspace, STACK } from './fixtures';

const REGION = 'eu-west-1';
const STATE = stateV4([
  { type: 'aws_instance', name: 'web', instances: [{ attributes: { id: 'i-1' } }] },
  { type: 'aws_security_group', name: 'web', instances: [{ attributes: { id: 'sg-1' } }] },
  { type: 'aws_vpc', name: 'main', module: 'module.network', instances: [{ attributes: { id: 'vpc-1' } }] },
]);
const SCAN = snapshot(
  [
    { type: 'aws_instance', id: 'i-1', region: REGION, attributes: { instance_type: 't3.large' } },
    { type: 'aws_vpc', id: 'vpc-1', region: REGION, attributes: { cidr_block: '10.9.0.0/16' } },
    { type: 'aws_s3_bucket', id: 'acme-logs', region: REGION, attributes: { bucket: 'acme-logs' } },
    {
      type: 'aws_s3_bucket',
      id: 'legacy-data',
      region: REGION,
      name: 'legacy-data',
      arn: 'arn:aws:s3:::legacy-data',
      attributes: { bucket: 'legacy-data' },
    },
  ],
  [ok('aws_instance'), ok('aws_vpc'), ok('aws_s3_bucket'), ok('aws_security_group'), failed('aws_subnet')],
);

const statuses = (graph: GraphResult) =>
  Object.fromEntries(
    graph.nodes.filter((n) => n.drift).map((n) => [n.id, `${n.drift!.status} ${n.drift!.cloudId ?? '-'}`]),
  );

describe('graph: drift overlay from the latest scan', () => {
  it('marks each resource in sync, drifted, missing or unknown, and adds the unmanaged ones', async () => {
    const graph = await (await graphWorkspace(STACK, { snapshot: SCAN, states: { '': STATE } })).graph();
    assert.deepEqual(statuses(graph), {
      'aws_instance.web': 'drifted i-1',
      // In state, and its type was scanned completely, but the scan did not see it: deleted in the cloud.
      'aws_security_group.web': 'missing sg-1',
      // Matched by its bucket name; the code and the cloud agree.
      'aws_s3_bucket.logs': 'in-sync acme-logs',
      // Matched through the root's state under its module path; var.cidr has no literal value to compare.
      'module.network.aws_vpc.main': 'in-sync vpc-1',
      // The listing failed: unknown, never missing.
      'module.network.aws_subnet.a': 'unknown -',
      'module.network.aws_flow_log.main': 'unknown -',
      'module.network.module.dns.aws_route53_zone.private': 'unknown -',
      'unmanaged:aws_s3_bucket:legacy-data': 'unmanaged legacy-data',
    });
    assert.deepEqual(graph.scan, { takenAt: TAKEN_AT });
  });

  it('says what drifted: the attribute, the live value and the code value', async () => {
    const graph = await (await graphWorkspace(STACK, { snapshot: SCAN, states: { '': STATE } })).graph();
    const web = graph.nodes.find((n) => n.id === 'aws_instance.web')!;
    assert.deepEqual(web.drift?.details, [
      { attribute: 'instance_type', live: '"t3.large"', code: '"t3.micro"' },
    ]);
  });

  it('draws an unmanaged resource as a resource node without a file', async () => {
    const graph = await (await graphWorkspace(STACK, { snapshot: SCAN, states: { '': STATE } })).graph();
    const legacy = graph.nodes.find((n) => n.id === 'unmanaged:aws_s3_bucket:legacy-data')!;
    assert.deepEqual(legacy, {
      id: 'unmanaged:aws_s3_bucket:legacy-data',
      kind: 'resource',
      label: 'aws_s3_bucket.legacy-data',
      type: 'aws_s3_bucket',
      module: '',
      attributes: [
        { name: 'name', value: 'legacy-data' },
        { name: 'region', value: REGION },
        { name: 'arn', value: 'arn:aws:s3:::legacy-data' },
      ],
      drift: { status: 'unmanaged', cloudId: 'legacy-data' },
    });
  });

  it('does not call a resource unmanaged when a module manages it', async () => {
    const scan = snapshot(
      [
        {
          type: 'aws_route53_zone',
          id: 'Z1',
          region: REGION,
          name: 'internal',
          attributes: { name: 'internal' },
        },
      ],
      [ok('aws_route53_zone')],
    );
    const graph = await (await graphWorkspace(STACK, { snapshot: scan })).graph();
    assert.equal(statuses(graph)['module.network.module.dns.aws_route53_zone.private'], 'in-sync Z1');
    assert.equal(graph.nodes.filter((n) => n.drift?.status === 'unmanaged').length, 0);
  });

  it('without a scan, resources are unknown and nothing is unmanaged', async () => {
    const graph = await (await graphWorkspace(STACK)).graph();
    assert.equal(graph.scan, undefined);
    const resources = graph.nodes.filter((n) => n.kind === 'resource');
    assert.equal(resources.length, 7);
    assert.ok(resources.every((n) => n.drift?.status === 'unknown'));
    assert.ok(graph.nodes.filter((n) => n.kind !== 'resource').every((n) => n.drift === undefined));
  });
});
