import assert from 'node:assert/strict';
import { formatHcl } from '../../../server/src/service/format/formatter';
import { generate } from '../../../server/src/service/generate/index';
import type { ExistingStack } from '../../../server/src/service/generate/plan';
import type { LanguageService } from '../../../server/src/service/languageService';
import { schemas } from './helpers';
import { serviceWith, uri } from '../helpers/service';

const EXISTING: Record<string, string> = {
  'versions.tf': `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}
`,
  'providers.tf': `provider "aws" {
  region = var.region
}
`,
  'variables.tf': `variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "project" {
  type    = string
  default = "shop"
}
`,
  'network.tf': `resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}

resource "aws_subnet" "public" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index + 100)
}
`,
  'database.tf': `resource "aws_security_group" "db_db" {
  name   = "legacy"
  vpc_id = aws_vpc.main.id
}
`,
  'monitoring.tf': `resource "aws_sns_topic" "alerts" {
  name = "shop-alerts"
}
`,
  'outputs.tf': `output "vpc_id" {
  value = aws_vpc.main.id
}
`,
};

/** What the folder declares, read from the language service's model of its files. */
function describe_(service: LanguageService, folder: string): ExistingStack {
  const stack: ExistingStack = {
    files: [],
    resources: [],
    dataSources: [],
    variables: [],
    outputs: [],
    locals: [],
    providers: [],
    requiredProviders: [],
    hasRequiredVersion: false,
  };
  for (const doc of service.index.documentsIn(folder)) {
    stack.files.push(doc.uri.slice(folder.length + 1));
    for (const b of doc.model.blocks) {
      const [a, n] = b.labels.map((l) => l.text);
      if (b.type === 'resource')
        stack.resources.push({
          type: a,
          name: n,
          attributes: Object.fromEntries(b.attributes.map((x) => [x.name, x.valueText])),
        });
      if (b.type === 'data')
        stack.dataSources!.push({
          type: a,
          name: n,
          attributes: Object.fromEntries(b.attributes.map((x) => [x.name, x.valueText])),
        });
      if (b.type === 'variable') stack.variables.push(a);
      if (b.type === 'output') stack.outputs.push(a);
      if (b.type === 'locals') stack.locals!.push(...b.attributes.map((x) => x.name));
      if (b.type === 'provider') stack.providers!.push(a);
      if (b.type === 'terraform') {
        if (b.attributes.some((x) => x.name === 'required_version')) stack.hasRequiredVersion = true;
        for (const rp of b.blocks.filter((x) => x.type === 'required_providers'))
          stack.requiredProviders!.push(...rp.attributes.map((x) => x.name));
      }
    }
  }
  return stack;
}

describe('generation into a folder that already holds Terraform', () => {
  let existing: ExistingStack;
  let result: ReturnType<typeof generate>;
  let combined: LanguageService;

  before(async () => {
    const { schemas: provider } = await schemas();
    const before = await serviceWith(EXISTING, { schemas: provider });
    existing = describe_(before, 'file:///ws');
    result = generate('Postgres database for production with standard monitoring', { existing });
    const files = { ...EXISTING };
    for (const f of result.files) files[f.path] = f.content;
    combined = await serviceWith(files, { schemas: provider });
  });

  it('reuses the VPC and subnets instead of creating a network', () => {
    const all = result.files.map((f) => f.content).join('\n');
    assert.equal(
      result.resources.some((r) => r.startsWith('aws_vpc.') || r.startsWith('aws_subnet.')),
      false,
    );
    assert.match(all, /subnet_ids\s*=\s*aws_subnet\.private\[\*\]\.id/);
    assert.match(all, /vpc_id\s*=\s*aws_vpc\.main\.id/);
  });

  it('reuses the alert topic', () => {
    assert.equal(
      result.resources.some((r) => r.startsWith('aws_sns_topic.')),
      false,
    );
    assert.match(
      result.files.map((f) => f.content).join('\n'),
      /alarm_actions\s*=\s*\[aws_sns_topic\.alerts\.arn\]/,
    );
  });

  it('never collides with existing files, resources, variables or outputs', () => {
    for (const f of result.files) assert.ok(!EXISTING[f.path], `${f.path} already exists`);
    assert.ok(result.files.some((f) => f.path === 'database_2.tf'));
    const existingAddresses = new Set(existing.resources.map((r) => `${r.type}.${r.name}`));
    for (const r of result.resources) assert.ok(!existingAddresses.has(r), `${r} already exists`);
    assert.ok(result.resources.includes('aws_security_group.db_db_2'));
    const all = result.files.map((f) => f.content).join('\n');
    for (const v of existing.variables) assert.doesNotMatch(all, new RegExp(`variable "${v}"`));
    for (const o of existing.outputs) assert.doesNotMatch(all, new RegExp(`output "${o}"`));
    assert.doesNotMatch(all, /provider "aws"/);
    assert.doesNotMatch(all, /required_version/);
  });

  it('uses the folder’s own variables', () => {
    assert.match(result.files.map((f) => f.content).join('\n'), /var\.project/);
  });

  it('leaves the combined folder without language-service errors, formatted', () => {
    const errors: string[] = [];
    for (const f of result.files) {
      assert.equal(formatHcl(f.content), f.content);
      for (const d of combined.diagnostics(uri(f.path)))
        if (d.severity === 1) errors.push(`${f.path}:${d.range.start.line + 1}: ${d.message}`);
    }
    for (const path of Object.keys(EXISTING)) {
      for (const d of combined.diagnostics(uri(path)))
        if (d.severity === 1) errors.push(`${path}:${d.range.start.line + 1}: ${d.message}`);
    }
    assert.deepEqual(errors, []);
  });

  it('a second stack into the same folder collides with neither', async () => {
    const files = { ...EXISTING };
    for (const f of result.files) files[f.path] = f.content;
    const { schemas: provider } = await schemas();
    const now = describe_(await serviceWith(files, { schemas: provider }), 'file:///ws');
    const second = generate('Redis cache and another postgres database', { existing: now });
    for (const f of second.files) assert.ok(!files[f.path], `${f.path} already exists`);
    const taken = new Set(now.resources.map((r) => `${r.type}.${r.name}`));
    for (const r of second.resources) assert.ok(!taken.has(r), `${r} already exists`);
    for (const f of second.files) files[f.path] = f.content;
    const service = await serviceWith(files, { schemas: provider });
    const errors = Object.keys(files).flatMap((p) =>
      service
        .diagnostics(uri(p))
        .filter((d) => d.severity === 1)
        .map((d) => `${p}:${d.range.start.line + 1}: ${d.message}`),
    );
    assert.deepEqual(errors, []);
  });
});
