import assert from 'node:assert/strict';
import { generate, renderPlan, type GenerateResult } from '../../../server/src/service/generate/index';
import { compileIntent } from '../../../server/src/service/generate/intent/compile';
import type { LanguageService } from '../../../server/src/service/languageService';
import type { Block } from '../../../server/src/service/model/types';
import { type ParsedStack, literal, loadIntents, openStacks, parsedStack, valuesAt } from './helpers';
import { PHRASINGS } from './phrasings';

/** Properties every generated stack has, whatever the request: the renderer's security baseline. */
describe('rendered stacks', () => {
  const requests = [...loadIntents(), ...PHRASINGS].map((c) => ({ id: c.id, intent: c.intent }));
  const results = new Map<string, GenerateResult>();
  const stacks = new Map<string, ParsedStack>();
  let service: LanguageService;

  before(async () => {
    for (const r of requests) results.set(r.id, generate(r.intent));
    service = await openStacks(Object.fromEntries([...results].map(([id, r]) => [id, r.files])));
    for (const [id, r] of results) stacks.set(id, parsedStack(service, id, r.files));
  });

  const each = (type: string, check: (b: Block, id: string) => void) => {
    let seen = 0;
    for (const [id, stack] of stacks) {
      for (const b of stack.resources.get(type) ?? []) {
        seen++;
        check(b, id);
      }
    }
    return seen;
  };
  const attr = (b: Block, name: string) => b.attributes.find((a) => a.name === name)?.valueText;
  const label = (b: Block, id: string) => `${id}: ${b.labels.map((l) => l.text).join('.')}`;

  it('declare versions (terraform, aws ~> 6.0) and providers with default tags', () => {
    for (const [id, r] of results) {
      const versions = r.files.find((f) => f.path === 'versions.tf')?.content ?? '';
      assert.match(versions, /required_version\s*=\s*">= 1\.\d+"/, id);
      assert.match(versions, /source\s*=\s*"hashicorp\/aws"\s*\n\s*version\s*=\s*"~> 6\.0"/, id);
      const providers = r.files.find((f) => f.path === 'providers.tf')?.content ?? '';
      assert.match(providers, /region\s*=\s*var\.region/, id);
      assert.match(providers, /default_tags\s*\{/, id);
      if (r.files.some((f) => /resource "random_/.test(f.content)))
        assert.match(versions, /hashicorp\/random/, id);
    }
  });

  it('split concerns over files: no single main file holds every resource', () => {
    for (const [id, r] of results) {
      assert.ok(
        r.files.some((f) => f.path === 'variables.tf'),
        id,
      );
      assert.ok(
        r.files.some((f) => f.path === 'outputs.tf'),
        id,
      );
    }
  });

  it('type, describe and validate their variables', () => {
    for (const [, stack] of stacks) {
      for (const { block } of stack.blocks.filter((b) => b.block.type === 'variable')) {
        assert.ok(attr(block, 'type'), block.labels[0].text);
        assert.ok(attr(block, 'description'), block.labels[0].text);
      }
    }
    const vars = [...stacks.values()].flatMap((s) => s.blocks.filter((b) => b.block.type === 'variable'));
    assert.ok(
      vars.filter((v) => v.block.blocks.some((b) => b.type === 'validation')).length > vars.length / 2,
    );
  });

  it('never write literal resource IDs or secrets', () => {
    for (const [id, stack] of stacks) {
      assert.doesNotMatch(stack.text, /"(vpc|subnet|sg|ami|igw|nat|rtb|eni|i)-[0-9a-f]{8,17}"/, id);
      assert.doesNotMatch(stack.text, /\b(password|auth_token|secret_string|master_password)\s*=\s*"/, id);
      assert.doesNotMatch(stack.text, /arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d{12}:/, id);
    }
  });

  it('grant no "*" action, and no "*" resource except where AWS has no resource-level permissions', () => {
    const unscopable =
      /^"(logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))"$/;
    for (const [id, stack] of stacks) {
      for (const { block } of stack.blocks.filter(
        (b) => b.block.type === 'data' && b.block.labels[0].text === 'aws_iam_policy_document',
      )) {
        for (const st of block.blocks.filter((b) => b.type === 'statement')) {
          const actions = attr(st, 'actions') ?? '';
          const resources = attr(st, 'resources') ?? '';
          const effect = attr(st, 'effect') ?? '"Allow"';
          if (effect === '"Deny"') continue;
          assert.doesNotMatch(actions, /"\*"|"[a-z0-9]+:\*"/, `${id}: ${block.labels[1].text}`);
          if (/"\*"/.test(resources)) {
            const list = actions
              .replace(/^\[|\]$/g, '')
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean);
            for (const a of list)
              assert.match(a, unscopable, `${id}: ${block.labels[1].text} grants ${a} on *`);
          }
        }
      }
    }
  });

  it('require IMDSv2 and encrypted disks on every instance and launch template', () => {
    const n =
      each('aws_instance', (b, id) => {
        assert.deepEqual(valuesAt(b, 'metadata_options.http_tokens'), ['required'], label(b, id));
        assert.deepEqual(valuesAt(b, 'root_block_device.encrypted'), [true], label(b, id));
      }) +
      each('aws_launch_template', (b, id) => {
        assert.deepEqual(valuesAt(b, 'metadata_options.http_tokens'), ['required'], label(b, id));
        assert.deepEqual(valuesAt(b, 'block_device_mappings.ebs.encrypted'), [true], label(b, id));
      });
    assert.ok(n > 0);
  });

  it('open nothing but HTTPS to the internet; SSH and database ports only to given ranges', () => {
    each('aws_vpc_security_group_ingress_rule', (b, id) => {
      if (literal(attr(b, 'cidr_ipv4') ?? '') !== '0.0.0.0/0') return;
      assert.equal(literal(attr(b, 'from_port') ?? ''), 443, label(b, id));
      assert.equal(literal(attr(b, 'to_port') ?? ''), 443, label(b, id));
    });
    each('aws_vpc_security_group_egress_rule', (b, id) => {
      if (literal(attr(b, 'cidr_ipv4') ?? '') !== '0.0.0.0/0') return;
      assert.equal(literal(attr(b, 'from_port') ?? ''), 443, label(b, id));
    });
  });

  it('make every bucket private, encrypted, versioned, with a lifecycle', () => {
    for (const [id, stack] of stacks) {
      const buckets = (stack.resources.get('aws_s3_bucket') ?? []).map((b) => b.labels[1].text);
      for (const type of [
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_policy',
      ]) {
        const covered = new Set(
          (stack.resources.get(type) ?? []).map((b) =>
            (attr(b, 'bucket') ?? '').replace(/^aws_s3_bucket\.([a-z0-9_]+)\.id$/, '$1'),
          ),
        );
        for (const bucket of buckets) assert.ok(covered.has(bucket), `${id}: ${bucket} has no ${type}`);
      }
    }
    each('aws_s3_bucket_public_access_block', (b, id) => {
      for (const a of [
        'block_public_acls',
        'block_public_policy',
        'ignore_public_acls',
        'restrict_public_buckets',
      ]) {
        assert.equal(literal(attr(b, a) ?? ''), true, `${label(b, id)} ${a}`);
      }
    });
  });

  it('encrypt at rest with rotating keys, and keep logs encrypted with a retention', () => {
    each('aws_kms_key', (b, id) =>
      assert.equal(literal(attr(b, 'enable_key_rotation') ?? ''), true, label(b, id)),
    );
    each('aws_db_instance', (b, id) => {
      assert.equal(literal(attr(b, 'storage_encrypted') ?? ''), true, label(b, id));
      assert.equal(literal(attr(b, 'publicly_accessible') ?? ''), false, label(b, id));
      assert.equal(literal(attr(b, 'manage_master_user_password') ?? ''), true, label(b, id));
      assert.ok(Number(literal(attr(b, 'backup_retention_period') ?? '0')) > 0, label(b, id));
    });
    each('aws_cloudwatch_log_group', (b, id) => {
      assert.ok(attr(b, 'retention_in_days'), label(b, id));
      if (!attr(b, 'provider')) assert.ok(attr(b, 'kms_key_id'), label(b, id));
    });
    each('aws_sqs_queue', (b, id) => assert.ok(attr(b, 'kms_master_key_id'), label(b, id)));
    each('aws_sns_topic', (b, id) => assert.ok(attr(b, 'kms_master_key_id'), label(b, id)));
    each('aws_cloudtrail', (b, id) =>
      assert.equal(literal(attr(b, 'enable_log_file_validation') ?? ''), true, label(b, id)),
    );
    each('aws_lb', (b, id) =>
      assert.equal(literal(attr(b, 'drop_invalid_header_fields') ?? ''), true, label(b, id)),
    );
    each('aws_lb_listener', (b, id) =>
      assert.equal(literal(attr(b, 'protocol') ?? ''), 'HTTPS', label(b, id)),
    );
  });

  it('protect production databases and load balancers from deletion; not dev ones', () => {
    const prod = renderPlan(compileIntent('production postgres behind a web app').plan)
      .files.map((f) => f.content)
      .join('\n');
    assert.match(prod, /deletion_protection\s*=\s*true/);
    assert.match(prod, /multi_az\s*=\s*true/);
    assert.match(prod, /enable_deletion_protection\s*=\s*true/);
    const dev = renderPlan(compileIntent('dev postgres behind a web app').plan)
      .files.map((f) => f.content)
      .join('\n');
    assert.match(dev, /deletion_protection\s*=\s*false/);
    assert.match(dev, /multi_az\s*=\s*false/);
  });

  it('document every checkov skip with a reason, inside the resource it applies to', () => {
    for (const [id, r] of results) {
      for (const f of r.files) {
        for (const m of f.content.matchAll(/#\s*checkov:skip=([A-Z0-9_]+)(:?)(.*)/g)) {
          assert.equal(m[2], ':', `${id}/${f.path}: ${m[1]} has no reason`);
          assert.ok(m[3].trim().length > 15, `${id}/${f.path}: ${m[1]} reason too short`);
        }
      }
    }
  });

  it('render the same plan to the same text', () => {
    for (const r of requests.slice(0, 10)) {
      assert.deepEqual(generate(r.intent).files, results.get(r.id)!.files);
    }
  });

  it('report the addresses of what they declare', () => {
    for (const [id, r] of results) {
      const declared = [...stacks.get(id)!.resources.values()]
        .flat()
        .map((b) => `${b.labels[0].text}.${b.labels[1].text}`);
      assert.deepEqual([...r.resources].sort(), declared.sort(), id);
    }
  });
});
