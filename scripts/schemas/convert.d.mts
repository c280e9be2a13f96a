// Types of convert.mjs for the TypeScript tests.
import type { RawProviderFile } from '../../server/src/service/schema/types';

export declare const FORMAT_VERSION: number;
export declare function embeddedSource(jsText: string, file?: string): string;
export declare function shortDescription(text: string): string | undefined;
export declare function convertPackage(
  pkgDir: string,
  options?: { provider?: string; source?: string },
): { schema: RawProviderFile; issues: string[] };
export declare function serialize(schema: RawProviderFile): string;
