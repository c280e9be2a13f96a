import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
} from 'vscode-languageserver-protocol';
import {
  GraphChangedNotification,
  GraphRequestMethod,
  type GraphChangedParams,
  type GraphParams,
  type GraphResult,
} from '../../shared/protocol';
import { LspClient } from './client';

const MAIN = `data "aws_ami" "ubuntu" {
  most_recent = true
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.micro"
  subnet_id     = module.network.subnet_id
}

module "network" {
  source = "./modules/network"
  cidr   = "10.0.0.0/16"
}
`;
const NETWORK = `variable "cidr" {}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = var.cidr
}

output "subnet_id" {
  value = aws_subnet.a.id
}
`;
const STATE = JSON.stringify({
  version: 4,
  terraform_version: '1.9.8',
  serial: 1,
  lineage: 'l',
  outputs: {},
  resources: [
    {
      mode: 'managed',
      type: 'aws_instance',
      name: 'web',
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 1, attributes: { id: 'i-1' } }],
    },
  ],
});
const SNAPSHOT = JSON.stringify({
  version: 1,
  takenAt: '2025-03-01T12:00:00.000Z',
  regions: ['us-east-1'],
  types: [
    { type: 'aws_instance', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 },
    { type: 'aws_sqs_queue', region: 'us-east-1', state: 'ok', count: 1, durationMs: 1 },
  ],
  resources: [
    { type: 'aws_instance', id: 'i-1', region: 'us-east-1', attributes: { instance_type: 't3.large' } },
    { type: 'aws_sqs_queue', id: 'q-1', region: 'us-east-1', name: 'jobs', attributes: { name: 'jobs' } },
  ],
});
const plan = (webAction: string[]) =>
  JSON.stringify({
    format_version: '1.2',
    resource_changes: [
      {
        address: 'aws_instance.web',
        mode: 'managed',
        type: 'aws_instance',
        name: 'web',
        change: { actions: webAction },
      },
      {
        address: 'module.network.aws_subnet.a',
        module_address: 'module.network',
        mode: 'managed',
        type: 'aws_subnet',
        name: 'a',
        change: { actions: ['create'] },
      },
    ],
  });

const FILES = {
  'main.tf': MAIN,
  'modules/network/main.tf': NETWORK,
  'terraform.tfstate': STATE,
  '.opsmith/snapshots/latest.json': SNAPSHOT,
  'plan.json': plan(['update']),
};

