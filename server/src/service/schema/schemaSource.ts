// Loading the committed provider schemas (see types.ts for the format) and looking types up in them.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { silentLogger, type Logger } from '../workspace/fileSystem';
import {
  SCHEMA_FORMAT_VERSION,
  type AttributeSchema,
  type BlockSchema,
  type NestedBlockSchema,
  type PrimitiveTypeName,
  type ProviderSchema,
  type RawAttribute,
  type RawBlock,
  type RawNestedBlock,
  type RawProviderFile,
  type RawSchemaIndex,
  type RawType,
  type RawTypeSchema,
  type ResourceSchema,
  type SchemaKind,
  type TypeExpr,
} from './types';

const gunzip = promisify(zlib.gunzip);

export interface SchemaSource {
  /** The provider's schema, read and decoded on first request and cached; undefined if there is none. */
  load(provider: string): Promise<ProviderSchema | undefined>;
  /** The providers this source has schemas for. */
  available(): { provider: string; source: string; version: string }[];
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------------------------------------------
// Decoding

const PRIMITIVES: Readonly<Record<PrimitiveTypeName, TypeExpr>> = {
  string: Object.freeze({ kind: 'string' }),
  number: Object.freeze({ kind: 'number' }),
  bool: Object.freeze({ kind: 'bool' }),
  dynamic: Object.freeze({ kind: 'dynamic' }),
};
/** list/set/map of a primitive: few distinct values, shared by every attribute that has them. */
const simpleCollections = new Map<string, TypeExpr>();

export function decodeType(raw: RawType): TypeExpr {
  if (typeof raw === 'string') {
    if (!hasOwn(PRIMITIVES, raw)) throw new Error(`unknown type ${JSON.stringify(raw)}`);
    return PRIMITIVES[raw as PrimitiveTypeName];
  }
  if (!Array.isArray(raw) || raw.length !== 2) throw new Error(`malformed type ${JSON.stringify(raw)}`);
  const [kind, arg] = raw;
  if (kind === 'object') {
    const attributes = new Map<string, TypeExpr>();
    const fields = arg as { [name: string]: RawType };
    for (const k of Object.keys(fields)) attributes.set(k, decodeType(fields[k]));
    return { kind: 'object', attributes };
  }
  if (kind !== 'list' && kind !== 'set' && kind !== 'map') throw new Error(`unknown type kind ${kind}`);
  if (typeof arg === 'string') {
    const key = `${kind}:${arg}`;
    let t = simpleCollections.get(key);
    if (!t) {
      t = Object.freeze({ kind, element: decodeType(arg) });
      simpleCollections.set(key, t);
    }
    return t;
  }
  return { kind, element: decodeType(arg as RawType) };
}

function decodeAttribute(name: string, raw: RawAttribute): AttributeSchema {
  const a: { -readonly [K in keyof AttributeSchema]: AttributeSchema[K] } = {
    name,
    type: decodeType(raw.t),
    required: raw.r === 1,
    optional: raw.o === 1,
    computed: raw.c === 1,
    deprecated: raw.x === 1,
  };
  if (raw.d !== undefined) a.description = raw.d;
  return a;
}

const EMPTY_ATTRIBUTES: ReadonlyMap<string, AttributeSchema> = new Map();
const EMPTY_BLOCKS: ReadonlyMap<string, NestedBlockSchema> = new Map();

function decodeBlockBody(raw: RawBlock): BlockSchema {
  let attributes = EMPTY_ATTRIBUTES;
  let blocks = EMPTY_BLOCKS;
  if (raw.a) {
    const m = new Map<string, AttributeSchema>();
    for (const k of Object.keys(raw.a)) m.set(k, decodeAttribute(k, raw.a[k]));
    attributes = m;
  }
  if (raw.b) {
    const m = new Map<string, NestedBlockSchema>();
    for (const k of Object.keys(raw.b)) m.set(k, decodeNestedBlock(k, raw.b[k]));
    blocks = m;
  }
  return { attributes, blocks };
}

function decodeNestedBlock(name: string, raw: RawNestedBlock): NestedBlockSchema {
  if (raw.n !== 'single' && raw.n !== 'list' && raw.n !== 'set' && raw.n !== 'map') {
    throw new Error(`block ${name}: unknown nesting ${JSON.stringify(raw.n)}`);
  }
  const b: { -readonly [K in keyof NestedBlockSchema]: NestedBlockSchema[K] } = {
    name,
    nesting: raw.n,
    minItems: raw.min ?? 0,
    deprecated: raw.x === 1,
    ...decodeBlockBody(raw),
  };
  if (raw.max !== undefined) b.maxItems = raw.max;
  if (raw.d !== undefined) b.description = raw.d;
  return b;
}

function decodeTypeSchema(
  provider: string,
  kind: SchemaKind,
  type: string,
  raw: RawTypeSchema,
): ResourceSchema {
  const r: { -readonly [K in keyof ResourceSchema]: ResourceSchema[K] } = {
    type,
    kind,
    provider,
    ...decodeBlockBody(raw),
  };
  if (raw.u !== undefined) r.docsUrl = raw.u;
  if (raw.d !== undefined) r.description = raw.d;
  return r;
}

class DecodedProviderSchema implements ProviderSchema {
  readonly provider: string;
  readonly source: string;
  readonly version: string;
  readonly generatedFrom: string;
  readonly config: BlockSchema;
  private readonly resources = new Map<string, ResourceSchema>();
  private readonly dataSources = new Map<string, ResourceSchema>();
  private resourceNames?: readonly string[];
  private dataSourceNames?: readonly string[];

