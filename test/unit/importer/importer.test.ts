import assert from 'node:assert/strict';
import path from 'node:path';
import type { LiveResource } from '../../../server/src/service/cloud/snapshot';
import { createGate, type Gate } from '../../../server/src/service/gate/gate';
import { importUnmanaged, sanitizeName } from '../../../server/src/service/importer';
import { DirectorySchemaSource } from '../../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../../server/src/service/schemaView/fromSource';
import type { SchemaView } from '../../../server/src/service/schemaView/types';
import { wasmFromNodeModules } from '../helpers/service';

const ROOT = path.join(__dirname, '../../..');
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

const sgRule = (rule: Record<string, unknown>) => ({
  cidr_blocks: [],
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  security_groups: [],
  self: false,
  description: undefined,
  ...rule,
});

function snapshot(): LiveResource[] {
  const subnet = (id: string, name: string, cidr: string, az: string): LiveResource => ({
    type: 'aws_subnet',
    id,
    region: REGION,
    arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/${id}`,
    name,
    attributes: {
      id,
      vpc_id: 'vpc-0a1b2c3d4e5f60718',
      cidr_block: cidr,
      availability_zone: az,
      availability_zone_id: `euw1-az${az.endsWith('a') ? 1 : 2}`,
      map_public_ip_on_launch: false,
      assign_ipv6_address_on_creation: false,
      ipv6_cidr_block: '',
      tags: { Name: name },
    },
    tags: { Name: name },
  });
  return [
    {
      type: 'aws_vpc',
      id: 'vpc-0a1b2c3d4e5f60718',
      region: REGION,
      name: 'main',
      attributes: {
        id: 'vpc-0a1b2c3d4e5f60718',
        cidr_block: '10.0.0.0/16',
        instance_tenancy: 'default',
        enable_dns_hostnames: true,
        enable_dns_support: true,
        ipv6_cidr_block: '',
        owner_id: ACCOUNT,
        tags: { Name: 'main', 'cost-center': 'web "team"' },
      },
      tags: { Name: 'main', 'cost-center': 'web "team"' },
    },
    subnet('subnet-0aaaaaaaaaaaaaaa1', 'app-a', '10.0.1.0/24', `${REGION}a`),
    subnet('subnet-0bbbbbbbbbbbbbbb2', 'app-b', '10.0.2.0/24', `${REGION}b`),
    {
      type: 'aws_security_group',
      id: 'sg-0123456789abcdef0',
      region: REGION,
      arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123456789abcdef0`,
      name: 'web',
      attributes: {
        id: 'sg-0123456789abcdef0',
        name: 'web',
        description: 'Web servers',
        vpc_id: 'vpc-0a1b2c3d4e5f60718',
        ingress: [
          sgRule({
            from_port: 443,
            to_port: 443,
            protocol: 'tcp',
            cidr_blocks: ['0.0.0.0/0'],
            description: 'HTTPS',
          }),
          sgRule({ from_port: 8080, to_port: 8080, protocol: 'tcp', self: true }),
        ],
        egress: [sgRule({ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] })],
        owner_id: ACCOUNT,
        tags: {},
      },
      tags: {},
    },
    {
      type: 'aws_instance',
      id: 'i-0123456789abcdef0',
      region: REGION,
      name: 'web-1',
      attributes: {
        id: 'i-0123456789abcdef0',
        ami: 'ami-0abcdef1234567890',
        instance_type: 't3.micro',
        subnet_id: 'subnet-0aaaaaaaaaaaaaaa1',
        vpc_security_group_ids: ['sg-0123456789abcdef0'],
        key_name: '',
        availability_zone: `${REGION}a`,
        tenancy: 'default',
        private_ip: '10.0.1.10',
        public_ip: '',
        associate_public_ip_address: false,
        iam_instance_profile: '',
        ebs_optimized: false,
        monitoring: false,
        source_dest_check: true,
        instance_state: 'running',
        metadata_options: {
          http_endpoint: 'enabled',
          http_tokens: 'required',
          http_put_response_hop_limit: 1,
          instance_metadata_tags: 'disabled',
        },
        tags: { Name: 'web-1' },
      },
      tags: { Name: 'web-1' },
    },
    {
      type: 'aws_s3_bucket',
      id: 'acme-logs.prod',
      region: REGION,
      arn: 'arn:aws:s3:::acme-logs.prod',
      name: 'acme-logs.prod',
      attributes: {
        id: 'acme-logs.prod',
        bucket: 'acme-logs.prod',
        arn: 'arn:aws:s3:::acme-logs.prod',
        region: REGION,
        bucket_domain_name: 'acme-logs.prod.s3.amazonaws.com',
        bucket_regional_domain_name: `acme-logs.prod.s3.${REGION}.amazonaws.com`,
        tags: {},
      },
      tags: {},
    },
    {
      type: 'aws_iam_role',
      id: 'AppServer',
      region: 'global',
      arn: `arn:aws:iam::${ACCOUNT}:role/AppServer`,
      name: 'AppServer',
      attributes: {
        id: 'AppServer',
        name: 'AppServer',
        arn: `arn:aws:iam::${ACCOUNT}:role/AppServer`,
        path: '/',
        description: '',
        assume_role_policy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        max_session_duration: 3600,
        permissions_boundary: '',
        unique_id: 'AROAEXAMPLE',
        tags: {},
      },
    },
  ];
}

