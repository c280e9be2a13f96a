import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { URI } from 'vscode-uri';
import type { FileSystem } from './service/workspace/fileSystem';

const toPath = (uri: string) => URI.parse(uri).fsPath;

/**
 * Small files and directory listings are read synchronously: for the few-kilobyte files Terraform is made of,
 * a promise round trip through the thread pool costs ten times the read itself, and indexing pays it per file.
 * Large files go through the asynchronous API so they never hold the event loop.
 */
const SYNC_READ_LIMIT = 256 * 1024;

export const nodeFileSystem: FileSystem = {
  readFile: async (uri) => {
    const path = toPath(uri);
    const bytes = statSync(path).size <= SYNC_READ_LIMIT ? readFileSync(path) : await fs.readFile(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
  readDirectory: async (uri) =>
    readdirSync(toPath(uri), { withFileTypes: true }).map(
      (e) => [e.name, e.isDirectory()] as [string, boolean],
    ),
  fileSize: async (uri) => statSync(toPath(uri)).size,
};
