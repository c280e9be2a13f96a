import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiveResource } from '../../../server/src/service/cloud/snapshot';
import { computeDrift, humanAge } from '../../../server/src/service/drift/diagnostics';
import { readState } from '../../../server/src/service/drift/state';
import { failed, NOW, ok, render, snapshot, stateV4, workspace } from './fixtures';

const REGION = 'eu-west-1';

const MAIN = `provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}

variable "ami" {
  type = string
}

resource "aws_instance" "web" {
  ami                    = var.ami
  instance_type          = var.instance_type
  monitoring             = true
  vpc_security_group_ids = ["sg-0b", "sg-0a"]

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  tags = {
    Name = "web"
    Env  = "prod"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}
`;

const STATE = stateV4([
  {
    type: 'aws_instance',
    name: 'web',
    instances: [{ attributes: { id: 'i-0abc', arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc' } }],
  },
  { type: 'aws_s3_bucket', name: 'logs', instances: [{ attributes: { id: 'acme-logs', region: REGION } }] },
  {
    type: 'aws_iam_role',
    name: 'app',
    instances: [{ attributes: { id: 'app', arn: 'arn:aws:iam::123456789012:role/app' } }],
  },
]);

const web = (attributes: Record<string, unknown> = {}): LiveResource => ({
  type: 'aws_instance',
  id: 'i-0abc',
  region: REGION,
  name: 'web',
  attributes: {
    ami: 'ami-0123',
    instance_type: 't3.micro',
    monitoring: true,
    vpc_security_group_ids: ['sg-0a', 'sg-0b'],
    metadata_options: [{ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 }],
    tags: { Name: 'web', Env: 'prod' },
    tags_all: { Name: 'web', Env: 'prod', ManagedBy: 'terraform' },
    ...attributes,
  },
});
const logs: LiveResource = {
  type: 'aws_s3_bucket',
  id: 'acme-logs',
  region: REGION,
  name: 'acme-logs',
  attributes: { bucket: 'acme-logs', force_destroy: false },
};
const role = (policy: unknown): LiveResource => ({
  type: 'aws_iam_role',
  id: 'app',
  region: REGION,
  name: 'app',
  arn: 'arn:aws:iam::123456789012:role/app',
  attributes: { name: 'app', assume_role_policy: policy, max_session_duration: 3600 },
});
const POLICY = {
  Statement: [{ Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Effect: 'Allow' }],
  Version: '2012-10-17',
};

describe('drift diagnostics', () => {
  it('no drift when the live resources agree: sets in another order, tags_all with default tags, a JSON policy with other key order, provider defaults', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    assert.deepEqual(render(ws.diagnostics(snapshot([web(), logs, role(POLICY)]), STATE)), []);
  });

  it('a JSON policy as the scanner may keep it, text with other whitespace and a one-element Action list → no drift', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    const text = JSON.stringify(
      { ...POLICY, Statement: [{ ...POLICY.Statement[0], Action: ['sts:AssumeRole'] }] },
      null,
      4,
    );
    assert.deepEqual(render(ws.diagnostics(snapshot([web(), logs, role(text)]), STATE)), []);
  });

  it('each drifted attribute on its exact value range, with the scan age', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    const snap = snapshot([
      web({
        instance_type: 't3.large',
        monitoring: false,
        vpc_security_group_ids: ['sg-0a', 'sg-0c'],
        metadata_options: [{ http_tokens: 'optional', http_endpoint: 'enabled' }],
        tags_all: { Name: 'web', Env: 'staging', ManagedBy: 'terraform' },
      }),
      logs,
      role({ ...POLICY, Statement: [{ ...POLICY.Statement[0], Action: 'sts:*' }] }),
    ]);
    assert.deepEqual(render(ws.diagnostics(snap, STATE)), [
      '22:28-22:45 Drift: live instance_type is "t3.large", code says "t3.micro" (scanned 5 minutes ago)',
      '23:28-23:32 Drift: live monitoring is false, code says true (scanned 5 minutes ago)',
      '24:28-24:46 Drift: live vpc_security_group_ids is ["sg-0a", "sg-0c"], code says ["sg-0b", "sg-0a"] (scanned 5 minutes ago)',
      '27:21-27:31 Drift: live metadata_options.http_tokens is "optional", code says "required" (scanned 5 minutes ago)',
      '33:12-33:18 Drift: live tags.Env is "staging", code says "prod" (scanned 5 minutes ago)',
      '43:24-50:5 Drift: live assume_role_policy Statement[0].Action is "sts:*", code says "sts:AssumeRole" (scanned 5 minutes ago)',
    ]);
    const [first] = ws.diagnostics(snap, STATE);
    assert.equal(first.code, 'drift');
    assert.equal(first.source, 'opsmith');
    assert.equal(first.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(first.data, {
      kind: 'attribute',
      address: 'aws_instance.web',
      importId: 'i-0abc',
      blockIndex: 3,
      path: ['instance_type'],
      display: 'instance_type',
      ignorePath: 'instance_type',
      live: 't3.large',
      liveMissing: false,
      entryRange: undefined,
      adoptable: true,
    });
  });

  it('severity is a setting', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    const snap = snapshot([web({ instance_type: 't3.large' }), logs, role(POLICY)]);
    assert.deepEqual(
      ws.diagnostics(snap, STATE, { severity: DiagnosticSeverity.Information }).map((d) => d.severity),
      [DiagnosticSeverity.Information],
    );
  });

  it('a resource gone from the cloud: one diagnostic on the block header', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    const snap = snapshot(
      [logs, role(POLICY)],
      [ok('aws_instance'), ok('aws_s3_bucket'), ok('aws_iam_role')],
    );
    const found = ws.diagnostics(snap, STATE);
    assert.deepEqual(render(found), [
      '20:1-20:32 Drift: aws_instance.web no longer exists in the cloud (scanned 5 minutes ago)',
    ]);
    assert.deepEqual(found[0].data, {
      kind: 'missing',
      address: 'aws_instance.web',
      importId: 'i-0abc',
      blockIndex: 3,
      adoptable: false,
    });
  });

  it('a type whose listing failed, or was not scanned at all, is unknown: never "missing"', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    assert.deepEqual(
      render(ws.diagnostics(snapshot([role(POLICY)], [failed('aws_instance'), ok('aws_iam_role')]), STATE)),
      [],
    );
    const report = computeDrift(
      ws.module,
      snapshot([role(POLICY)], [failed('aws_instance'), ok('aws_iam_role')]),
      readState(STATE),
    );
    assert.deepEqual(
      report.match.unknown.map((u) => `${u.address}: ${u.reason}`),
      [
        'aws_instance.web: aws_instance was not scanned completely',
        'aws_s3_bucket.logs: aws_s3_bucket was not scanned completely',
      ],
    );
    // Failed in the resource's region, ok elsewhere: still unknown.
    assert.deepEqual(
      render(
        ws.diagnostics(
          snapshot(
            [role(POLICY)],
            [ok('aws_instance', 'us-east-1'), failed('aws_instance'), ok('aws_iam_role')],
          ),
          STATE,
        ),
      ),
      [],
    );
  });

  it('variables with a literal default are resolved; references and variables without one are not compared', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    // ami = var.ami has no default: a different live AMI is no finding.
    const found = ws.diagnostics(
      snapshot([web({ ami: 'ami-9999', instance_type: 't3.nano' }), logs, role(POLICY)]),
      STATE,
    );
    assert.deepEqual(render(found), [
      '22:28-22:45 Drift: live instance_type is "t3.nano", code says "t3.micro" (scanned 5 minutes ago)',
    ]);
  });

  it('lifecycle.ignore_changes is respected', async () => {
    const text = `resource "aws_instance" "web" {
  instance_type = "t3.micro"
  monitoring    = true

  tags = {
    Name = "web"
    Env  = "prod"
  }

  lifecycle {
    ignore_changes = [monitoring, tags["Env"]]
  }
}
`;
    const ws = await workspace({ 'main.tf': text });
    const snap = snapshot([
      web({ instance_type: 't3.large', monitoring: false, tags_all: { Name: 'web', Env: 'dev' } }),
    ]);
    assert.deepEqual(render(ws.diagnostics(snap, STATE)), [
      '2:19-2:29 Drift: live instance_type is "t3.large", code says "t3.micro" (scanned 5 minutes ago)',
    ]);
  });

  it('a tag the live resource lacks', async () => {
    const ws = await workspace({ 'main.tf': MAIN });
    const snap = snapshot([
      web({ tags: { Name: 'web' }, tags_all: { Name: 'web', ManagedBy: 'terraform' } }),
      logs,
      role(POLICY),
    ]);
    assert.deepEqual(render(ws.diagnostics(snap, STATE)), [
      '33:12-33:18 Drift: live tags.Env is not set, code says "prod" (scanned 5 minutes ago)',
    ]);
  });

  describe('matching', () => {
    const queue = `resource "aws_sqs_queue" "jobs" {
  name                       = "jobs"
  visibility_timeout_seconds = 30
}
`;
    const liveQueue = (
      timeout: number,
      id = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
    ): LiveResource => ({
      type: 'aws_sqs_queue',
      id,
      region: REGION,
      name: 'jobs',
      attributes: { name: 'jobs', visibility_timeout_seconds: timeout },
    });

    it('by state: the address maps to the ID, whatever the name says', async () => {
      const ws = await workspace({ 'main.tf': queue });
      const state = stateV4([
        { type: 'aws_sqs_queue', name: 'jobs', instances: [{ attributes: { id: 'q-2' } }] },
      ]);
      const snap = snapshot([
        liveQueue(30),
        { ...liveQueue(60, 'q-2'), attributes: { name: 'jobs-renamed', visibility_timeout_seconds: 60 } },
      ]);
      assert.deepEqual(render(ws.diagnostics(snap, state)), [
        '2:32-2:38 Drift: live name is "jobs-renamed", code says "jobs" (scanned 5 minutes ago)',
        '3:32-3:34 Drift: live visibility_timeout_seconds is 60, code says 30 (scanned 5 minutes ago)',
      ]);
      const report = computeDrift(ws.module, snap, readState(state));
      assert.deepEqual(
        report.match.matched.map((m) => [m.address, m.by, m.live.id]),
        [['aws_sqs_queue.jobs', 'state', 'q-2']],
      );
      assert.deepEqual(
        report.match.unmanaged.map((l) => l.id),
        ['https://sqs.eu-west-1.amazonaws.com/123456789012/jobs'],
      );
    });

    it('by import block when state does not have it yet', async () => {
      const ws = await workspace({
        'main.tf': queue,
        'imports.tf': `import {\n  to = aws_sqs_queue.jobs\n  id = "q-7"\n}\n`,
      });
      const snap = snapshot([liveQueue(30), liveQueue(45, 'q-7')]);
      assert.deepEqual(render(ws.diagnostics(snap, undefined)), [
        '3:32-3:34 Drift: live visibility_timeout_seconds is 45, code says 30 (scanned 5 minutes ago)',
      ]);
      assert.deepEqual(
        computeDrift(ws.module, snap, undefined).match.matched.map((m) => [m.address, m.by, m.live.id]),
        [['aws_sqs_queue.jobs', 'import', 'q-7']],
      );
    });

    it('an import of an ID the complete scan did not see is missing', async () => {
      const ws = await workspace({
        'main.tf': queue,
        'imports.tf': `import {\n  to = aws_sqs_queue.jobs\n  id = "q-7"\n}\n`,
      });
      assert.deepEqual(render(ws.diagnostics(snapshot([], [ok('aws_sqs_queue')]), undefined)), [
        '1:1-1:34 Drift: aws_sqs_queue.jobs no longer exists in the cloud (scanned 5 minutes ago)',
      ]);
    });

    it('by identifying attribute (name) without state', async () => {
      const ws = await workspace({ 'main.tf': queue });
      assert.deepEqual(render(ws.diagnostics(snapshot([liveQueue(90)]), undefined)), [
        '3:32-3:34 Drift: live visibility_timeout_seconds is 90, code says 30 (scanned 5 minutes ago)',
      ]);
    });

    it('by Name tag without state; an ambiguous Name matches nothing', async () => {
      const text = `resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n\n  tags = {\n    Name = "main"\n  }\n}\n`;
      const ws = await workspace({ 'main.tf': text });
      const vpc = (id: string, cidr: string): LiveResource => ({
        type: 'aws_vpc',
        id,
        region: REGION,
        name: 'main',
        attributes: { cidr_block: cidr, tags: { Name: 'main' } },
        tags: { Name: 'main' },
      });
      assert.deepEqual(render(ws.diagnostics(snapshot([vpc('vpc-1', '10.1.0.0/16')]), undefined)), [
        '2:16-2:29 Drift: live cidr_block is "10.1.0.0/16", code says "10.0.0.0/16" (scanned 5 minutes ago)',
      ]);
      assert.deepEqual(
        render(
          ws.diagnostics(snapshot([vpc('vpc-1', '10.1.0.0/16'), vpc('vpc-2', '10.2.0.0/16')]), undefined),
        ),
        [],
      );
    });

    it('a resource in code but in neither state nor the cloud is not yet created: no finding', async () => {
      const ws = await workspace({ 'main.tf': queue });
      assert.deepEqual(render(ws.diagnostics(snapshot([], [ok('aws_sqs_queue')]), undefined)), []);
    });

    it('a live resource managed by another module in state is not unmanaged, nor matched by name', async () => {
      const ws = await workspace({ 'main.tf': queue });
      const state = stateV4([
        {
          type: 'aws_sqs_queue',
          name: 'jobs',
          module: 'module.other',
          instances: [{ attributes: { id: 'q-1' } }],
        },
      ]);
      const report = computeDrift(ws.module, snapshot([liveQueue(90, 'q-1')]), readState(state));
      assert.deepEqual(report.match.matched, []);
      assert.deepEqual(report.match.unmanaged, []);
    });
  });

  it('count and for_each instances: one finding per drifted instance, named by its address', async () => {
    const text = `resource "aws_instance" "worker" {
  count         = 2
  instance_type = "c6i.large"
}

resource "aws_sqs_queue" "q" {
  for_each = toset(["a", "b"])

  name                      = "q-\${each.key}"
  message_retention_seconds = 86400
}
`;
    const ws = await workspace({ 'main.tf': text });
    const state = stateV4([
      {
        type: 'aws_instance',
        name: 'worker',
        instances: [0, 1].map((i) => ({ index_key: i, attributes: { id: `i-${i}` } })),
      },
      {
        type: 'aws_sqs_queue',
        name: 'q',
        instances: ['a', 'b'].map((k) => ({ index_key: k, attributes: { id: `q-${k}` } })),
      },
    ]);
    const snap = snapshot(
      [
        { type: 'aws_instance', id: 'i-0', region: REGION, attributes: { instance_type: 'c6i.large' } },
        { type: 'aws_instance', id: 'i-1', region: REGION, attributes: { instance_type: 'c6i.xlarge' } },
        {
          type: 'aws_sqs_queue',
          id: 'q-a',
          region: REGION,
          attributes: { name: 'q-a', message_retention_seconds: 345600 },
        },
      ],
      [ok('aws_instance'), ok('aws_sqs_queue')],
    );
    assert.deepEqual(render(ws.diagnostics(snap, state)), [
      '3:19-3:30 Drift: live instance_type is "c6i.xlarge", code says "c6i.large" (aws_instance.worker[1], scanned 5 minutes ago)',
      '6:1-6:31 Drift: aws_sqs_queue.q["b"] no longer exists in the cloud (scanned 5 minutes ago)',
      '10:31-10:36 Drift: live message_retention_seconds is 345600, code says 86400 (aws_sqs_queue.q["a"], scanned 5 minutes ago)',
    ]);
  });

  it('module resources in state: the code of a module directory under its module path', async () => {
    const text = `resource "aws_vpc" "this" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_hostnames = true\n}\n`;
    const ws = await workspace({ 'main.tf': text });
    const state = stateV4([
      {
        type: 'aws_vpc',
        name: 'this',
        module: 'module.network',
        instances: [{ attributes: { id: 'vpc-1' } }],
      },
      { type: 'aws_vpc', name: 'this', instances: [{ attributes: { id: 'vpc-root' } }] },
    ]);
    const snap = snapshot([
      {
        type: 'aws_vpc',
        id: 'vpc-1',
        region: REGION,
        attributes: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: false },
      },
      {
        type: 'aws_vpc',
        id: 'vpc-root',
        region: REGION,
        attributes: { cidr_block: '10.9.0.0/16', enable_dns_hostnames: true },
      },
    ]);
    assert.deepEqual(render(ws.diagnostics(snap, state, { modulePath: 'module.network' })), [
      '3:26-3:30 Drift: live enable_dns_hostnames is false, code says true (module.network.aws_vpc.this, scanned 5 minutes ago)',
    ]);
  });

  it('show -json state works the same as the state file', async () => {
    const ws = await workspace({
      'main.tf': `resource "aws_s3_bucket" "logs" {\n  bucket        = "acme-logs"\n  force_destroy = true\n}\n`,
    });
    const state = readState({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [{ mode: 'managed', type: 'aws_s3_bucket', name: 'logs', values: { id: 'acme-logs' } }],
        },
      },
    });
    assert.deepEqual(render(ws.diagnostics(snapshot([logs]), state)), [
      '3:19-3:23 Drift: live force_destroy is false, code says true (scanned 5 minutes ago)',
    ]);
  });

  it('heredoc JSON policies compare as JSON', async () => {
    const text = `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}
  ]
}
EOF
}
`;
    const ws = await workspace({ 'main.tf': text });
    assert.deepEqual(render(ws.diagnostics(snapshot([role(POLICY)]), STATE)), []);
    const changed = {
      ...POLICY,
      Statement: [{ ...POLICY.Statement[0], Principal: { Service: 'lambda.amazonaws.com' } }],
    };
    assert.deepEqual(render(ws.diagnostics(snapshot([role(changed)]), STATE)), [
      '3:24-10:4 Drift: live assume_role_policy Statement[0].Principal.Service is "lambda.amazonaws.com", code says "ec2.amazonaws.com" (scanned 5 minutes ago)',
    ]);
  });

  it('ages read as seconds, minutes, hours and days', () => {
    const at = '2025-03-01T12:00:00.000Z';
    const t = Date.parse(at);
    assert.deepEqual(
      [0, 1_000, 59_000, 60_000, 3_599_000, 3_600_000, 86_399_000, 86_400_000, 3 * 86_400_000].map((ms) =>
        humanAge(at, t + ms),
      ),
      [
        '0 seconds ago',
        '1 second ago',
        '59 seconds ago',
        '1 minute ago',
        '59 minutes ago',
        '1 hour ago',
        '23 hours ago',
        '1 day ago',
        '3 days ago',
      ],
    );
    assert.equal(humanAge(at, new Date(NOW)), '5 minutes ago');
  });
});
