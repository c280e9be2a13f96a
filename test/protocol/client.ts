/**
 * A minimal LSP client for protocol tests: spawns the bundled server (`node dist/server.js --stdio`), speaks
 * JSON-RPC to it over the child's stdio and records what the server pushes (diagnostics, log messages).
 *
 * Every test gets its own temp copy of a fixture directory as the single workspace folder, so tests may write
 * files into it freely. `dispose()` always kills the child and removes the copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProtocolNotificationType,
  type ProtocolRequestType,
  type ProtocolRequestType0,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { IndexedNotification, type IndexedParams } from '../../shared/protocol';
import { prng } from '../helpers/prng';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The bundled server; OPSMITH_SERVER_JS points the tests at another build (e.g. an unminified one for profiling). */
export const SERVER_JS = process.env.OPSMITH_SERVER_JS ?? path.join(REPO_ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'protocol');

export interface StartOptions {
  /** A directory under test/fixtures/protocol (or an absolute path) copied into the temp workspace. */
  fixture?: string;
  /** Extra files written into the temp workspace before the server starts: relative path → contents. */
  files?: Record<string, string | Uint8Array>;
  /** Use this directory as the workspace folder as is (no copy, not removed on dispose). */
  workspace?: string;
  /** Wait for `opsmith/indexed` before resolving (default true). */
  waitForIndex?: boolean;
  /** Answer `workspace/configuration` with this `opsmith` section (the client then declares the capability). */
  settings?: unknown;
  /** Extra arguments for node, before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Default timeout for requests and waits, ms. */
  timeout?: number;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Waiter<T> {
  matches: (value: T) => boolean;
  resolve: (value: T) => void;
}

export class LspClient {
  /** Every publishDiagnostics, per URI, in arrival order. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: LogMessageParams[] = [];
  stderr = '';
  exitCode: number | null | undefined = undefined;
  exitSignal: NodeJS.Signals | null = null;
  initializeResult!: InitializeResult;
  /** Resolves with the server's `opsmith/indexed` notification. */
  readonly indexed: Promise<IndexedParams>;

