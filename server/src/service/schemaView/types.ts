/**
 * The read-only view of provider schemas that language features use. It is deliberately narrower than the
 * stored schema format, so features do not depend on how schemas are generated, compressed or loaded.
 */
export interface AttributeInfo {
  name: string;
  /** Terraform type as users write it: `string`, `list(string)`, `map(object({...}))`. */
  type: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  deprecated?: string;
  description?: string;
  /** Known literal values, when the schema lists them. */
  enumValues?: string[];
  sensitive?: boolean;
}

export type Nesting = 'single' | 'list' | 'set' | 'map' | 'group';

export interface BlockInfo {
  name: string;
  nesting: Nesting;
  minItems?: number;
  maxItems?: number;
  deprecated?: string;
  description?: string;
  schema: BlockSchemaView;
}

export interface BlockSchemaView {
  attributes: ReadonlyMap<string, AttributeInfo>;
  blocks: ReadonlyMap<string, BlockInfo>;
  description?: string;
  docsUrl?: string;
  deprecated?: string;
}

export interface ProviderInfo {
  name: string;
  source: string;
  version: string;
}

export interface SchemaView {
  /** The provider local name a type belongs to (`aws_instance` → `aws`), when its schema is loaded. */
  providerOf(type: string): ProviderInfo | undefined;
  resource(type: string): BlockSchemaView | undefined;
  dataSource(type: string): BlockSchemaView | undefined;
  resourceTypes(): readonly string[];
  dataSourceTypes(): readonly string[];
}

export const emptySchemaView: SchemaView = {
  providerOf: () => undefined,
  resource: () => undefined,
  dataSource: () => undefined,
  resourceTypes: () => [],
  dataSourceTypes: () => [],
};
