import assert from 'node:assert/strict';
import { compileIntent } from '../../../server/src/service/generate/intent/compile';
import { Scan, parseSchedule } from '../../../server/src/service/generate/intent/index';
import type {
  ArchitecturePlan,
  Component,
  ComponentKind,
  Relation,
} from '../../../server/src/service/generate/plan';

const plan = (request: string, options = {}) => compileIntent(request, options).plan;
const kinds = (p: ArchitecturePlan) => p.components.map((c) => c.kind);
function one<K extends ComponentKind>(p: ArchitecturePlan, kind: K): Extract<Component, { kind: K }> {
  const found = p.components.filter((c): c is Extract<Component, { kind: K }> => c.kind === kind);
  assert.equal(found.length, 1, `${kind} in ${JSON.stringify(kinds(p))}`);
  return found[0];
}
const cron = (text: string) => {
  const s = new Scan(text);
  s.matchPhrases();
  return parseSchedule(s)?.expression;
};

describe('intent compiler', () => {
  describe('synonyms and typos', () => {
    for (const word of [
      'postgres',
      'Postgres',
      'postgresql',
      'PostgreSQL',
      'pg',
      'psql',
      'postgress',
      'postgresq',
    ]) {
      it(`reads "${word}" as PostgreSQL`, () => {
        assert.equal(one(plan(`${word} database`), 'database').engine, 'postgres');
      });
    }
    it('reads mysql and mariadb as MySQL, aurora as Aurora', () => {
      assert.equal(one(plan('a mysql db'), 'database').engine, 'mysql');
      assert.equal(one(plan('mariadb database'), 'database').engine, 'mysql');
      assert.equal(one(plan('aurora cluster'), 'database').engine, 'aurora-postgresql');
      assert.equal(one(plan('aurora mysql cluster'), 'database').engine, 'aurora-mysql');
    });
    it('corrects typos within a small edit distance', () => {
      assert.equal(one(plan('reddis cache'), 'cache').engine, 'redis');
      assert.equal(one(plan('a kubernets cluster'), 'kubernetes').kind, 'kubernetes');
      assert.equal(one(plan('elasticserch for search'), 'search').kind, 'search');
      assert.equal(one(plan('lamda function'), 'function').kind, 'function');
      assert.equal(one(plan('a databse'), 'database').engine, 'postgres');
    });
    it('records corrections as assumptions', () => {
      assert.ok(plan('postgress db').assumptions.some((a) => a.includes('"postgress" as "postgres"')));
    });
    it('does not invent meaning for unknown words', () => {
      const r = compileIntent('Production web service with a flux capacitor');
      assert.deepEqual(r.notUnderstood, ['flux capacitor']);
      assert.deepEqual(r.plan.notUnderstood, ['flux capacitor']);
      assert.deepEqual(kinds(r.plan).sort(), ['containerService', 'loadBalancer', 'monitoring']);
    });
    it('reports words of several unknown things separately', () => {
      assert.deepEqual(compileIntent('postgres database, a kafka cluster and a mainframe').notUnderstood, [
        'kafka',
        'mainframe',
      ]);
    });
    it('ignores filler words', () => {
      assert.deepEqual(
        compileIntent('Please could you set up a simple redis cache for us').notUnderstood,
        [],
      );
    });
  });

  describe('environments', () => {
    const cases: [string, string][] = [
      ['production', 'prod'],
      ['prod', 'prod'],
      ['live', 'prod'],
      ['staging', 'staging'],
      ['stage', 'staging'],
      ['preprod', 'staging'],
      ['uat', 'staging'],
      ['dev', 'dev'],
      ['development', 'dev'],
      ['sandbox', 'dev'],
      ['test', 'dev'],
    ];
    for (const [word, env] of cases) {
      it(`"${word}" → ${env}`, () => {
        const p = plan(`${word} postgres database`);
        assert.equal(p.env, env);
        assert.equal(p.envSource, 'request');
      });
    }
    it('applies the profile: prod is multi-AZ and protected, dev is neither', () => {
      const prod = plan('production postgres');
      assert.equal(prod.profile.highAvailability, true);
      assert.equal(prod.profile.deletionProtection, true);
      const dev = plan('dev postgres');
      assert.equal(dev.profile.highAvailability, false);
      assert.equal(dev.profile.deletionProtection, false);
      assert.equal(dev.profile.alarms, false);
    });
    it('takes the option when the request names none, else defaults to prod with an assumption', () => {
      assert.equal(plan('postgres', { env: 'staging' }).env, 'staging');
      assert.equal(plan('postgres', { env: 'staging' }).envSource, 'option');
      const p = plan('postgres');
      assert.equal(p.env, 'prod');
      assert.equal(p.envSource, 'default');
      assert.ok(p.assumptions.some((a) => /environment/i.test(a)));
    });
    it('"highly available" turns HA on whatever the environment', () => {
      assert.equal(plan('highly available redis for dev').profile.highAvailability, true);
      assert.equal(one(plan('highly available redis for dev'), 'cache').highAvailability, true);
    });
  });

  describe('quantities, sizes and ranges', () => {
    it('reads "between 2 and 10 tasks" as an autoscaling range', () => {
      const svc = one(plan('containerized api that autoscales between 2 and 10 tasks'), 'containerService');
      assert.deepEqual([svc.autoscaling?.min, svc.autoscaling?.max], [2, 10]);
    });
    it('reads other range forms', () => {
      assert.deepEqual(
        one(plan('fargate service scaling from 3 to 12 tasks'), 'containerService').autoscaling?.max,
        12,
      );
      assert.deepEqual(one(plan('fargate service, 2-6 tasks'), 'containerService').autoscaling?.min, 2);
      const asg = one(
        plan('auto scaling group of web servers behind an alb, min 2 max 8'),
        'autoScalingGroup',
      );
      assert.deepEqual([asg.min, asg.max], [2, 8]);
    });
    it('reads counts: "3 nodes", "three nodes", "4 shards", "3 availability zones"', () => {
      assert.equal(one(plan('opensearch with 3 nodes'), 'search').nodes, 3);
      assert.equal(one(plan('opensearch with three nodes'), 'search').nodes, 3);
      assert.equal(one(plan('kinesis stream with 4 shards'), 'stream').shards, 4);
      assert.equal(one(plan('vpc across 3 availability zones'), 'network').azCount, 3);
      assert.equal(one(plan('two ec2 instances'), 'vm').count, 2);
    });
    it('reads sizes: "500gb", "1 TB of storage"', () => {
      assert.equal(one(plan('postgres with 500gb'), 'database').storageGb, 500);
      assert.equal(one(plan('mysql with 1 TB of storage'), 'database').storageGb, 1024);
    });
    it('reads instance types and engine versions', () => {
      assert.equal(one(plan('a t3.micro ec2 instance'), 'vm').instanceType, 't3.micro');
      assert.equal(one(plan('MySQL 8 database'), 'database').version, '8');
      assert.equal(one(plan('PostgreSQL 16.3 database'), 'database').version, '16.3');
    });
    it('reads size words', () => {
      assert.equal(plan('small mysql database').profile.sizing, 'small');
      assert.equal(plan('large postgres database').profile.sizing, 'large');
    });
  });

  describe('regions, CIDRs, IPs, e-mail addresses, ports, domains', () => {
    it('reads region names and nicknames', () => {
      assert.equal(plan('vpc in eu-west-1').region, 'eu-west-1');
      assert.equal(plan('vpc in ap-southeast-2').region, 'ap-southeast-2');
      assert.equal(plan('a redis cache in frankfurt').region, 'eu-central-1');
      assert.equal(plan('postgres in tokyo').region, 'ap-northeast-1');
      assert.equal(plan('postgres', { region: 'eu-north-1' }).region, 'eu-north-1');
      assert.equal(plan('postgres').region, 'us-east-1');
    });
    it('reads CIDRs and IPs as ranges (an IP becomes a /32)', () => {
      const vm = one(plan('ec2 instance I can ssh into from 203.0.113.10'), 'vm');
      assert.deepEqual(vm.sshFrom, ['203.0.113.10/32']);
      const lb = one(plan('internal dashboard reachable only from 10.8.0.0/16'), 'loadBalancer');
      assert.deepEqual(lb.allowedCidrs, ['10.8.0.0/16']);
      assert.equal(lb.internal, true);
    });
    it('keeps a public office range internet-facing but restricted', () => {
      const lb = one(plan('web app only reachable from our office 198.51.100.0/24'), 'loadBalancer');
      assert.equal(lb.internal, false);
      assert.deepEqual(lb.allowedCidrs, ['198.51.100.0/24']);
    });
    it('reads e-mail addresses as alert subscribers', () => {
      assert.deepEqual(
        one(plan('alert ops@example.com and dev.team+aws@corp.example.io on errors'), 'monitoring').emails,
        ['ops@example.com', 'dev.team+aws@corp.example.io'],
      );
    });
    it('reads ports', () => {
      assert.equal(one(plan('containerized api listening on port 3000'), 'containerService').port, 3000);
    });
    it('reads domains (not the domain of an e-mail address)', () => {
      assert.equal(one(plan('static website for example.com'), 'staticSite').domain, 'example.com');
      assert.equal(
        plan('email ops@example.com when cpu is above 90%').components.some((c) => c.kind === 'staticSite'),
        false,
      );
    });
  });

  describe('thresholds, durations and schedules', () => {
    it('reads "above 80% for 10 minutes"', () => {
      const m = one(
        plan('Email ops@example.com when CPU on the web servers stays above 80% for 10 minutes'),
        'monitoring',
      );
      assert.equal(m.alarms.length, 1);
      assert.deepEqual(
        {
          metric: m.alarms[0].metric,
          threshold: m.alarms[0].threshold,
          minutes: m.alarms[0].periodMinutes,
          cmp: m.alarms[0].comparison,
        },
        { metric: 'cpu', threshold: 80, minutes: 10, cmp: 'above' },
      );
      assert.deepEqual(m.alarms[0].external, { name: 'web', kind: 'autoScalingGroup' });
    });
    it('reads other threshold phrasings', () => {
      const m = one(
        plan('alert me if memory goes over 90 percent for half an hour on the ecs service'),
        'monitoring',
      );
      assert.equal(m.alarms[0].metric, 'memory');
      assert.equal(m.alarms[0].threshold, 90);
      const low = one(plan('postgres, alarm when free storage drops below 10 for 5 minutes'), 'monitoring');
      assert.equal(low.alarms[0].comparison, 'below');
      assert.equal(low.alarms[0].metric, 'storage');
    });
    it('reads retention durations', () => {
      assert.equal(
        one(plan('Postgres database with backups kept for 30 days'), 'database').backupRetentionDays,
        30,
      );
      assert.equal(one(plan('postgres with 2 weeks of backups'), 'database').backupRetentionDays, 14);
      assert.equal(
        one(plan('Bucket for logs that deletes objects after one year'), 'bucket').lifecycle?.expirationDays,
        365,
      );
      assert.equal(
        one(plan('bucket, moved to glacier after 90 days'), 'bucket').lifecycle?.transitionDays,
        90,
      );
      assert.equal(
        one(plan('sqs queue with a dead-letter queue after 5 failed attempts'), 'queue').maxReceiveCount,
        5,
      );
    });
    const schedules: [string, string][] = [
      ['run every night at 2am', 'cron(0 2 * * ? *)'],
      ['run every night at 2am UTC', 'cron(0 2 * * ? *)'],
      ['run nightly', 'cron(0 2 * * ? *)'],
      ['run daily at 3:30pm', 'cron(30 15 * * ? *)'],
      ['run every day at midnight', 'cron(0 0 * * ? *)'],
      ['run at 6am every morning', 'cron(0 6 * * ? *)'],
      ['run every 5 minutes', 'rate(5 minutes)'],
      ['run every minute', 'rate(1 minute)'],
      ['run hourly', 'rate(1 hour)'],
      ['run every 2 hours', 'rate(2 hours)'],
      ['run weekdays at 8:30am', 'cron(30 8 ? * MON-FRI *)'],
      ['run every Monday at 9am', 'cron(0 9 ? * MON *)'],
      ['run weekly', 'cron(0 0 ? * SUN *)'],
      ['run monthly at noon', 'cron(0 12 1 * ? *)'],
      ['a cron job at 3:15', 'cron(15 3 * * ? *)'],
    ];
    for (const [text, expected] of schedules) {
      it(`"${text}" → ${expected}`, () => assert.equal(cron(text), expected));
    }
    it('a scheduled function gets an EventBridge schedule', () => {
      const p = plan('Run a cleanup Lambda every night at 2am UTC');
      const job = one(p, 'scheduledJob');
      assert.equal(job.schedule, 'cron(0 2 * * ? *)');
      assert.equal(job.target, one(p, 'function').id);
      assert.equal(one(p, 'function').name, 'cleanup');
      assert.deepEqual(compileIntent('Run a cleanup Lambda every night at 2am UTC').notUnderstood, []);
    });
    it('"monthly budget" is not a schedule', () => {
      assert.equal(
        plan('monthly budget of $300').components.some((c) => c.kind === 'scheduledJob'),
        false,
      );
      assert.equal(one(plan('monthly budget of $300'), 'budget').monthlyLimitUsd, 300);
    });
  });

  describe('relations', () => {
    it('a service the app talks to becomes an external relation', () => {
      const p = plan('Production web service, Postgres backend, needs to talk to the payment service');
      const svc = one(p, 'containerService');
      const talks = p.relations.filter(
        (r): r is Extract<Relation, { kind: 'talksTo' }> => r.kind === 'talksTo',
      );
      assert.deepEqual(talks, [{ kind: 'talksTo', from: svc.id, external: { name: 'payment' } }]);
      assert.ok(
        p.relations.some(
          (r) => r.kind === 'connectsTo' && r.from === svc.id && r.to === one(p, 'database').id,
        ),
      );
      assert.ok(p.relations.some((r) => r.kind === 'behindLoadBalancer' && r.target === svc.id));
    });
    it('other ways of saying it', () => {
      for (const text of [
        'api that calls the billing api',
        'web app which connects to the inventory system',
        'worker that sends to the ledger service',
      ]) {
        assert.equal(plan(text).relations.filter((r) => r.kind === 'talksTo').length, 1, text);
      }
    });
    it('"behind a load balancer" puts the workload behind one', () => {
      const p = plan('Containerized API behind a load balancer');
      assert.equal(one(p, 'loadBalancer').target, one(p, 'containerService').id);
    });
    it('"only from the VPN 10.8.0.0/16" restricts the load balancer and makes it internal', () => {
      const p = plan('Internal admin dashboard reachable only from the VPN range 10.8.0.0/16');
      assert.ok(p.relations.some((r) => r.kind === 'allowedFrom' && r.cidrs[0] === '10.8.0.0/16'));
      assert.equal(one(p, 'loadBalancer').internal, true);
    });
    it('a worker reads its queue; a function consuming a queue is triggered by it', () => {
      const w = plan('Background worker on Fargate that processes jobs from a queue, no public traffic');
      assert.equal(one(w, 'containerService').worker, true);
      assert.ok(w.relations.some((r) => r.kind === 'connectsTo' && r.access === 'read'));
      assert.equal(
        w.components.some((c) => c.kind === 'loadBalancer'),
        false,
      );
      const f = plan('An SQS queue consumed by a Lambda function');
      assert.equal(one(f, 'function').trigger, 'queue');
    });
    it('a bastion reaching the private databases creates no database', () => {
      const p = plan('Bastion host in a public subnet so engineers can reach the private databases');
      assert.equal(
        p.components.some((c) => c.kind === 'database'),
        false,
      );
      assert.equal(one(p, 'vm').role, 'bastion');
    });
    it('"the database password" is a secret, read by the app role outside the stack', () => {
      const p = plan("Keep the database password in Secrets Manager and let the app's role read it");
      assert.deepEqual(kinds(p), ['secret']);
      assert.deepEqual(one(p, 'secret').readers, ['external:app']);
    });
    it('watching "the web servers" creates alarms, not servers', () => {
      const p = plan('Email ops@example.com when CPU on the web servers stays above 80% for 10 minutes');
      assert.deepEqual(kinds(p), ['monitoring']);
    });
    it('fan-out subscribes every queue to the topic', () => {
      const p = plan(
        'Order events published to a topic and fanned out to a billing queue and a shipping queue',
      );
      const topic = one(p, 'topic');
      assert.deepEqual(topic.subscribers, ['billing', 'shipping']);
      assert.equal(topic.name, 'order events');
    });
  });

  describe('names', () => {
    it('names components after their purpose', () => {
      assert.equal(
        one(plan('Highly available Redis cache for user sessions'), 'cache').name,
        'user sessions',
      );
      assert.equal(one(plan('S3 bucket for user uploads'), 'bucket').purpose, 'uploads');
      assert.equal(one(plan('FIFO queue for payments'), 'queue').name, 'payments');
    });
    it('keeps component ids unique and valid', () => {
      const p = plan('two queues: billing queue and billing queue, postgres db, redis cache, web app');
      const ids = p.components.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.match(id, /^[a-z][a-z0-9_]*$/);
    });
  });

  describe('the plan', () => {
    it('is plain JSON', () => {
      for (const text of [
        'Production web service, Postgres backend',
        'Static website for example.com',
        'eks for staging',
      ]) {
        const p = plan(text);
        assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
      }
    });
    it('never throws on odd input', () => {
      for (const text of [
        '',
        '   ',
        '!!!',
        '42',
        'a',
        'the the the',
        'ßüñ 😀 ✓',
        'x'.repeat(5000),
        'postgres '.repeat(200),
      ]) {
        const r = compileIntent(text);
        assert.ok(Array.isArray(r.notUnderstood));
      }
    });
    it('an empty request has no components and reports nothing', () => {
      const r = compileIntent('');
      assert.deepEqual(r.plan.components, []);
      assert.deepEqual(r.notUnderstood, []);
    });
  });
});
