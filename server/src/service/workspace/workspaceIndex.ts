import type { Query } from 'web-tree-sitter';
import type { HclParser, Tree } from '../syntax/parser';
import { applyChanges, parseDocument, type TextChange, type TfDocument } from './document';
import type { FileSystem, Logger } from './fileSystem';
import { ModuleIndex } from './moduleIndex';
import { baseName, directoryOf, isTerraformFile } from './uris';
import { LineIndex } from '../text/lineIndex';

const READ_AHEAD = 8;
const SKIPPED_DIRECTORIES = new Set(['.git', '.terraform', 'node_modules', '.opsmith']);

export interface IndexOptions {
  maxFileSizeBytes: number;
}

export type ModuleListener = (dir: string) => void;

/**
 * Every .tf/.tfvars file of the workspace folders, open in the editor or not, parsed and grouped by module directory.
 * Open documents win over disk contents; stale parses (an older version finishing late) are dropped.
 */
export class WorkspaceIndex {
  private readonly docs = new Map<string, TfDocument>();
  private readonly open = new Set<string>();
  private readonly pending = new Map<string, { version: number; text: string }>();
  private readonly generation = new Map<string, number>();
  private readonly dirs = new Map<string, Set<string>>();
  private readonly modules = new Map<string, ModuleIndex>();
  private readonly listeners: ModuleListener[] = [];
  private readonly roots: string[] = [];
  /** While a folder is being indexed, module notifications are collected and sent once per directory at the end. */
  private batchedDirs: Set<string> | undefined;

  constructor(
    private readonly parser: HclParser,
    private readonly query: Query,
    private readonly fs: FileSystem | undefined,
    private readonly logger: Logger,
    private readonly options: IndexOptions,
  ) {}

  get workspaceRoots(): readonly string[] {
    return this.roots;
  }

  onDidChangeModule(listener: ModuleListener): void {
    this.listeners.push(listener);
  }

  get(uri: string): TfDocument | undefined {
    return this.docs.get(uri);
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  allDocuments(): IterableIterator<TfDocument> {
    return this.docs.values();
  }

  moduleDirectories(): string[] {
    return [...this.dirs.keys()];
  }

  documentsIn(dir: string): TfDocument[] {
    const uris = this.dirs.get(dir);
    if (!uris) return [];
    const out: TfDocument[] = [];
    for (const uri of uris) {
      const doc = this.docs.get(uri);
      if (doc) out.push(doc);
    }
    return out;
  }

  module(dir: string): ModuleIndex {
    let index = this.modules.get(dir);
    if (!index) {
      index = new ModuleIndex(dir, this.documentsIn(dir));
      this.modules.set(dir, index);
    }
    return index;
  }

  moduleOf(uri: string): ModuleIndex {
    return this.module(directoryOf(uri));
  }

  async openDocument(uri: string, version: number, text: string): Promise<TfDocument | undefined> {
    this.open.add(uri);
    const current = this.docs.get(uri);
    if (current && current.text === text && !this.pending.has(uri)) {
      // Same bytes as the indexed disk copy: keep the tree, just adopt the editor's version number.
      return this.reparse(uri, version, text, current.tree.copy());
    }
    return this.reparse(uri, version, text, null);
  }

  async changeDocument(uri: string, version: number, changes: TextChange[]): Promise<TfDocument | undefined> {
    // LSP sends didOpen first; a change for anything else would create a document nobody can close.
    if (!this.open.has(uri)) {
      this.logger.warn(`Ignoring a change to ${uri}, which was never opened`);
      return undefined;
    }
    const doc = this.docs.get(uri);
    const pending = this.pending.get(uri);
    if (doc && !pending) {
      const { text, tree } = applyChanges(doc, changes);
      return this.reparse(uri, version, text, tree);
    }
    let text = pending?.text ?? doc?.text ?? '';
    for (const change of changes) text = applyTextChange(text, change);
    return this.reparse(uri, version, text, null);
  }

  /** The editor let go of the file: fall back to what is on disk. */
  async closeDocument(uri: string): Promise<void> {
    this.open.delete(uri);
    await this.refreshFromDisk(uri);
  }

  async refreshFromDisk(uri: string): Promise<void> {
    if (this.open.has(uri) || !this.fs || !isTerraformFile(baseName(uri))) return;
    const text = await this.readText(uri);
    if (text === undefined) {
      this.remove(uri);
      return;
    }
    const current = this.docs.get(uri);
    if (current && current.text === text) return;
    await this.reparse(uri, (current?.version ?? 0) + 1, text, null);
  }

  remove(uri: string): void {
    if (this.open.has(uri)) return;
    const doc = this.docs.get(uri);
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
    this.pending.delete(uri);
    if (!doc) return;
    doc.dispose();
    this.docs.delete(uri);
    const dir = directoryOf(uri);
    this.dirs.get(dir)?.delete(uri);
    if (this.dirs.get(dir)?.size === 0) this.dirs.delete(dir);
    this.invalidate(dir);
  }

  async indexFolder(root: string, isCancelled: () => boolean = () => false): Promise<number> {
    if (!this.fs) return 0;
    if (!this.roots.includes(root)) this.roots.push(root);
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: [string, boolean][];
      try {
        entries = await this.fs!.readDirectory(dir);
      } catch (error) {
        this.logger.warn(`Skipping unreadable folder ${dir}: ${(error as Error).message}`);
        return;
      }
      for (const [name, isDirectory] of entries) {
        if (isDirectory) {
          if (!SKIPPED_DIRECTORIES.has(name)) await walk(`${dir}/${name}`);
        } else if (isTerraformFile(name)) files.push(`${dir}/${name}`);
      }
    };
    await walk(root);
    let indexed = 0;
    const batch = (this.batchedDirs ??= new Set());
    // Reads run ahead of the (sequential) parses so the parser never waits on the disk.
    const pending = files.filter((uri) => !this.open.has(uri) && !this.docs.has(uri));
    const reads: Promise<string | undefined>[] = [];
    const readAhead = (i: number) => {
      if (i < pending.length && !reads[i]) reads[i] = this.readText(pending[i]);
    };
    try {
      for (let i = 0; i < pending.length; i++) {
        if (isCancelled()) break;
        for (let j = i; j < i + READ_AHEAD; j++) readAhead(j);
        const uri = pending[i];
        const text = await reads[i];
        delete reads[i];
        if (text === undefined || this.open.has(uri) || this.docs.has(uri)) continue;
        if (await this.reparse(uri, 0, text, null)) indexed++;
      }
    } finally {
      if (this.batchedDirs === batch) this.batchedDirs = undefined;
      for (const dir of batch) this.notify(dir);
    }
    return indexed;
  }

