// Scan benchmark: moto in server mode, ~2,000 cheap resources (SQS queues, log groups, SNS topics, IAM roles),
// one full AwsScanner scan over every built-in lister with the endpoint override. Prints resources per second and
// the per-type durations from the snapshot's TypeScanStatus.
//   node --import tsx bench/scan/run.ts        (env: QUEUES, LOG_GROUPS, TOPICS, ROLES, CONCURRENCY)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AwsScanner } from '../../server/src/service/cloud/aws/scanner';

interface Moto {
  endpoint: string;
  startMs: number;
  stop(): Promise<void>;
}
interface MotoModule {
  isInstalled(): boolean;
  startMoto(options?: { port?: number }): Promise<Moto>;
}

const REGION = 'us-east-1';
const env = (name: string, dflt: number): number => Number(process.env[name] ?? dflt);
const COUNTS = {
  queues: env('QUEUES', 700),
  logGroups: env('LOG_GROUPS', 700),
  topics: env('TOPICS', 300),
  roles: env('ROLES', 300),
};
const CONCURRENCY = env('CONCURRENCY', 8);
const BATCH = 25;

async function inBatches(n: number, create: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < n; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, n - start) }, (_, k) => create(start + k)));
  }
}

const ASSUME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function main(): Promise<void> {
  const mod = (await import(
    pathToFileURL(path.join(__dirname, '../../scripts/moto.mjs')).href
  )) as MotoModule;
  if (!mod.isInstalled()) throw new Error('moto is not installed; run `node scripts/moto.mjs --install`');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: REGION,
  });
  delete process.env.AWS_PROFILE;
  const moto = await mod.startMoto();
  try {
    console.log(`moto started in ${moto.startMs} ms on ${moto.endpoint}`);
    const cfg = { region: REGION, endpoint: moto.endpoint };
    const sqs = new SQSClient(cfg);
    const logs = new CloudWatchLogsClient(cfg);
    const sns = new SNSClient(cfg);
    const iam = new IAMClient(cfg);
    const t0 = Date.now();
    await Promise.all([
      inBatches(COUNTS.queues, (i) => sqs.send(new CreateQueueCommand({ QueueName: `bench-q-${i}` }))),
      inBatches(COUNTS.logGroups, (i) =>
        logs.send(new CreateLogGroupCommand({ logGroupName: `/bench/group-${i}` })),
      ),
      inBatches(COUNTS.topics, (i) => sns.send(new CreateTopicCommand({ Name: `bench-t-${i}` }))),
      inBatches(COUNTS.roles, (i) =>
        iam.send(new CreateRoleCommand({ RoleName: `bench-role-${i}`, AssumeRolePolicyDocument: ASSUME })),
      ),
    ]);
    const total = COUNTS.queues + COUNTS.logGroups + COUNTS.topics + COUNTS.roles;
    console.log(`created ${total} resources in ${Date.now() - t0} ms (${JSON.stringify(COUNTS)})`);
    for (const c of [sqs, logs, sns, iam]) c.destroy();

    const scanner = new AwsScanner();
    const t1 = Date.now();
    const snap = await scanner.scan({ regions: [REGION], endpoint: moto.endpoint, concurrency: CONCURRENCY });
    const scanMs = Date.now() - t1;
    const n = snap.resources.length;
    console.log(
      `\nscan: ${n} resources over ${snap.types.length} type/region pairs in ${scanMs} ms ` +
        `(concurrency ${CONCURRENCY}) → ${((n / scanMs) * 1000).toFixed(0)} resources/s`,
    );
    const failed = snap.types.filter((t) => t.state !== 'ok');
    if (failed.length) console.log(`failed: ${failed.map((t) => `${t.type}: ${t.error}`).join('; ')}`);
    console.log('\nper type (slowest first; listers run concurrently, so durations overlap):');
    const rows = [...snap.types].sort((a, b) => b.durationMs - a.durationMs);
    for (const t of rows.slice(0, 15))
      console.log(
        `  ${t.type.padEnd(40)} ${t.region.padEnd(10)} ${String(t.count).padStart(5)} ` +
          `${String(t.durationMs).padStart(7)} ms  ${t.state}`,
      );
    const rest = rows.slice(15);
    if (rest.length) console.log(`  … ${rest.length} more types, each ≤ ${rest[0].durationMs} ms`);
  } finally {
    await moto.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