describe('protocol: opsmith/graph', function () {
  this.timeout(60_000);
  let client: LspClient;
  let changes: GraphChangedParams[];

  beforeEach(async () => {
    client = await LspClient.start({ files: FILES });
    changes = [];
    client.connection.onNotification(GraphChangedNotification, (params: GraphChangedParams) => {
      changes.push(params);
    });
  });
  afterEach(() => client?.dispose());

  const graph = (params: GraphParams = { folderUri: client.rootUri }) =>
    client.requestRaw(GraphRequestMethod, params) as Promise<GraphResult>;

  /** Resolves once a graphChanged notification satisfying `matches` arrived (or had arrived). */
  const changed = async (matches: (p: GraphChangedParams) => boolean, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    while (!changes.some(matches)) {
      if (Date.now() > deadline) throw new Error(`no matching graphChanged in ${JSON.stringify(changes)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('answers with the nodes, edges and overlays of the folder', async () => {
    const result = await graph();
    assert.deepEqual(
      result.nodes
        .map((n) => `${n.id} ${n.kind} ${n.drift?.status ?? '-'} ${n.plan ?? '-'} ${n.file ?? '-'}`)
        .sort(),
      [
        'aws_instance.web resource drifted update main.tf',
        'data.aws_ami.ubuntu data - - main.tf',
        'module.network module - - main.tf',
        'module.network.aws_subnet.a resource unknown create modules/network/main.tf',
        'module.network.aws_vpc.main resource unknown - modules/network/main.tf',
        'unmanaged:aws_sqs_queue:q-1 resource unmanaged - -',
      ],
    );
    assert.deepEqual(result.edges.map((e) => `${e.source} -${e.kind}-> ${e.target}`).sort(), [
      'aws_instance.web -module-output-> module.network.aws_subnet.a',
      'aws_instance.web -reference-> data.aws_ami.ubuntu',
      'module.network.aws_subnet.a -reference-> module.network.aws_vpc.main',
    ]);
    const web = result.nodes.find((n) => n.id === 'aws_instance.web')!;
    assert.deepEqual(web.uri, client.uri('main.tf'));
    assert.deepEqual(web.range, { start: { line: 4, character: 0 }, end: { line: 8, character: 1 } });
    assert.deepEqual(web.drift?.details, [
      { attribute: 'instance_type', live: '"t3.large"', code: '"t3.micro"' },
    ]);
    assert.ok(web.policies?.some((p) => p.id === 'OPS-EC2-001'));
    assert.deepEqual(result.scan, { takenAt: '2025-03-01T12:00:00.000Z' });
    assert.deepEqual(result.plan, { file: 'plan.json' });
  });

  it('variables and outputs only when asked for', async () => {
    const result = await graph({ folderUri: client.rootUri, includeVariables: true, includeOutputs: true });
    const extra = result.nodes.filter((n) => n.kind === 'variable' || n.kind === 'output').map((n) => n.id);
    assert.deepEqual(extra.sort(), ['module.network.output.subnet_id', 'module.network.var.cidr']);
  });

  it('an edit announces graphChanged for the module directory, and the next graph has the new block', async () => {
    const uri = await client.open('main.tf', MAIN);
    const count = changes.length;
    await client.change(uri, 2, [
      {
        range: { start: { line: 13, character: 1 }, end: { line: 13, character: 1 } },
        text: '\n\nresource "aws_eip" "ip" {\n  instance = aws_instance.web.id\n}',
      },
    ]);
    await changed((p) => changes.indexOf(p) >= count && p.uris.includes(client.rootUri));
    const result = await graph();
    assert.ok(result.nodes.some((n) => n.id === 'aws_eip.ip'));
    assert.ok(result.edges.some((e) => e.source === 'aws_eip.ip' && e.target === 'aws_instance.web'));
  });

  it('a changed plan file on disk announces graphChanged and is read again', async () => {
    assert.equal((await graph()).nodes.find((n) => n.id === 'aws_instance.web')?.plan, 'update');
    client.write('plan.json', plan(['delete', 'create']));
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('plan.json'), type: FileChangeType.Changed }],
    });
    await changed((p) => p.uris.includes(client.uri('plan.json')));
    assert.equal((await graph()).nodes.find((n) => n.id === 'aws_instance.web')?.plan, 'replace');
  });

  it('a new scan announces graphChanged for every folder', async () => {
    const count = changes.length;
    client.write('.opsmith/snapshots/latest.json', SNAPSHOT.replace('t3.large', 't3.micro'));
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('.opsmith/snapshots/latest.json'), type: FileChangeType.Changed }],
    });
    await changed((p) => changes.indexOf(p) >= count && p.uris.length === 0);
    assert.equal((await graph()).nodes.find((n) => n.id === 'aws_instance.web')?.drift?.status, 'in-sync');
  });

  it('a malformed plan is ignored with a log line; the graph still comes', async () => {
    client.write('plan.json', '{ "resource_changes": [ {');
    await client.notify(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: client.uri('plan.json'), type: FileChangeType.Changed }],
    });
    const result = await graph();
    assert.equal(result.plan, undefined);
    assert.equal(result.nodes.filter((n) => n.plan).length, 0);
    assert.equal(result.nodes.length, 6);
    await client.waitForLog((l) => /Ignoring the plan .*plan\.json/.test(l.message));
  });

  it('honours cancellation: a first graph of a large workspace stops when cancelled', async () => {
    // 20 directories × 200 resources: computing it all (module graphs, policies) takes many of the server's
    // 15 ms slices, and the cancellation is seen at the next one.
    const files: Record<string, string> = {};
    for (let d = 0; d < 20; d++) {
      let text = '';
      for (let i = 0; i < 100; i++)
        text += `resource "aws_s3_bucket" "b${i}" {\n  bucket = "b-${d}-${i}"\n}\n\nresource "aws_instance" "i${i}" {\n  ami = "ami-1"\n  tags = { Bucket = aws_s3_bucket.b${i}.id }\n}\n\n`;
      files[`stacks/s${d}/main.tf`] = text;
    }
    const large = await LspClient.start({ files });
    try {
      const source = new CancellationTokenSource();
      const pending = large.connection.sendRequest(
        GraphRequestMethod,
        { folderUri: large.rootUri },
        source.token,
      );
      setTimeout(() => source.cancel(), 20);
      await assert.rejects(
        pending,
        (error: { code?: number }) => error.code === LSPErrorCodes.RequestCancelled,
      );
      const answered = (await large.requestRaw(
        GraphRequestMethod,
        { folderUri: large.rootUri },
        30_000,
      )) as GraphResult;
      assert.equal(answered.nodes.length, 4000, 'the next request is answered in full');
    } finally {
      await large.dispose();
    }
  });

  it('broken code still graphs: half-typed blocks, missing labels and sources, cycles through locals', async () => {
    const uri = await client.open('main.tf', MAIN);
    const broken = [
      'resource "aws_eip" {',
      'resource {',
      'module "half" {\n  source = \n  x = aws_instance.web.\n',
      'locals {\n  a = local.b\n  b = local.a\n}',
      'resource "aws_eip" "ip" {\n  depends_on = [aws_instance.web, module.\n  instance = local.a\n',
      '"😀" = { ${ }',
    ].join('\n');
    const count = changes.length;
    await client.change(uri, 2, [{ text: `${MAIN}\n${broken}\n` }]);
    await changed((p) => changes.indexOf(p) >= count && p.uris.includes(client.rootUri));
    const result = await graph();
    assert.ok(client.alive);
    for (const id of ['aws_instance.web', 'data.aws_ami.ubuntu', 'module.network.aws_subnet.a'])
      assert.ok(
        result.nodes.some((n) => n.id === id),
        id,
      );
  });

  it('bad params give an empty graph, not a dead server', async () => {
    assert.deepEqual(await client.requestRaw(GraphRequestMethod, { folderUri: 42 }), {
      nodes: [],
      edges: [],
    });
    // A folder without code manages nothing: all it shows is the scan's resources, as unmanaged.
    const nowhere = await graph({ folderUri: client.uri('nowhere') });
    assert.deepEqual(
      nowhere.nodes.map((n) => n.id),
      ['unmanaged:aws_instance:i-1', 'unmanaged:aws_sqs_queue:q-1'],
    );
    assert.ok(client.alive);
    assert.equal((await graph({})).nodes.length, 6, 'no folder: every workspace folder');
  });
});
