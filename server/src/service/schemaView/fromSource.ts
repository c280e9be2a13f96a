import type { SchemaSource } from '../schema/schemaSource';
import { providerLocalName } from '../schema/schemaSource';
import type { BlockSchema, ProviderSchema, ResourceSchema, TypeExpr } from '../schema/types';
import type { SchemaProvider } from './schemaProvider';
import type { AttributeInfo, BlockInfo, BlockSchemaView, SchemaView } from './types';

export function typeToString(type: TypeExpr): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return type.kind;
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${typeToString(type.element)})`;
    case 'object':
      return `object({ ${[...type.attributes].map(([k, v]) => `${k} = ${typeToString(v)}`).join(', ')} })`;
  }
}

const DEPRECATED = 'the provider marks it deprecated; see the registry documentation for its replacement';

function toView(block: BlockSchema, extra: { description?: string; docsUrl?: string } = {}): BlockSchemaView {
  const attributes = new Map<string, AttributeInfo>();
  for (const [name, a] of block.attributes) {
    attributes.set(name, {
      name,
      type: typeToString(a.type),
      required: a.required,
      optional: a.optional,
      computed: a.computed,
      deprecated: a.deprecated ? DEPRECATED : undefined,
      description: a.description,
    });
  }
  const blocks = new Map<string, BlockInfo>();
  for (const [name, b] of block.blocks) {
    blocks.set(name, {
      name,
      nesting: b.nesting,
      minItems: b.minItems || undefined,
      maxItems: b.maxItems,
      deprecated: b.deprecated ? DEPRECATED : undefined,
      description: b.description,
      schema: toView(b),
    });
  }
  return { attributes, blocks, ...extra };
}

/**
 * Adapts the shipped schema files to the view features read. Providers load on first use; converted
 * resource schemas are cached, so a hot path converts each type once.
 */
export function createSchemaProvider(source: SchemaSource): SchemaProvider {
  const loaded = new Map<string, ProviderSchema>();
  const loading = new Map<string, Promise<ProviderSchema | undefined>>();
  const views = new Map<ResourceSchema, BlockSchemaView>();
  let typeLists: { resources: string[]; dataSources: string[] } | undefined;
  const lists = () =>
    (typeLists ??= {
      resources: [...loaded.values()].flatMap((p) => p.resourceTypes()),
      dataSources: [...loaded.values()].flatMap((p) => p.dataSourceTypes()),
    });
  const convert = (schema: ResourceSchema | undefined) => {
    if (!schema) return undefined;
    let view = views.get(schema);
    if (!view)
      views.set(
        schema,
        (view = toView(schema, { description: schema.description, docsUrl: schema.docsUrl })),
      );
    return view;
  };
  const view: SchemaView = {
    providerOf: (type) => {
      const p = loaded.get(providerLocalName(type));
      return p && { name: p.provider, source: p.source, version: p.version };
    },
    resource: (type) => convert(loaded.get(providerLocalName(type))?.resource(type)),
    dataSource: (type) => convert(loaded.get(providerLocalName(type))?.dataSource(type)),
    resourceTypes: () => lists().resources,
    dataSourceTypes: () => lists().dataSources,
  };
  return {
    view: () => view,
    shipped: () =>
      source.available().map((a) => ({ name: a.provider, source: a.source, version: a.version })),
    ensureLoaded: async (providers) => {
      const shipped = new Set(source.available().map((a) => a.provider));
      const wanted = providers.filter((p) => shipped.has(p) && !loaded.has(p));
      if (wanted.length === 0) return false;
      // A load already under way for another caller is awaited too, so nobody sees "no schema" meanwhile.
      const results = await Promise.all(
        wanted.map((p) => {
          let load = loading.get(p);
          if (!load) loading.set(p, (load = source.load(p)));
          return load;
        }),
      );
      let any = false;
      results.forEach((schema, i) => {
        if (schema && !loaded.has(wanted[i])) {
          loaded.set(wanted[i], schema);
          any = true;
        }
      });
      if (any) typeLists = undefined;
      return any;
    },
  };
}
