import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  DirectorySchemaSource,
  decodeProviderSchema,
  findTypeSchema,
  loadTypeSchema,
  providerLocalName,
} from '../../../server/src/service/schema/schemaSource';
import type {
  AttributeSchema,
  BlockSchema,
  NestedBlockSchema,
  ProviderSchema,
  ResourceSchema,
  TypeExpr,
} from '../../../server/src/service/schema/types';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'server', 'schemas');
const PROVIDERS = ['archive', 'aws', 'local', 'null', 'random', 'tls'];

/** A type expression in Terraform's own syntax, for readable assertions. */
function typeString(t: TypeExpr): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeString(t.element)})`;
    case 'object':
      return `object({${[...t.attributes].map(([k, v]) => `${k}=${typeString(v)}`).join(',')}})`;
    default:
      return t.kind;
  }
}

function attr(block: BlockSchema | undefined, name: string): AttributeSchema {
  const a = block?.attributes.get(name);
  assert.ok(a, `attribute ${name}`);
  return a;
}

function nested(block: BlockSchema | undefined, name: string): NestedBlockSchema {
  const b = block?.blocks.get(name);
  assert.ok(b, `block ${name}`);
  return b;
}

const flags = (a: AttributeSchema) =>
  [a.required && 'required', a.optional && 'optional', a.computed && 'computed'].filter(Boolean).join('+');

describe('provider schemas', () => {
  const source = new DirectorySchemaSource(SCHEMAS);
  const loaded = new Map<string, ProviderSchema>();
  let aws: ProviderSchema;

  before(async () => {
    for (const p of PROVIDERS) {
      const s = await source.load(p);
      assert.ok(s, `${p} loads`);
      loaded.set(p, s);
    }
    aws = loaded.get('aws')!;
  });

  const resource = (type: string): ResourceSchema => {
    const r = findTypeSchema(loaded, 'resource', type);
    assert.ok(r, `resource ${type}`);
    return r;
  };
  const data = (type: string): ResourceSchema => {
    const r = findTypeSchema(loaded, 'data', type);
    assert.ok(r, `data source ${type}`);
    return r;
  };

  it('lists the committed providers with their versions', () => {
    const available = source.available();
    assert.deepEqual(
      available.map((a) => a.provider),
      PROVIDERS,
    );
    const awsInfo = available.find((a) => a.provider === 'aws')!;
    assert.equal(awsInfo.source, 'hashicorp/aws');
    assert.match(awsInfo.version, /^6\.\d+\.\d+$/);
    for (const a of available) assert.match(a.version, /^\d+\.\d+\.\d+$/);
  });

  it('records where each schema comes from', () => {
    assert.match(aws.version, /^6\.\d+\.\d+$/);
    assert.match(aws.generatedFrom, /^@cdktf\/provider-aws@21\.\d+\.\d+$/);
    for (const [name, p] of loaded) {
      assert.equal(p.provider, name);
      assert.equal(p.source, `hashicorp/${name}`);
      assert.match(p.generatedFrom, new RegExp(`^@cdktf/provider-${name}@`));
    }
  });

  it('loads each provider once and caches it', async () => {
    assert.equal(await source.load('aws'), aws);
    assert.equal(await source.load('google'), undefined);
    assert.equal(await source.load('constructor'), undefined);
  });

  it('has the whole AWS provider', () => {
    assert.ok(aws.resourceTypes().length > 1500, `${aws.resourceTypes().length} resources`);
    assert.ok(aws.dataSourceTypes().length > 600, `${aws.dataSourceTypes().length} data sources`);
    assert.deepEqual([...aws.resourceTypes()].sort(), aws.resourceTypes());
    for (const t of [...aws.resourceTypes(), ...aws.dataSourceTypes()]) assert.match(t, /^aws_[a-z0-9_]+$/);
  });

  it('aws_instance', () => {
    const i = resource('aws_instance');
    assert.equal(i.provider, 'aws');
    assert.equal(i.kind, 'resource');
    assert.match(
      i.docsUrl!,
      /^https:\/\/registry\.terraform\.io\/providers\/hashicorp\/aws\/6\.\d+\.\d+\/docs\/resources\/instance$/,
    );
    const ami = attr(i, 'ami');
    assert.equal(typeString(ami.type), 'string');
    assert.ok(ami.optional && !ami.required);
    assert.ok(attr(i, 'instance_type').optional);
    assert.equal(flags(attr(i, 'arn')), 'computed');
    assert.equal(flags(attr(i, 'id')), 'optional+computed');
    assert.equal(typeString(attr(i, 'vpc_security_group_ids').type), 'set(string)');
    assert.equal(typeString(attr(i, 'tags').type), 'map(string)');
    const md = nested(i, 'metadata_options');
    assert.equal(md.nesting, 'list');
    assert.equal(md.maxItems, 1);
    assert.equal(md.minItems, 0);
    assert.equal(typeString(attr(md, 'http_tokens').type), 'string');
    assert.ok(attr(md, 'http_tokens').optional);
    const ebs = nested(i, 'ebs_block_device');
    assert.equal(ebs.nesting, 'set');
    assert.equal(ebs.maxItems, undefined);
    assert.ok(attr(ebs, 'device_name').required);
    assert.equal(flags(attr(ebs, 'volume_id')), 'computed');
    const timeouts = nested(i, 'timeouts');
    assert.equal(timeouts.nesting, 'single');
    assert.deepEqual([...timeouts.attributes.keys()], ['create', 'delete', 'read', 'update']);
    assert.ok(!i.attributes.has('metadata_options') && !i.blocks.has('ami'));
  });

  it('aws_s3_bucket, aws_vpc, aws_db_instance', () => {
    assert.equal(flags(attr(resource('aws_s3_bucket'), 'bucket')), 'optional+computed');
    const cidr = attr(resource('aws_vpc'), 'cidr_block');
    assert.equal(typeString(cidr.type), 'string');
    assert.ok(cidr.optional);
    const db = resource('aws_db_instance');
    assert.equal(flags(attr(db, 'instance_class')), 'required');
    assert.equal(typeString(attr(db, 'allocated_storage').type), 'number');
    assert.equal(typeString(attr(db, 'multi_az').type), 'bool');
  });

  it('aws_security_group ingress is an attribute of type set(object), as the schema says', () => {
    const sg = resource('aws_security_group');
    assert.ok(!sg.blocks.has('ingress'));
    const ingress = attr(sg, 'ingress');
    assert.equal(flags(ingress), 'optional+computed');
    assert.equal(
      typeString(ingress.type),
      'set(object({cidr_blocks=list(string),description=string,from_port=number,ipv6_cidr_blocks=list(string),' +
        'prefix_list_ids=list(string),protocol=string,security_groups=set(string),self=bool,to_port=number}))',
    );
  });

  it('nested computed attributes have object types', () => {
    const eks = resource('aws_eks_cluster');
    assert.equal(flags(attr(eks, 'identity')), 'computed');
    assert.equal(
      typeString(attr(eks, 'identity').type),
      'list(object({oidc=list(object({issuer=string}))}))',
    );
  });

  it('data source aws_ami', () => {
    const ami = data('aws_ami');
    assert.equal(ami.kind, 'data');
    assert.match(ami.docsUrl!, /\/docs\/data-sources\/ami$/);
    assert.equal(typeString(attr(ami, 'most_recent').type), 'bool');
    assert.ok(attr(ami, 'most_recent').optional);
    assert.equal(typeString(attr(ami, 'owners').type), 'list(string)');
    const filter = nested(ami, 'filter');
    assert.equal(filter.nesting, 'set');
    assert.ok(attr(filter, 'name').required);
    assert.equal(typeString(attr(filter, 'values').type), 'set(string)');
    assert.equal(flags(attr(ami, 'image_id')), 'computed');
    assert.equal(findTypeSchema(loaded, 'resource', 'aws_ami')?.kind, 'resource');
  });

  it('keeps attribute names exactly as Terraform spells them (digits, reserved words)', () => {
    // A camelCase → snake_case round trip would give address_line1, s3_us_east1_regional_endpoint, rfc4180,
    // self_attribute and fetch_password_data.
    const contact = resource('aws_account_primary_contact');
    for (const n of ['address_line_1', 'address_line_2', 'address_line_3'])
      assert.ok(contact.attributes.has(n), n);
    assert.ok(!contact.attributes.has('address_line1'));
    assert.ok(attr(resource('aws_dms_s3_endpoint'), 'rfc_4180').optional);
    assert.ok(aws.config.attributes.has('s3_us_east_1_regional_endpoint'));
    assert.ok(nested(aws.config, 'endpoints').attributes.has('route53domains'));
    assert.ok(attr(resource('aws_instance'), 'get_password_data').optional);
    const field = nested(nested(resource('aws_cloudtrail'), 'advanced_event_selector'), 'field_selector');
    assert.equal(typeString(attr(field, 'equals').type), 'list(string)');
    const pipe = resource('aws_pipes_pipe');
    const kafka = nested(
      nested(nested(pipe, 'source_parameters'), 'self_managed_kafka_parameters'),
      'credentials',
    );
    assert.ok(kafka.attributes.has('sasl_scram_512_auth'));
  });

  it('provider configuration blocks', () => {
    assert.ok(attr(aws.config, 'region').optional);
    assert.ok(!aws.config.attributes.has('alias'), 'alias is a meta-argument');
    assert.equal(nested(aws.config, 'default_tags').nesting, 'list');
    assert.equal(loaded.get('random')!.config.attributes.size, 0);
  });

  it('random, tls and the small providers', () => {
    const pw = resource('random_password');
    assert.equal(flags(attr(pw, 'length')), 'required');
    assert.equal(typeString(attr(pw, 'length').type), 'number');
    assert.equal(flags(attr(pw, 'result')), 'computed');
    assert.match(attr(pw, 'length').description!, /^The length of the string desired\./);
    assert.ok(attr(pw, 'number').deprecated, 'random_password.number is deprecated in favour of numeric');
    assert.ok(!attr(pw, 'numeric').deprecated);
    assert.equal(resource('random_id').provider, 'random');
    const key = resource('tls_private_key');
    assert.equal(flags(attr(key, 'algorithm')), 'required');
    assert.equal(flags(attr(key, 'private_key_pem')), 'computed');
    const subject = nested(resource('tls_cert_request'), 'subject');
    assert.equal(subject.nesting, 'list');
    assert.ok(attr(subject, 'common_name').optional);
    assert.ok(data('archive_file').blocks.has('source'));
    assert.ok(resource('local_file').attributes.has('content'));
    assert.ok(resource('null_resource').attributes.has('triggers'));
    assert.ok(data('null_data_source'));
  });

  it('descriptions are one sentence of at most 160 characters', () => {
    let n = 0;
    const visit = (b: BlockSchema) => {
      for (const a of b.attributes.values()) {
        if (a.description === undefined) continue;
        n++;
        assert.ok(a.description.length <= 160, a.description);
        assert.doesNotMatch(a.description, /Docs at Terraform Registry|\]\(/);
      }
      for (const c of b.blocks.values()) visit(c);
    };
    for (const p of loaded.values()) {
      visit(p.config);
      for (const t of p.resourceTypes()) visit(p.resource(t)!);
      for (const t of p.dataSourceTypes()) visit(p.dataSource(t)!);
    }
    assert.ok(n > 1000, `${n} descriptions`);
  });

  it('looks types up by provider prefix', async () => {
    assert.equal(providerLocalName('aws_instance'), 'aws');
    assert.equal(providerLocalName('random_id'), 'random');
    assert.equal(providerLocalName('null_resource'), 'null');
    assert.equal(providerLocalName('tls_private_key'), 'tls');
    assert.equal(providerLocalName('terraform'), 'terraform');
    assert.equal(findTypeSchema(loaded.values(), 'resource', 'random_id')?.type, 'random_id');
    assert.equal(findTypeSchema(loaded, 'resource', 'aws_nonexistent'), undefined);
    assert.equal(findTypeSchema(loaded, 'resource', 'toString'), undefined);
    assert.equal(aws.resource('__proto__'), undefined);
    assert.equal(aws.resource('aws_instance'), aws.resource('aws_instance'), 'decoded once');
    assert.equal((await loadTypeSchema(source, 'data', 'aws_ami'))?.type, 'aws_ami');
    assert.equal(await loadTypeSchema(source, 'resource', 'google_compute_instance'), undefined);
  });

  it('a missing or corrupt directory degrades to no schemas, with an error logged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opsmith-schema-'));
    try {
      const errors: string[] = [];
      const logger = { info: () => undefined, warn: () => undefined, error: (m: string) => errors.push(m) };
      assert.deepEqual(new DirectorySchemaSource(path.join(dir, 'none'), logger).available(), []);
      writeFileSync(
        path.join(dir, 'index.json'),
        JSON.stringify({
          format: 1,
          providers: { bad: { file: 'bad.json.gz', source: 'x/bad', version: '1.0.0', generatedFrom: 'x' } },
        }),
      );
      writeFileSync(path.join(dir, 'bad.json.gz'), zlib.gzipSync('{"format":99}'));
      const s = new DirectorySchemaSource(dir, logger);
      assert.deepEqual(s.available(), [{ provider: 'bad', source: 'x/bad', version: '1.0.0' }]);
      assert.equal(await s.load('bad'), undefined);
      assert.equal(errors.length, 2);
      assert.match(errors[1], /format 99/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decodes the compact format', () => {
    const p = decodeProviderSchema({
      format: 1,
      provider: 'x',
      source: 'hashicorp/x',
      version: '1.2.3',
      generatedFrom: '@cdktf/provider-x@1.0.0',
      config: {},
      dataSources: {},
      resources: {
        x_thing: {
          u: 'https://example.invalid/thing',
          a: {
            name: { t: 'string', r: 1, d: 'The name.' },
            old: { t: ['map', ['list', 'number']], o: 1, x: 1 },
            obj: { t: ['object', { a: 'bool', b: ['set', 'dynamic'] }], c: 1 },
          },
          b: { part: { n: 'list', min: 1, max: 1, a: { v: { t: 'string', o: 1, c: 1 } } } },
        },
      },
    });
    const t = p.resource('x_thing')!;
    assert.equal(t.docsUrl, 'https://example.invalid/thing');
    assert.deepEqual(
      [...t.attributes.values()].map((a) => [
        a.name,
        typeString(a.type),
        flags(a),
        a.deprecated,
        a.description,
      ]),
      [
        ['name', 'string', 'required', false, 'The name.'],
        ['old', 'map(list(number))', 'optional', true, undefined],
        ['obj', 'object({a=bool,b=set(dynamic)})', 'computed', false, undefined],
      ],
    );
    const part = t.blocks.get('part')!;
    assert.deepEqual([part.nesting, part.minItems, part.maxItems], ['list', 1, 1]);
    assert.equal(flags(part.attributes.get('v')!), 'optional+computed');
    assert.throws(() => decodeProviderSchema({ format: 2 }), /format 2/);
  });
});