describe('importUnmanaged', function () {
  this.timeout(120000);
  let schemas: SchemaView;
  let gate: Gate;
  before(async () => {
    const provider = createSchemaProvider(new DirectorySchemaSource(path.join(ROOT, 'server/schemas')));
    await provider.ensureLoaded(['aws']);
    schemas = provider.view();
    gate = await createGate({ wasm: wasmFromNodeModules(), schemas: provider });
  });

  const policyQueue: LiveResource = {
    type: 'aws_sqs_queue',
    id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`,
    region: REGION,
    arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
    name: 'jobs',
    attributes: {
      name: 'jobs',
      policy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/AppServer` },
            Action: 'sqs:SendMessage',
            Resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`,
          },
        ],
      },
    },
  };

  it('writes import blocks and resources with references instead of IDs', () => {
    const result = importUnmanaged(snapshot(), { schemas });
    assert.equal(result.files.length, 1);
    assert.equal(result.files[0].path, 'imported.tf');
    assert.deepEqual(result.addresses, [
      'aws_vpc.main',
      'aws_subnet.app_a',
      'aws_subnet.app_b',
      'aws_security_group.web',
      'aws_instance.web_1',
      'aws_s3_bucket.acme_logs_prod',
      'aws_iam_role.app_server',
    ]);
    const text = result.files[0].content;
    assert.ok(
      text.includes(`import {
  to = aws_subnet.app_a
  id = "subnet-0aaaaaaaaaaaaaaa1"
}

resource "aws_subnet" "app_a" {
  vpc_id                          = aws_vpc.main.id
  cidr_block                      = "10.0.1.0/24"
  availability_zone               = "eu-west-1a"
  map_public_ip_on_launch         = false
  assign_ipv6_address_on_creation = false
  tags = {
    Name = "app-a"
  }
}
`),
      text,
    );
    assert.ok(
      text.includes(`resource "aws_instance" "web_1" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.app_a.id
  vpc_security_group_ids      = [aws_security_group.web.id]
  availability_zone           = "eu-west-1a"
  tenancy                     = "default"
  private_ip                  = "10.0.1.10"
  associate_public_ip_address = false
  ebs_optimized               = false
  monitoring                  = false
  source_dest_check           = true
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }
  tags = {
    Name = "web-1"
  }
}
`),
      text,
    );
    assert.ok(
      text.includes(`resource "aws_iam_role" "app_server" {
  name = "AppServer"
  path = "/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ec2.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      },
    ]
  })
  max_session_duration = 3600
}
`),
      text,
    );
    assert.ok(text.includes('cost-center = "web \\"team\\""'));
    // Literal IDs only in import blocks.
    const outsideImports = text.replace(/import \{[^}]*\}/g, '');
    assert.doesNotMatch(outsideImports, /\b(vpc|subnet|sg)-[0-9a-f]+/);
    assert.equal((text.match(/^import \{/gm) ?? []).length, 7);
    // Computed-only and empty values are left out.
    assert.doesNotMatch(
      text,
      /owner_id|public_ip\s|instance_state|bucket_domain_name|unique_id|availability_zone_id/,
    );
    assert.doesNotMatch(text, /= ""/);
  });

  it('passes the parse, references, schema and format stages of the gate', async () => {
    const result = importUnmanaged([...snapshot(), policyQueue], { schemas });
    const verdict = await gate.run(result.files, { profile: 'dev' });
    for (const name of ['parse', 'references', 'schema', 'format'] as const) {
      const stage = verdict.stages.find((s) => s.name === name);
      assert.ok(stage, name);
      assert.deepEqual(
        stage.findings.map((f) => `${f.file}:${f.line} ${f.message}`),
        [],
        name,
      );
    }
  });

  it('references ARNs as .arn, including inside JSON policies', () => {
    const text = importUnmanaged([...snapshot(), policyQueue], { schemas }).files[0].content;
    assert.match(text, /AWS = aws_iam_role\.app_server\.arn/);
    // A resource never refers to itself.
    assert.match(text, /Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs"/);
    assert.match(text, /id = "https:\/\/sqs\.eu-west-1\.amazonaws\.com\/123456789012\/jobs"/);
  });

  it('refers to resources already in code and keeps names clear of existing addresses', () => {
    const live = snapshot().filter((r) => r.type === 'aws_instance' || r.type === 'aws_subnet');
    const result = importUnmanaged(live, {
      schemas,
      existingIds: new Map([
        ['subnet-0aaaaaaaaaaaaaaa1', 'aws_subnet.private'],
        ['vpc-0a1b2c3d4e5f60718', 'aws_vpc.this'],
        ['sg-0123456789abcdef0', 'module.net.aws_security_group.web'],
      ]),
      existingAddresses: new Set(['aws_subnet.app_b', 'aws_instance.web_1']),
    });
    assert.deepEqual(result.addresses, ['aws_subnet.app_b_2', 'aws_instance.web_1_2']);
    const text = result.files[0].content;
    assert.match(text, /subnet_id += aws_subnet\.private\.id/);
    assert.match(text, /vpc_id += aws_vpc\.this\.id/);
    assert.match(text, /vpc_security_group_ids += \[module\.net\.aws_security_group\.web\.id\]/);
    assert.doesNotMatch(text, /aws_subnet" "app_a"/);
  });

  it('makes unique Terraform identifiers from names', () => {
    assert.equal(sanitizeName('app-a'), 'app_a');
    assert.equal(sanitizeName('AppServer'), 'app_server');
    assert.equal(sanitizeName('123 logs!'), 'r_123_logs');
    assert.equal(sanitizeName('---'), 'this');
    const two = snapshot().filter((r) => r.type === 'aws_subnet');
    two[1].name = 'app-a';
    two[1].tags = { Name: 'app a' };
    assert.deepEqual(importUnmanaged(two, { schemas }).addresses, ['aws_subnet.app_a', 'aws_subnet.app_a_2']);
  });

  it('returns nothing for nothing', () => {
    assert.deepEqual(importUnmanaged([], { schemas }), { files: [], addresses: [] });
  });
});
