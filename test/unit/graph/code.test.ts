import assert from 'node:assert/strict';
import { edgeList, graphWorkspace, ids, node, ROOT, STACK } from './fixtures';

describe('graph: code', () => {
  it('has resources, data sources and module calls, with module contents one and two levels deep', async () => {
    const graph = await (await graphWorkspace(STACK)).graph();
    assert.deepEqual(ids(graph.nodes), [
      'aws_instance.web',
      'aws_s3_bucket.logs',
      'aws_security_group.web',
      'data.aws_ami.ubuntu',
      'module.network',
      'module.network.aws_flow_log.main',
      'module.network.aws_subnet.a',
      'module.network.aws_vpc.main',
      'module.network.module.dns',
      'module.network.module.dns.aws_route53_zone.private',
      'module.registry',
    ]);
    assert.deepEqual(edgeList(graph.edges), [
      'aws_instance.web -depends_on-> aws_s3_bucket.logs',
      'aws_instance.web -module-output-> module.network.aws_subnet.a',
      'aws_instance.web -reference-> aws_security_group.web',
      'aws_instance.web -reference-> data.aws_ami.ubuntu',
      // Through local.vpc = module.network.vpc_id, to what that output is made of.
      'aws_security_group.web -module-output-> module.network.aws_vpc.main',
      'module.network -module-input-> aws_s3_bucket.logs',
      'module.network.aws_flow_log.main -reference-> module.network.aws_vpc.main',
      'module.network.aws_subnet.a -reference-> module.network.aws_vpc.main',
      'module.network.module.dns -module-input-> module.network.aws_vpc.main',
    ]);
  });

  it('with variables and outputs: inputs reach the child variables, outputs lead to their sources', async () => {
    const graph = await (await graphWorkspace(STACK)).graph({ includeVariables: true, includeOutputs: true });
    assert.deepEqual(ids(graph.nodes.filter((n) => n.kind === 'variable' || n.kind === 'output')), [
      'module.network.module.dns.output.zone_id',
      'module.network.module.dns.var.vpc_id',
      'module.network.output.subnet_id',
      'module.network.output.vpc_id',
      'module.network.output.zone',
      'module.network.var.cidr',
      'module.network.var.log_bucket',
      'module.network.var.name',
      'output.web_id',
      'var.env',
      'var.region',
    ]);
    assert.deepEqual(edgeList(graph.edges), [
      'aws_instance.web -depends_on-> aws_s3_bucket.logs',
      'aws_instance.web -module-output-> module.network.output.subnet_id',
      'aws_instance.web -reference-> aws_security_group.web',
      'aws_instance.web -reference-> data.aws_ami.ubuntu',
      'aws_instance.web -reference-> var.env',
      'aws_security_group.web -module-output-> module.network.output.vpc_id',
      'module.network.aws_flow_log.main -reference-> module.network.aws_vpc.main',
      'module.network.aws_flow_log.main -reference-> module.network.var.log_bucket',
      'module.network.aws_subnet.a -reference-> module.network.aws_vpc.main',
      'module.network.aws_subnet.a -reference-> module.network.var.cidr',
      'module.network.aws_vpc.main -reference-> module.network.var.cidr',
      'module.network.aws_vpc.main -reference-> module.network.var.name',
      'module.network.module.dns.aws_route53_zone.private -reference-> module.network.module.dns.var.vpc_id',
      'module.network.module.dns.output.zone_id -reference-> module.network.module.dns.aws_route53_zone.private',
      'module.network.module.dns.var.vpc_id -module-input-> module.network.aws_vpc.main',
      'module.network.output.subnet_id -reference-> module.network.aws_subnet.a',
      'module.network.output.vpc_id -reference-> module.network.aws_vpc.main',
      'module.network.output.zone -module-output-> module.network.module.dns.output.zone_id',
      'module.network.var.log_bucket -module-input-> aws_s3_bucket.logs',
      'module.network.var.name -module-input-> var.env',
      // A registry module is not expanded: its inputs stay on the module node.
      'module.registry -module-input-> var.env',
      'output.web_id -reference-> aws_instance.web',
    ]);
  });

  it('describes each node: label, type, module, file, whole-block range, key attributes as written', async () => {
    const graph = await (await graphWorkspace(STACK)).graph();
    const web = node(graph, 'aws_instance.web');
    assert.deepEqual(
      { ...web, drift: undefined, policies: undefined },
      {
        id: 'aws_instance.web',
        kind: 'resource',
        label: 'aws_instance.web',
        type: 'aws_instance',
        module: '',
        file: 'main.tf',
        uri: `${ROOT}/main.tf`,
        range: { start: { line: 15, character: 0 }, end: { line: 26, character: 1 } },
        attributes: [
          { name: 'instance_type', value: '"t3.micro"' },
          { name: 'ami', value: 'data.aws_ami.ubuntu.id' },
        ],
        drift: undefined,
        policies: undefined,
      },
    );
    const vpc = node(graph, 'module.network.aws_vpc.main');
    assert.equal(vpc.module, 'module.network');
    assert.equal(vpc.label, 'aws_vpc.main');
    assert.equal(vpc.file, 'modules/network/main.tf');
    assert.deepEqual(vpc.attributes, [{ name: 'cidr_block', value: 'var.cidr' }]);
    const network = node(graph, 'module.network');
    assert.deepEqual(
      [network.kind, network.type, network.module, network.attributes],
      ['module', './modules/network', '', [{ name: 'source', value: '"./modules/network"' }]],
    );
    assert.equal(
      node(graph, 'module.network.module.dns.aws_route53_zone.private').module,
      'module.network.module.dns',
    );
    assert.deepEqual(node(graph, 'module.registry').attributes, [
      { name: 'source', value: '"terraform-aws-modules/vpc/aws"' },
      { name: 'version', value: '"5.0.0"' },
    ]);
  });

  it('cuts long attribute values and collapses their whitespace', async () => {
    const long = 'x'.repeat(100);
    const graph = await (
      await graphWorkspace({
        'main.tf': `resource "aws_lambda_function" "f" {\n  function_name = "${long}"\n  runtime       = lookup(\n    var.runtimes,\n    "default"\n  )\n}\n`,
      })
    ).graph();
    assert.deepEqual(node(graph, 'aws_lambda_function.f').attributes, [
      { name: 'function_name', value: `"${'x'.repeat(58)}…` },
      { name: 'runtime', value: 'lookup( var.runtimes, "default" )' },
    ]);
  });

  it('keeps one edge per source, target and kind however often the reference is written', async () => {
    const graph = await (
      await graphWorkspace({
        'main.tf': `resource "aws_vpc" "v" {}
resource "aws_subnet" "s" {
  vpc_id = aws_vpc.v.id
  tags   = { Vpc = aws_vpc.v.arn, Again = aws_vpc.v.id }
  depends_on = [aws_vpc.v]
}
`,
      })
    ).graph();
    assert.deepEqual(edgeList(graph.edges), [
      'aws_subnet.s -depends_on-> aws_vpc.v',
      'aws_subnet.s -reference-> aws_vpc.v',
    ]);
  });

  it('follows locals through other locals, and ignores references to what is not a node', async () => {
    const graph = await (
      await graphWorkspace({
        'main.tf': `locals {
  a = aws_vpc.v.id
  b = local.a
  c = local.c
}
resource "aws_vpc" "v" {}
resource "aws_subnet" "s" {
  vpc_id = local.b
  name   = local.c
  other  = aws_vpc.undeclared.id
  count  = length(var.missing)
}
`,
      })
    ).graph();
    assert.deepEqual(edgeList(graph.edges), ['aws_subnet.s -reference-> aws_vpc.v']);
  });

  it('gives every other root module of a folder a pseudo module call of its own, each calling the shared module', async () => {
    const child = 'variable "n" {}\nresource "aws_sqs_queue" "q" {\n  name = var.n\n}\n';
    const stack = (n: string) =>
      `module "queue" {\n  source = "../../modules/queue"\n  n      = "${n}"\n}\nresource "aws_sns_topic" "t" {\n  name = module.queue.q\n}\n`;
    const graph = await (
      await graphWorkspace({
        'stacks/a/main.tf': stack('a'),
        'stacks/b/main.tf': stack('b'),
        'modules/queue/main.tf': child + 'output "q" {\n  value = aws_sqs_queue.q.name\n}\n',
      })
    ).graph();
    // The webview reads module nesting from ids (`module.x` segments): a root directory nests like a module.
    assert.deepEqual(graph.nodes.map((n) => `${n.id} @${n.module}`).sort(), [
      'module.stacks/a.aws_sns_topic.t @module.stacks/a',
      'module.stacks/a.module.queue @module.stacks/a',
      'module.stacks/a.module.queue.aws_sqs_queue.q @module.stacks/a.module.queue',
      'module.stacks/b.aws_sns_topic.t @module.stacks/b',
      'module.stacks/b.module.queue @module.stacks/b',
      'module.stacks/b.module.queue.aws_sqs_queue.q @module.stacks/b.module.queue',
    ]);
    assert.deepEqual(edgeList(graph.edges), [
      'module.stacks/a.aws_sns_topic.t -module-output-> module.stacks/a.module.queue.aws_sqs_queue.q',
      'module.stacks/b.aws_sns_topic.t -module-output-> module.stacks/b.module.queue.aws_sqs_queue.q',
    ]);
  });

  it('survives modules that call each other in a circle', async () => {
    const graph = await (
      await graphWorkspace({
        'a/main.tf': 'module "b" {\n  source = "../b"\n}\nresource "aws_sqs_queue" "a" {}\n',
        'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "aws_sqs_queue" "b" {}\n',
      })
    ).graph();
    assert.deepEqual(ids(graph.nodes), [
      'module.a.aws_sqs_queue.a',
      'module.a.module.b',
      'module.a.module.b.aws_sqs_queue.b',
      'module.a.module.b.module.a',
    ]);
  });
});
