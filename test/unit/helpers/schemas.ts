import type {
  AttributeInfo,
  BlockInfo,
  BlockSchemaView,
  SchemaView,
} from '../../../server/src/service/schemaView/types';
import type { SchemaProvider } from '../../../server/src/service/schemaView/schemaProvider';

type AttrSpec = string; // "type flags" e.g. "string r", "string o c", "string c", "bool o d:use x instead"

function attr(name: string, spec: AttrSpec): AttributeInfo {
  const [type, ...flags] = spec.split(' ');
  const deprecated = flags
    .find((f) => f.startsWith('d:'))
    ?.slice(2)
    .replace(/_/g, ' ');
  const enumValues = flags
    .find((f) => f.startsWith('e:'))
    ?.slice(2)
    .split(',');
  return {
    name,
    type,
    required: flags.includes('r'),
    optional: flags.includes('o'),
    computed: flags.includes('c'),
    deprecated,
    enumValues,
  };
}

export interface BlockSpec {
  a?: Record<string, AttrSpec>;
  b?: Record<string, BlockSpec & { n?: BlockInfo['nesting']; min?: number; max?: number }>;
  d?: string;
  u?: string;
}

export function block(spec: BlockSpec): BlockSchemaView {
  return {
    attributes: new Map(Object.entries(spec.a ?? {}).map(([n, s]) => [n, attr(n, s)])),
    blocks: new Map(
      Object.entries(spec.b ?? {}).map(([n, s]) => [
        n,
        { name: n, nesting: s.n ?? 'list', minItems: s.min, maxItems: s.max, schema: block(s) },
      ]),
    ),
    description: spec.d,
    docsUrl: spec.u,
  };
}

/** A small, hand-written slice of the aws provider, so feature tests do not depend on the generated files. */
export const awsSlice = {
  resources: {
    aws_instance: block({
      d: 'Provides an EC2 instance resource.',
      u: 'https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/resources/instance',
      a: {
        ami: 'string o c',
        instance_type: 'string o c',
        subnet_id: 'string o c',
        arn: 'string c',
        id: 'string o c',
        monitoring: 'bool o',
        cpu_core_count: 'number o c d:use_cpu_options',
        tags: 'map(string) o',
        vpc_security_group_ids: 'set(string) o c',
      },
      b: {
        metadata_options: { n: 'list', max: 1, a: { http_tokens: 'string o c e:optional,required' } },
        ebs_block_device: { n: 'set', a: { device_name: 'string r', volume_size: 'number o c' } },
      },
    }),
    aws_vpc: block({
      a: { cidr_block: 'string o c', arn: 'string c', id: 'string o c', tags: 'map(string) o' },
    }),
    aws_subnet: block({ a: { vpc_id: 'string r', cidr_block: 'string o', id: 'string o c' } }),
    aws_db_instance: block({
      a: {
        instance_class: 'string r',
        engine: 'string o c',
        allocated_storage: 'number o c',
        identifier: 'string o c',
      },
    }),
    aws_security_group: block({
      a: {
        name: 'string o c',
        vpc_id: 'string o c',
        ingress:
          'set(object({from_port=number,to_port=number,protocol=string,cidr_blocks=list(string)})) o c',
      },
    }),
  } as Record<string, BlockSchemaView>,
  dataSources: {
    aws_ami: block({
      a: { most_recent: 'bool o', owners: 'list(string) o', id: 'string o c', image_id: 'string c' },
      b: { filter: { n: 'set', a: { name: 'string r', values: 'set(string) r' } } },
    }),
  } as Record<string, BlockSchemaView>,
};

export function sliceView(): SchemaView {
  const info = { name: 'aws', source: 'hashicorp/aws', version: '6.0.0' };
  return {
    providerOf: (type) => (type.startsWith('aws_') ? info : undefined),
    resource: (type) => awsSlice.resources[type],
    dataSource: (type) => awsSlice.dataSources[type],
    resourceTypes: () => Object.keys(awsSlice.resources),
    dataSourceTypes: () => Object.keys(awsSlice.dataSources),
  };
}

export const sliceSchemas: SchemaProvider = {
  view: sliceView,
  ensureLoaded: async () => false,
  shipped: () => [{ name: 'aws', source: 'hashicorp/aws', version: '6.0.0' }],
};
