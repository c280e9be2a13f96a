import type { Position } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageService } from '../../../server/src/service/languageService';
import type { WasmLocation } from '../../../server/src/service/syntax/parser';
import type { SchemaProvider } from '../../../server/src/service/schemaView/schemaProvider';
import type { FileSystem } from '../../../server/src/service/workspace/fileSystem';

export const ROOT = 'file:///ws';

/** A service over in-memory files: `files` maps workspace-relative paths to contents. */
export async function serviceWith(
  files: Record<string, string>,
  options: { onDisk?: boolean; schemas?: SchemaProvider } = {},
): Promise<LanguageService> {
  const fs = memoryFileSystem(files);
  const service = await getLanguageService({ wasm: wasmFromNodeModules(), fs, schemas: options.schemas });
  if (options.onDisk) await service.indexFolder(ROOT);
  else
    for (const [path, text] of Object.entries(files)) await service.openDocument(`${ROOT}/${path}`, 1, text);
  return service;
}

export function memoryFileSystem(
  files: Record<string, string | Uint8Array>,
): FileSystem & { files: Map<string, Uint8Array> } {
  const map = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(files)) {
    map.set(`${ROOT}/${path}`, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return {
    files: map,
    readFile: async (uri) => {
      const bytes = map.get(uri);
      if (!bytes) throw new Error(`ENOENT ${uri}`);
      return bytes;
    },
    readDirectory: async (uri) => {
      const entries = new Map<string, boolean>();
      for (const key of map.keys()) {
        if (!key.startsWith(uri + '/')) continue;
        const rest = key.slice(uri.length + 1);
        const slash = rest.indexOf('/');
        entries.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
      }
      return [...entries];
    },
    fileSize: async (uri) => map.get(uri)?.length ?? 0,
  };
}

/** Position of the `nth` occurrence of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, nth = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" (#${nth}) not found`);
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - before.lastIndexOf('\n') - 1 };
}

export function uri(path: string): string {
  return `${ROOT}/${path}`;
}

/** Unbundled code (tests, benchmarks) loads the wasm straight from node_modules. */
export function wasmFromNodeModules(): WasmLocation {
  return {
    runtimeWasm: require.resolve('web-tree-sitter/tree-sitter.wasm'),
    grammarWasm: require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
  };
}
