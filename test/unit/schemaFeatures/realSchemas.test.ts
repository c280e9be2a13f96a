import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DirectorySchemaSource } from '../../../server/src/service/schema/schemaSource';
import { createSchemaProvider } from '../../../server/src/service/schemaView/fromSource';
import { serviceWith, uri } from '../helpers/service';

const schemaDir = path.join(__dirname, '../../../server/schemas');
const fixtures = path.join(__dirname, '../../fixtures/schema-modules');

async function withRealSchemas(files: Record<string, string>) {
  const schemas = createSchemaProvider(new DirectorySchemaSource(schemaDir));
  await schemas.ensureLoaded(['aws', 'random', 'tls', 'null', 'archive', 'local']);
  return serviceWith(files, { schemas });
}

describe('schema features on the shipped provider schemas', () => {
  it('raises no errors on modules written in the style of widely used public modules', async () => {
    const files = Object.fromEntries(
      readdirSync(fixtures).map((f) => [f, readFileSync(path.join(fixtures, f), 'utf8')]),
    );
    const service = await withRealSchemas(files);
    for (const file of Object.keys(files)) {
      const problems = service.diagnostics(uri(file)).filter((d) => d.severity !== 4);
      assert.deepEqual(
        problems.map((d) => `${file}:${d.range.start.line + 1}: ${d.message}`),
        [],
      );
    }
  });

  it('catches what models typically invent', async () => {
    const text = [
      'resource "aws_instance" "web" {',
      '  ami                  = "ami-123"',
      '  instance_type        = "t3.micro"',
      '  enable_monitoring    = true',
      '  arn                  = "x"',
      '  metadata_options {',
      '    http_tokens = "required"',
      '  }',
      '  metadata_options {',
      '    http_tokens = "required"',
      '  }',
      '}',
      'resource "aws_db_instance" "db" {',
      '  engine = "postgres"',
      '}',
      'resource "aws_s3_bucket_encryption" "x" {}',
      '',
    ].join('\n');
    const service = await withRealSchemas({ 'main.tf': text });
    const messages = service
      .diagnostics(uri('main.tf'))
      .map((d) => `${d.range.start.line + 1}: ${d.message}`);
    assert.ok(
      messages.some((m) => /^4: Unsupported argument "enable_monitoring" in resource "aws_instance"/.test(m)),
      messages.join('\n'),
    );
    assert.ok(messages.includes('5: "arn" is computed by the provider and cannot be set'));
    assert.ok(messages.includes('9: Too many "metadata_options" blocks: at most 1 allowed here'));
    assert.ok(
      messages.some((m) => /^13: Missing required argument "instance_class"/.test(m)),
      messages.join('\n'),
    );
    assert.ok(messages.some((m) => /^16: Unknown resource type "aws_s3_bucket_encryption"/.test(m)));
  });
});
