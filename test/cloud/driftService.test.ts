import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { nodeFileSystem } from '../../server/src/nodeFileSystem';
import { AwsScanner } from '../../server/src/service/cloud/aws/scanner';
import { scanWorkspace } from '../../server/src/service/cloud/scanWorkspace';
import { createGate } from '../../server/src/service/gate/gate';
import { importForFolder } from '../../server/src/service/importer/importForFolder';
import { getLanguageService } from '../../server/src/service/languageService';
import { DirectorySchemaSource } from '../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../server/src/service/schemaView/fromSource';
import { WorkspaceDriftSource } from '../../server/src/workspaceDriftSource';
import { applyEdits } from '../unit/helpers/edits';
import { wasmFromNodeModules } from '../unit/helpers/service';

interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '../..');
const MAIN = [
  'resource "aws_sqs_queue" "orders" {',
  '  name                       = "orders"',
  '  visibility_timeout_seconds = 30',
  '}',
  '',
  'resource "aws_sqs_queue" "gone" {',
  '  name = "gone"',
  '}',
  '',
].join('\n');

/** Scanner → snapshot → language service against moto: drift, its quick fix, import, and a failing service. */
describe('drift in the language service against moto', function () {
  this.timeout(120000);
  let moto: Moto | undefined;
  let dir: string;
  const saved = { ...process.env };

  before(async function () {
    const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts/moto.mjs')).href)) as {
      isInstalled(): boolean;
      startMoto(): Promise<Moto>;
    };
    if (!mod.isInstalled()) {
      console.log('    (skipped: moto is not installed; run `node scripts/moto.mjs --install`)');
      this.skip();
    }
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
    });
    delete process.env.AWS_PROFILE;
    moto = await mod.startMoto();
    dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-drift-svc-'));
    const sqs = new SQSClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    const orders = (
      await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '30' } }))
    ).QueueUrl!;
    const gone = (await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }))).QueueUrl!;
    await sqs.send(
      new CreateQueueCommand({ QueueName: 'reports', Attributes: { VisibilityTimeout: '120' } }),
    );
    const instance = (name: string, id: string) => ({
      mode: 'managed',
      type: 'aws_sqs_queue',
      name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes: { id, name, url: id } }],
    });
    writeFileSync(path.join(dir, 'main.tf'), MAIN);
    writeFileSync(
      path.join(dir, 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.4',
        serial: 1,
        lineage: 'l',
        outputs: {},
        resources: [instance('orders', orders), instance('gone', gone)],
      }),
    );
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: orders, Attributes: { VisibilityTimeout: '90' } }),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl: gone }));
  });
  after(async () => {
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  async function serviceAfterScan(scanner: AwsScanner) {
    await scanWorkspace(scanner, { folder: dir, regions: ['us-east-1'], endpoint: moto!.endpoint });
    const root = pathToFileURL(dir).href;
    const drift = new WorkspaceDriftSource(() => [root], {
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    });
    await drift.reloadSnapshot();
    const schemas = createSchemaProvider(new DirectorySchemaSource(path.join(ROOT, 'server/schemas')));
    await schemas.ensureLoaded(['aws']);
    const service = await getLanguageService({
      wasm: wasmFromNodeModules(),
      fs: nodeFileSystem,
      schemas,
      drift,
    });
    await service.indexFolder(root);
    return { service, drift, schemas, root, uri: `${root}/main.tf` };
  }

  it('shows the changed attribute and the deleted queue, adopts the live value, and imports the unmanaged queue', async () => {
    const { service, drift, schemas, root, uri } = await serviceAfterScan(new AwsScanner());
    const found = service.diagnostics(uri).filter((d) => d.code === 'drift');
    assert.deepEqual(
      found.map((d) => [
        String(d.message).replace(/\(scanned \d+ seconds? ago\)/, '(scanned N seconds ago)'),
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
      ]),
      [
        ['Drift: live visibility_timeout_seconds is 90, code says 30 (scanned N seconds ago)', 2, 31, 33],
        ['Drift: aws_sqs_queue.gone no longer exists in the cloud (scanned N seconds ago)', 5, 0, 33],
      ],
    );
    const adopt = service
      .codeActions(uri, found[0].range, [found[0]])
      .find((a) => /Adopt live value/.test(a.title))!;
    assert.equal(
      applyEdits(MAIN, adopt.edit!.changes![uri]),
      MAIN.replace('visibility_timeout_seconds = 30', 'visibility_timeout_seconds = 90'),
    );

    const gate = await createGate({ wasm: wasmFromNodeModules(), schemas });
    const imported = await importForFolder(root, {
      index: service.index,
      drift,
      schemas: schemas.view(),
      gate,
    });
    assert.equal(imported.gate.passed, true, JSON.stringify(imported.gate.stages));
    assert.deepEqual(imported.resources, ['aws_sqs_queue.reports']);
    const text = imported.files[0].content;
    assert.match(
      text,
      /import \{\n {2}to = aws_sqs_queue\.reports\n {2}id = "http:\/\/127\.0\.0\.1:\d+\/\d+\/reports"\n\}/,
    );
    assert.match(text, /visibility_timeout_seconds += 120/);
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), MAIN, 'nothing was written');
  });

  it('reports no deleted resource for a service whose listing failed', async () => {
    const { service, drift, uri } = await serviceAfterScan(
      new AwsScanner({ serviceEndpoints: { sqs: 'http://127.0.0.1:9' }, maxAttempts: 1 }),
    );
    const found = service.diagnostics(uri).filter((d) => d.code === 'drift');
    const sqsStatus = drift.snapshot()!.types.find((t) => t.type === 'aws_sqs_queue');
    assert.equal(sqsStatus?.state, 'failed', 'the SQS listing failed in this scan');
    assert.deepEqual(found, [], 'an unknown type is neither drifted nor deleted');
  });
});