  constructor(private readonly raw: RawProviderFile) {
    this.provider = raw.provider;
    this.source = raw.source;
    this.version = raw.version;
    this.generatedFrom = raw.generatedFrom;
    this.config = decodeBlockBody(raw.config);
  }

  resourceTypes(): readonly string[] {
    return (this.resourceNames ??= Object.freeze(Object.keys(this.raw.resources).sort()));
  }

  dataSourceTypes(): readonly string[] {
    return (this.dataSourceNames ??= Object.freeze(Object.keys(this.raw.dataSources).sort()));
  }

  resource(type: string): ResourceSchema | undefined {
    return this.lookup('resource', this.raw.resources, this.resources, type);
  }

  dataSource(type: string): ResourceSchema | undefined {
    return this.lookup('data', this.raw.dataSources, this.dataSources, type);
  }

  private lookup(
    kind: SchemaKind,
    table: RawProviderFile['resources'],
    cache: Map<string, ResourceSchema>,
    type: string,
  ): ResourceSchema | undefined {
    const hit = cache.get(type);
    if (hit) return hit;
    if (!hasOwn(table, type)) return undefined;
    const decoded = decodeTypeSchema(this.provider, kind, type, table[type]);
    cache.set(type, decoded);
    return decoded;
  }
}

/** Decodes a parsed provider file; resource and data source schemas are decoded lazily, on first lookup. */
export function decodeProviderSchema(raw: unknown): ProviderSchema {
  const r = raw as Partial<RawProviderFile> | null;
  if (!r || typeof r !== 'object') throw new Error('not a provider schema');
  if (r.format !== SCHEMA_FORMAT_VERSION) {
    throw new Error(`schema format ${String(r.format)}, expected ${SCHEMA_FORMAT_VERSION}`);
  }
  for (const k of ['provider', 'source', 'version', 'generatedFrom'] as const) {
    if (typeof r[k] !== 'string') throw new Error(`schema has no ${k}`);
  }
  for (const k of ['config', 'resources', 'dataSources'] as const) {
    if (!r[k] || typeof r[k] !== 'object') throw new Error(`schema has no ${k}`);
  }
  return new DecodedProviderSchema(r as RawProviderFile);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the committed files

/**
 * Reads the schema files of a directory (server/schemas/ in the repository, dist/schemas/ when built): index.json
 * on the first call of available() or load(), a provider's file on the first load() of that provider.
 */
export class DirectorySchemaSource implements SchemaSource {
  private index?: RawSchemaIndex;
  private readonly loads = new Map<string, Promise<ProviderSchema | undefined>>();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger = silentLogger,
  ) {}

  available(): { provider: string; source: string; version: string }[] {
    const providers = this.readIndex().providers;
    return Object.keys(providers)
      .sort()
      .map((provider) => ({
        provider,
        source: providers[provider].source,
        version: providers[provider].version,
      }));
  }

  load(provider: string): Promise<ProviderSchema | undefined> {
    let p = this.loads.get(provider);
    if (!p) {
      p = this.read(provider);
      this.loads.set(provider, p);
    }
    return p;
  }

  private readIndex(): RawSchemaIndex {
    if (this.index) return this.index;
    const file = path.join(this.dir, 'index.json');
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSchemaIndex;
      if (raw.format !== SCHEMA_FORMAT_VERSION || !raw.providers || typeof raw.providers !== 'object') {
        throw new Error(`unsupported index format ${String(raw.format)}`);
      }
      this.index = raw;
    } catch (e) {
      this.logger.error(`provider schemas: cannot read ${file}: ${(e as Error).message}`);
      this.index = { format: SCHEMA_FORMAT_VERSION, providers: {} };
    }
    return this.index;
  }

