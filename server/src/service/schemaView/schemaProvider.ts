import type { ProviderInfo, SchemaView } from './types';

/**
 * Where language features get provider schemas from. Loading is lazy and asynchronous; `view()` answers
 * synchronously with whatever is loaded so far.
 */
export interface SchemaProvider {
  view(): SchemaView;
  /** Loads the schemas of these provider local names if shipped; resolves true when something new was loaded. */
  ensureLoaded(providers: readonly string[]): Promise<boolean>;
  /** Every provider schema that ships, loaded or not. */
  shipped(): readonly ProviderInfo[];
}

export const noSchemas: SchemaProvider = {
  view: () => ({
    providerOf: () => undefined,
    resource: () => undefined,
    dataSource: () => undefined,
    resourceTypes: () => [],
    dataSourceTypes: () => [],
  }),
  ensureLoaded: async () => false,
  shipped: () => [],
};
