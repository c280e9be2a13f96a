import assert from 'node:assert/strict';
import { GraphCancelledError } from '../../../server/src/service/graph/graphService';
import { graphWorkspace, ids, ROOT, STACK } from './fixtures';

describe('graph: robustness and change events', () => {
  it('a file with a syntax error does not keep the rest of the folder out of the graph', async () => {
    const ws = await graphWorkspace({
      ...STACK,
      'broken.tf': 'resource "aws_sqs_queue" "q" {\n  name = \n\nresource "aws_sns_topic" {\n',
      'binary.tf': '\u0000\u0001\u0002',
    });
    const graph = await ws.graph();
    for (const id of ['aws_instance.web', 'module.network.aws_vpc.main', 'module.network.module.dns'])
      assert.ok(
        graph.nodes.some((n) => n.id === id),
        id,
      );
  });

  it('a cancelled request rejects instead of answering', async () => {
    const ws = await graphWorkspace(STACK);
    await assert.rejects(
      ws.service.graph({ folderUri: ROOT }, { isCancellationRequested: true }),
      GraphCancelledError,
    );
  });

  it('without a folder, graphs every workspace folder', async () => {
    const ws = await graphWorkspace(STACK);
    assert.deepEqual(ids((await ws.service.graph({})).nodes), ids((await ws.graph()).nodes));
  });

  it('a folder without Terraform gives an empty graph', async () => {
    const ws = await graphWorkspace(STACK);
    assert.deepEqual(await ws.graph({ folderUri: 'file:///elsewhere' }), { nodes: [], edges: [] });
  });

  it('follows edits: a new reference is an edge on the next request, and the change is announced', async () => {
    const ws = await graphWorkspace(STACK);
    const changed: string[][] = [];
    ws.service.onDidChangeGraph((uris) => changed.push(uris));
    const uri = `${ROOT}/modules/dns/main.tf`;
    await ws.service.openDocument(
      uri,
      2,
      `${STACK['modules/dns/main.tf']}\nresource "aws_route53_record" "r" {\n  zone_id = aws_route53_zone.private.zone_id\n}\n`,
    );
    assert.deepEqual(changed, [[`${ROOT}/modules/dns`]]);
    const graph = await ws.graph();
    assert.ok(
      graph.edges.some(
        (e) =>
          e.source === 'module.network.module.dns.aws_route53_record.r' &&
          e.target === 'module.network.module.dns.aws_route53_zone.private',
      ),
    );
  });

  it('announces plan file changes and deletions, and nothing for other files', async () => {
    const ws = await graphWorkspace(STACK);
    const changed: string[][] = [];
    ws.service.onDidChangeGraph((uris) => changed.push(uris));
    await ws.service.fileChangedOnDisk(`${ROOT}/plan.json`);
    await ws.service.fileChangedOnDisk(`${ROOT}/stacks/prod.tfplan.json`);
    await ws.service.fileChangedOnDisk(`${ROOT}/.opsmith/plan.json`);
    ws.service.fileDeletedOnDisk(`${ROOT}/tfplan.json`);
    await ws.service.fileChangedOnDisk(`${ROOT}/package.json`);
    assert.deepEqual(changed, [
      [`${ROOT}/plan.json`],
      [`${ROOT}/stacks/prod.tfplan.json`],
      [`${ROOT}/.opsmith/plan.json`],
      [`${ROOT}/tfplan.json`],
    ]);
  });
});