  private async read(provider: string): Promise<ProviderSchema | undefined> {
    const providers = this.readIndex().providers;
    if (!hasOwn(providers, provider)) return undefined;
    const file = path.join(this.dir, providers[provider].file);
    try {
      const bytes = await fs.readFile(file);
      const text = (file.endsWith('.gz') ? await gunzip(bytes) : bytes).toString('utf8');
      const schema = decodeProviderSchema(JSON.parse(text));
      if (schema.provider !== provider) throw new Error(`it is the schema of ${schema.provider}`);
      return schema;
    } catch (e) {
      this.logger.error(`provider schemas: cannot load ${file}: ${(e as Error).message}`);
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups

/**
 * The provider local name a resource or data source type belongs to by default: the part before the first
 * underscore (aws_instance → aws, random_id → random); a name without one is its own provider.
 */
export function providerLocalName(type: string): string {
  const i = type.indexOf('_');
  return i > 0 ? type.slice(0, i) : type;
}

function typeIn(p: ProviderSchema, kind: SchemaKind, type: string): ResourceSchema | undefined {
  return kind === 'resource' ? p.resource(type) : p.dataSource(type);
}

/**
 * A resource or data source schema among loaded providers: a map keyed by provider local name, or any collection
 * of provider schemas. The provider named by the type's prefix is asked first, then the others.
 */
export function findTypeSchema(
  providers: ReadonlyMap<string, ProviderSchema> | Iterable<ProviderSchema>,
  kind: SchemaKind,
  type: string,
): ResourceSchema | undefined {
  const local = providerLocalName(type);
  const all =
    providers instanceof Map ? [...providers.values()] : [...(providers as Iterable<ProviderSchema>)];
  const first =
    providers instanceof Map
      ? (providers.get(local) as ProviderSchema | undefined)
      : all.find((p) => p.provider === local);
  if (first) {
    const hit = typeIn(first, kind, type);
    if (hit) return hit;
  }
  for (const p of all) {
    if (p === first) continue;
    const hit = typeIn(p, kind, type);
    if (hit) return hit;
  }
  return undefined;
}

/** Loads the provider a type belongs to (by its prefix) from a source and looks the type up in it. */
export async function loadTypeSchema(
  source: SchemaSource,
  kind: SchemaKind,
  type: string,
): Promise<ResourceSchema | undefined> {
  const p = await source.load(providerLocalName(type));
  return p && typeIn(p, kind, type);
}