  private async readText(uri: string): Promise<string | undefined> {
    const fs = this.fs!;
    try {
      const size = await fs.fileSize(uri);
      if (size > this.options.maxFileSizeBytes) {
        this.logger.warn(
          `Skipping ${uri}: ${(size / 1048576).toFixed(1)} MB is above opsmith.index.maxFileSizeMB`,
        );
        return undefined;
      }
      const bytes = await fs.readFile(uri);
      return decodeText(bytes, uri, this.logger);
    } catch {
      return undefined;
    }
  }

  private async reparse(
    uri: string,
    version: number,
    text: string,
    oldTree: Tree | null,
  ): Promise<TfDocument | undefined> {
    const generation = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, generation);
    this.pending.set(uri, { version, text });
    const isStale = () => this.generation.get(uri) !== generation;
    let doc: TfDocument | undefined;
    try {
      doc = await parseDocument(this.parser, this.query, uri, version, text, oldTree, isStale);
    } finally {
      oldTree?.delete();
    }
    if (!doc) return undefined;
    this.pending.delete(uri);
    this.docs.get(uri)?.dispose();
    this.docs.set(uri, doc);
    const dir = directoryOf(uri);
    let set = this.dirs.get(dir);
    if (!set) this.dirs.set(dir, (set = new Set()));
    set.add(uri);
    this.invalidate(dir);
    return doc;
  }

  private invalidate(dir: string): void {
    this.modules.delete(dir);
    if (this.batchedDirs) this.batchedDirs.add(dir);
    else this.notify(dir);
  }

  /** Something outside the files changed what their diagnostics say (a schema arrived, settings changed). */
  notifyModuleChanged(dir: string): void {
    this.notify(dir);
  }

  private notify(dir: string): void {
    for (const listener of this.listeners) listener(dir);
  }
}

function applyTextChange(text: string, change: TextChange): string {
  if (!change.range) return change.text;
  const lines = new LineIndex(text);
  return (
    text.slice(0, lines.offsetAt(change.range.start)) +
    change.text +
    text.slice(lines.offsetAt(change.range.end))
  );
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Binary and non-UTF-8 files are not Terraform; say so once in the log and move on. */
export function decodeText(bytes: Uint8Array, uri: string, logger: Logger): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) {
    logger.warn(`Skipping ${uri}: binary content`);
    return undefined;
  }
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    logger.warn(`Skipping ${uri}: not valid UTF-8`);
    return undefined;
  }
}
