import { promises as fs } from 'node:fs';
import { URI } from 'vscode-uri';
import type { FileSystem } from './service/workspace/fileSystem';

const toPath = (uri: string) => URI.parse(uri).fsPath;

export const nodeFileSystem: FileSystem = {
  readFile: async (uri) => new Uint8Array(await fs.readFile(toPath(uri))),
  readDirectory: async (uri) => {
    const entries = await fs.readdir(toPath(uri), { withFileTypes: true });
    return entries.map((e) => [e.name, e.isDirectory()] as [string, boolean]);
  },
  fileSize: async (uri) => (await fs.stat(toPath(uri))).size,
};
