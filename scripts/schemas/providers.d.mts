// Types of providers.mjs for the TypeScript tests.
export interface PinnedProvider {
  name: string;
  source: string;
  package: string;
  version: string;
  integrity: string;
}
export declare const PROVIDERS: PinnedProvider[];
export declare function cacheDir(): string;
export declare function cachedPackageDir(p: PinnedProvider, cache?: string): string | undefined;
export declare function ensurePackage(p: PinnedProvider, cache?: string, log?: (msg: string) => void): string;
