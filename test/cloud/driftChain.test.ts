import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/opsmith.js');

/** The whole chain through the real CLI: live AWS (moto) → `opsmith discover` → `opsmith drift`. */
describe('discover and drift against moto, through the CLI', function () {
  this.timeout(120000);
  let moto: Moto | undefined;
  let dir: string;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
  };
  delete env.AWS_PROFILE;

  before(async function () {
    const mod = (await import(pathToFileURL(path.join(ROOT, 'scripts/moto.mjs')).href)) as {
      isInstalled(): boolean;
      startMoto(): Promise<Moto>;
    };
    if (!mod.isInstalled()) {
      console.log('    (skipped: moto is not installed; run `node scripts/moto.mjs --install`)');
      this.skip();
    }
    moto = await mod.startMoto();
    dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-drift-'));
  });
  after(async () => {
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: 60000 });

  it('reports the changed attribute and the deleted resource, and exits 2', async () => {
    const sqs = new SQSClient({
      endpoint: moto!.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const orders = (
      await sqs.send(new CreateQueueCommand({ QueueName: 'orders', Attributes: { VisibilityTimeout: '30' } }))
    ).QueueUrl!;
    const gone = (await sqs.send(new CreateQueueCommand({ QueueName: 'gone' }))).QueueUrl!;
    await sqs.send(new CreateQueueCommand({ QueueName: 'unmanaged' }));
    const main = [
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
    const instance = (name: string, id: string) => ({
      mode: 'managed',
      type: 'aws_sqs_queue',
      name,
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [{ schema_version: 0, attributes: { id, name, url: id } }],
    });
    writeFileSync(path.join(dir, 'main.tf'), main);
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
    // Someone changes one queue in the console and deletes the other.
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: orders, Attributes: { VisibilityTimeout: '90' } }),
    );
    await sqs.send(new DeleteQueueCommand({ QueueUrl: gone }));

    const discovered = cli('discover', dir, '--endpoint', moto!.endpoint, '--region', 'us-east-1');
    assert.equal(discovered.status, 0, discovered.stderr);
    assert.match(discovered.stdout, /aws_sqs_queue\s+2/);

    const drift = cli('drift', dir);
    assert.equal(drift.status, 2, drift.stderr + drift.stdout);
    // The age depends on how long the scan took: only its form is fixed.
    const lines = drift.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/\(scanned \d+ seconds? ago\)/, '(scanned N seconds ago)'));
    assert.deepEqual(lines, [
      'main.tf:3:32 Drift: live visibility_timeout_seconds is 90, code says 30 (scanned N seconds ago)',
      'main.tf:6:1 Drift: aws_sqs_queue.gone no longer exists in the cloud (scanned N seconds ago)',
    ]);
  });
});
