/** The only file access the service needs; injected so tests run on memory and the server on disk. */
export interface FileSystem {
  readFile(uri: string): Promise<Uint8Array>;
  /** Entries of a directory as [name, isDirectory]. */
  readDirectory(uri: string): Promise<[string, boolean][]>;
  fileSize(uri: string): Promise<number>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