  private readonly diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly logWaiters: Waiter<LogMessageParams>[] = [];
  private resolveIndexed!: (params: IndexedParams) => void;
  private readonly exited: Promise<void>;
  private disposed = false;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    /** File-system path of the workspace folder. */
    readonly root: string,
    private readonly ownsRoot: boolean,
    readonly timeout: number,
  ) {
    this.indexed = new Promise((resolve) => (this.resolveIndexed = resolve));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
    let root: string;
    let ownsRoot = true;
    if (options.workspace) {
      root = options.workspace;
      ownsRoot = false;
    } else {
      root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'opsmith-lsp-')));
      if (options.fixture)
        cpSync(
          path.isAbsolute(options.fixture) ? options.fixture : path.join(FIXTURES, options.fixture),
          root,
          { recursive: true },
        );
      for (const [rel, content] of Object.entries(options.files ?? {})) {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), content);
      }
    }
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(child, connection, root, ownsRoot, options.timeout ?? 10_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (client.stderr += chunk));
    child.once('exit', (code, signal) => {
      client.exitCode = code;
      client.exitSignal = signal;
      live.delete(child);
    });
    // A dead pipe must fail the test through `alive`, not crash mocha with an unhandled EPIPE.
    child.stdin!.on('error', () => undefined);
    connection.onError(() => undefined);
    client.listen(options.settings);

    const settingsCapability = options.settings !== undefined;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: settingsCapability,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: false },
      },
      textDocument: {
        synchronization: { didSave: false, dynamicRegistration: false },
        publishDiagnostics: {
          versionSupport: true,
          relatedInformation: true,
          tagSupport: { valueSet: [1, 2] },
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        rename: { prepareSupport: true },
      },
    };
    try {
      client.initializeResult = await client.request(InitializeRequest.type, {
        processId: process.pid,
        rootUri: client.rootUri,
        capabilities,
        workspaceFolders: [{ uri: client.rootUri, name: path.basename(root) }],
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
      if (options.waitForIndex ?? true)
        await withTimeout(client.indexed, client.timeout * 3, 'opsmith/indexed');
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return client;
  }

  private listen(settings: unknown): void {
    const { connection } = this;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      let list = this.diagnostics.get(params.uri);
      if (!list) this.diagnostics.set(params.uri, (list = []));
      list.push(params);
      this.wake(this.diagnosticWaiters, params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.wake(this.logWaiters, params);
    });
    connection.onNotification(IndexedNotification, (params: IndexedParams) => this.resolveIndexed(params));
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'opsmith' ? (settings ?? null) : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
  }

  private wake<T>(waiters: Waiter<T>[], value: T): void {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (!waiters[i].matches(value)) continue;
      const [waiter] = waiters.splice(i, 1);
      waiter.resolve(value);
    }
  }

  get rootUri(): string {
    return pathToFileURL(this.root).href.replace(/\/$/, '');
  }

  /** The URI the server uses for a workspace-relative path (the folder URI plus the path, as its walker builds it). */
  uri(rel: string): string {
    return `${this.rootUri}/${rel}`;
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  read(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  write(rel: string, content: string | Uint8Array): void {
    mkdirSync(path.dirname(this.path(rel)), { recursive: true });
    writeFileSync(this.path(rel), content);
  }

  get alive(): boolean {
    return this.exitCode === undefined && !this.disposed;
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<P, R, PR, E, RO>(
    type: ProtocolRequestType<P, R, PR, E, RO>,
    params: P,
    timeout?: number,
  ): Promise<R>;
  request<R, PR, E, RO>(
    type: ProtocolRequestType0<R, PR, E, RO>,
    params?: undefined,
    timeout?: number,
  ): Promise<R>;
  request(type: { method: string }, params: unknown, timeout = this.timeout): Promise<unknown> {
    if (!this.alive)
      return Promise.reject(
        new Error(
          `server is not running (exit ${this.exitCode}, ${this.exitSignal}); stderr: ${this.stderr}`,
        ),
      );
    const sent =
      params === undefined
        ? this.connection.sendRequest(type.method)
        : this.connection.sendRequest(type.method, params);
    return withTimeout(sent, timeout, type.method);
  }

  /** A request by method name with arbitrary (possibly malformed) params. */
  requestRaw(method: string, params: unknown, timeout = this.timeout): Promise<unknown> {
    return withTimeout(this.connection.sendRequest(method, params), timeout, method);
  }

  notify<P, RO>(type: ProtocolNotificationType<P, RO>, params: P): Promise<void> {
    return this.connection.sendNotification(type.method, params);
  }

  /** Opens `rel` with the given text (default: its contents on disk). Returns its URI. */
  async open(rel: string, text = this.read(rel), version = 1): Promise<string> {
    const uri = this.uri(rel);
    const languageId = rel.endsWith('.tfvars') ? 'terraform-vars' : 'terraform';
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
    return uri;
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The most recent publication for `uri`, if any. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.diagnostics.get(uri);
    return list?.[list.length - 1];
  }

  /**
   * Resolves with the first publication for `uri` (already received or still to come) that has `version` (when
   * given) and satisfies `predicate`. `since` skips publications received before that count.
   */
  waitForDiagnostics(
    uri: string,
    options: {
      version?: number;
      predicate?: (p: PublishDiagnosticsParams) => boolean;
      since?: number;
      timeout?: number;
    } = {},
  ): Promise<PublishDiagnosticsParams> {
    const matches = (p: PublishDiagnosticsParams) =>
      p.uri === uri &&
      (options.version === undefined || p.version === options.version) &&
      (!options.predicate || options.predicate(p));
    const seen = (this.diagnostics.get(uri) ?? []).slice(options.since ?? 0).find(matches);
    if (seen) return Promise.resolve(seen);
    const what = `publishDiagnostics for ${uri}${options.version !== undefined ? ` version ${options.version}` : ''}`;
    return this.waitFor(this.diagnosticWaiters, matches, options.timeout ?? this.timeout, what);
  }

  /** Resolves with the first log message (already received or still to come) that satisfies `predicate`. */
  waitForLog(predicate: (p: LogMessageParams) => boolean, timeout = this.timeout): Promise<LogMessageParams> {
    const seen = this.logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return this.waitFor(this.logWaiters, predicate, timeout, 'window/logMessage');
  }

  private waitFor<T>(
    waiters: Waiter<T>[],
    matches: (value: T) => boolean,
    timeout: number,
    what: string,
  ): Promise<T> {
    const waiter = { matches } as Waiter<T>;
    const promise = new Promise<T>((resolve) => (waiter.resolve = resolve));
    waiters.push(waiter);
    return withTimeout(promise, timeout, what).catch((error) => {
      const i = waiters.indexOf(waiter);
      if (i !== -1) waiters.splice(i, 1);
      throw error;
    });
  }

  /** Asks the server to shut down and exit; falls back to killing it. */
  async shutdown(timeout = 2000): Promise<void> {
    if (this.alive) {
      try {
        await this.request(ShutdownRequest.type, undefined, timeout);
        await this.connection.sendNotification(ExitNotification.type);
        await withTimeout(this.exited, timeout, 'exit');
      } catch {
        // dispose() kills it.
      }
    }
    await this.dispose();
  }

  /** Kills the server (if still running) and removes the temp workspace. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.connection.dispose();
    if (this.exitCode === undefined) {
      this.child.kill('SIGKILL');
      await withTimeout(this.exited, 5000, 'server exit').catch(() => undefined);
    }
    live.delete(this.child);
    if (this.ownsRoot) rmSync(this.root, { recursive: true, force: true });
  }
}

/** Resident set size of a process in MB, from /proc (Linux only; undefined elsewhere). */
export function rssMB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Re-exported for the fuzz and incremental tests, which take their seeds from here. */
export { prng };

/** LSP position of the `nth` occurrence of `needle` in `text`, plus `offset` characters. */
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

/** Range of the `nth` occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  const start = positionOf(text, needle, 0, nth);
  const end = positionOf(text, needle, needle.length, nth);
  return { start, end };
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** `line:col message` lines (1-based), the way a person reads diagnostics. */
export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${messageOf(d)}`);
}

/** Applies LSP content changes to `text` the way an editor does (in order; ranges in UTF-16 code units). */
export function applyContentChanges(
  text: string,
  changes: readonly TextDocumentContentChangeEvent[],
): string {
  for (const change of changes) {
    if (!('range' in change) || !change.range) {
      text = change.text;
      continue;
    }
    text =
      text.slice(0, offsetAt(text, change.range.start)) +
      change.text +
      text.slice(offsetAt(text, change.range.end));
  }
  return text;
}

/** Offset of an LSP position in `text` (`\n`, `\r\n` and `\r` end a line), clamped like the LSP spec asks. */
export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line) {
    const next = text.slice(offset).search(/\r\n|\r|\n/);
    if (next === -1) return text.length;
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
    line++;
  }
  const rest = text.slice(offset).search(/\r\n|\r|\n/);
  const lineEnd = rest === -1 ? text.length : offset + rest;
  return Math.min(offset + position.character, lineEnd);
}

/** Applies LSP TextEdits (all relative to the original `text`, non-overlapping) the way an editor does. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits.map((e) => ({
    start: offsetAt(text, e.range.start),
    end: offsetAt(text, e.range.end),
    newText: e.newText,
  }));
  resolved.sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < resolved.length; i++) {
    if (resolved[i].end > resolved[i - 1].start)
      throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
  }
  for (const e of resolved) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/** An independent stream per (seed, stream index): prng(seed + i) would replay file i+1's edits on file i of the next seed. */
export function subSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** Seed for a fuzz run: FUZZ_SEED from the environment, else a random one (always print it). */
export function fuzzSeed(): number {
  const fromEnv = process.env.FUZZ_SEED;
  return fromEnv !== undefined && fromEnv !== ''
    ? Number(fromEnv) >>> 0
    : Math.floor(Math.random() * 2 ** 32);
}

/** LSP position of a UTF-16 offset (`\n`, `\r\n` and `\r` end a line, as in the LSP spec). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  // An offset between \r and \n does not exist for an editor; callers avoid it.
  return { line, character: offset - lineStart };
}

const FUZZ_CHARS = 'abcxyz_019 \t\n{}[]()"\'=.,:?!<>*/#%$`~^&|+-\\';
const FUZZ_TOKENS = [
  '${',
  '%{',
  '}',
  '{',
  '"',
  '""',
  '\n',
  '\n\n',
  '  ',
  '<<EOT\n',
  '<<-EOF\n',
  '\nEOT\n',
  '  EOF',
  '#',
  '//',
  '/*',
  '*/',
  '~}',
  'var.',
  'local.',
  'each.value',
  'count.index',
  ' = ',
  '=>',
  '...',
  '[*]',
  '.id',
  '\r\n',
  'é',
  '€',
  '😀',
  '\\"',
  '$${',
  '%%{',
  'resource "aws_s3_bucket" "b" {',
  'variable "v" {}',
  'locals {\n',
  'dynamic "x" {\n  content {\n',
  'for k, v in ',
  ' if ',
  '? 1 : 2',
];

/** A UTF-16 offset in `text` that does not split a surrogate pair or a \r\n. */
function safeOffset(text: string, offset: number): number {
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  if (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return offset - 1;
  if (prev === 13 && next === 10) return offset - 1;
  return offset;
}

/**
 * One random editor-like change to `text`: typing characters and tokens that stress the grammar (brackets, quotes,
 * `${`, heredoc markers, newlines, non-ASCII), deleting characters or ranges, pasting a slice of the text elsewhere.
 */
export function randomChange(text: string, random: () => number): { range: Range; text: string } {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const at = (o: number) => safeOffset(text, Math.max(0, Math.min(text.length, o)));
  const kind = random();
  let start = at(Math.floor(random() * (text.length + 1)));
  let end = start;
  let inserted = '';
  if (kind < 0.3) inserted = pick([...FUZZ_CHARS]);
  else if (kind < 0.5) inserted = pick(FUZZ_TOKENS);
  else if (kind < 0.7)
    end = at(start + 1 + (text.charCodeAt(start) >= 0xd800 && text.charCodeAt(start) <= 0xdbff ? 1 : 0));
  else if (kind < 0.85) end = at(start + 1 + Math.floor(random() * (random() < 0.8 ? 20 : 300)));
  else if (kind < 0.95) {
    const from = at(Math.floor(random() * text.length));
    inserted = text.slice(from, at(from + 1 + Math.floor(random() * 80)));
  } else {
    // Replace a range with a token (a selection overwritten by typing).
    end = at(start + Math.floor(random() * 30));
    inserted = pick(FUZZ_TOKENS);
  }
  if (end < start) [start, end] = [end, start];
  return { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: inserted };
}

/**
 * The changes that undo `changes` (which were applied, in order, to `before`): applied in order to the result they
 * give `before` back, the way an editor's undo sends them.
 */
export function invertChanges(
  before: string,
  changes: readonly { range?: Range; text: string }[],
): { range: Range; text: string }[] {
  const inverse: { range: Range; text: string }[] = [];
  let text = before;
  for (const change of changes) {
    if (!change.range) throw new Error('cannot invert a full-document change');
    const start = offsetAt(text, change.range.start);
    const end = Math.max(start, offsetAt(text, change.range.end));
    const next = text.slice(0, start) + change.text + text.slice(end);
    inverse.unshift({
      range: { start: positionAt(next, start), end: positionAt(next, start + change.text.length) },
      text: text.slice(start, end),
    });
    text = next;
  }
  return inverse;
}
