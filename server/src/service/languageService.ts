import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-types';
import type { GraphParams, GraphResult } from '../../../shared/protocol';
import { REFERENCE_QUERY } from './model/extractReferences';
import { HclParser, type WasmLocation } from './syntax/parser';
import { neverCancelled, type CancellationToken } from './features/cancellation';
import { codeActions } from './features/codeActions';
import { driftCodeActions } from './drift/codeActions';
import { driftDiagnostics } from './drift/diagnostics';
import { noDrift, type DriftSource } from './drift/driftSource';
import { directoryOf } from './workspace/uris';
import { completion } from './features/completion';
import { computeDiagnostics } from './features/diagnostics';
import { providersNewerThanShipped, providerVersionDiagnostics } from './features/providerVersions';
import { schemaDiagnostics } from './features/schemaDiagnostics';
import { schemaHover } from './features/schemaHover';
import { noSchemas, type SchemaProvider } from './schemaView/schemaProvider';
import { foldingRanges } from './features/folding';
import { createGraphService } from './graph/graphService';
import { formatDocument } from './features/formatting';
import { hover } from './features/hover';
import { definition, documentHighlights, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { selectionRanges } from './features/selection';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { defaultSettings, type ServiceSettings } from './settings';
import type { TextChange, TfDocument } from './workspace/document';
import { silentLogger, type FileSystem, type Logger } from './workspace/fileSystem';
import { WorkspaceIndex } from './workspace/workspaceIndex';

export interface LanguageServiceDeps {
  wasm: WasmLocation;
  /** Absent in tests that only use in-memory documents. */
  fs?: FileSystem;
  logger?: Logger;
  settings?: () => ServiceSettings;
  /** Provider schemas for schema-aware features; without it those features stay silent. */
  schemas?: SchemaProvider;
  /** The latest cloud scan and Terraform state; without them there is no drift to show. */
  drift?: DriftSource;
}

export type { TextChange, TfDocument };

/**
 * The transport-free core: everything the language server does, callable without LSP or VS Code.
 * Handlers in server/src/handlers only translate between LSP and these calls.
 */
export interface LanguageService {
  readonly index: WorkspaceIndex;
  openDocument(uri: string, version: number, text: string): Promise<TfDocument | undefined>;
  changeDocument(uri: string, version: number, changes: TextChange[]): Promise<TfDocument | undefined>;
  closeDocument(uri: string): Promise<void>;
  fileChangedOnDisk(uri: string): Promise<void>;
  fileDeletedOnDisk(uri: string): void;
  indexFolder(uri: string, token?: CancellationToken): Promise<number>;
  /** Fires with a module directory whenever one of its files changed: its files' diagnostics may have changed. */
  onDidChangeModule(listener: (dir: string) => void): void;
  /** Fires with module directories or files whose change can change the resource graph (code, plans). */
  onDidChangeGraph(listener: (uris: string[]) => void): void;

  diagnostics(uri: string): Diagnostic[];
  definition(uri: string, position: Position, token?: CancellationToken): Location[];
  references(
    uri: string,
    position: Position,
    includeDeclaration: boolean,
    token?: CancellationToken,
  ): Location[];
  documentHighlights(uri: string, position: Position, token?: CancellationToken): DocumentHighlight[];
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null;
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | null;
  documentSymbols(uri: string, token?: CancellationToken): DocumentSymbol[];
  workspaceSymbols(query: string, token?: CancellationToken): WorkspaceSymbol[];
  foldingRanges(uri: string, token?: CancellationToken): FoldingRange[];
  selectionRanges(uri: string, positions: Position[], token?: CancellationToken): SelectionRange[];
  hover(uri: string, position: Position, token?: CancellationToken): Hover | null;
  completion(uri: string, position: Position, token?: CancellationToken): CompletionItem[];
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], token?: CancellationToken): CodeAction[];
  format(uri: string, token?: CancellationToken): TextEdit[];
  /** The resource graph of a folder; rejects with GraphCancelledError when the token is cancelled. */
  graph(params: GraphParams, token?: CancellationToken): Promise<GraphResult>;
}

export async function getLanguageService(deps: LanguageServiceDeps): Promise<LanguageService> {
  const parser = await HclParser.create(deps.wasm);
  const query = parser.query(REFERENCE_QUERY);
  const logger = deps.logger ?? silentLogger;
  const settings = deps.settings ?? (() => defaultSettings);
  const index = new WorkspaceIndex(parser, query, deps.fs, logger, {
    get maxFileSizeBytes() {
      return settings().maxFileSizeBytes;
    },
  });
  const schemas = deps.schemas ?? noSchemas;
  // Load a provider's schema the first time a file uses one of its types, then re-check everything.
  index.onDidChangeModule((dir) => {
    const providers = new Set<string>();
    for (const doc of index.documentsIn(dir)) {
      for (const block of doc.model.blocks) {
        const type = block.labels[0]?.text;
        if ((block.type === 'resource' || block.type === 'data') && type) providers.add(type.split('_')[0]);
      }
    }
    if (providers.size === 0) return;
    schemas.ensureLoaded([...providers]).then(
      (loaded) => {
        if (loaded) for (const moduleDir of index.moduleDirectories()) index.notifyModuleChanged(moduleDir);
      },
      (error: Error) => logger.error(`Loading provider schemas failed: ${error.message}`),
    );
  });
  const drift = deps.drift ?? noDrift;
  const driftFor = (doc: TfDocument): Diagnostic[] => {
    const snapshot = drift.snapshot();
    if (!snapshot || doc.languageId !== 'terraform') return [];
    const dir = directoryOf(doc.uri);
    return driftDiagnostics(doc, index.module(dir), snapshot, drift.state(dir), {
      severity: settings().driftSeverity,
      now: Date.now(),
      schemas: schemas.view(),
    });
  };
  const graph = createGraphService({
    index,
    fs: deps.fs,
    logger,
    drift,
    schemas: () => schemas.view(),
  });
  const graphListeners: ((uris: string[]) => void)[] = [];
  index.onDidChangeModule((dir) => graphListeners.forEach((listener) => listener([dir])));
  const planFileChanged = (uri: string) => {
    if (graph.fileChanged(uri)) graphListeners.forEach((listener) => listener([uri]));
  };
  const withDoc = <T>(uri: string, fallback: T, run: (doc: TfDocument) => T): T => {
    const doc = index.get(uri);
    return doc ? run(doc) : fallback;
  };

  return {
    index,
    openDocument: (uri, version, text) => index.openDocument(uri, version, text),
    changeDocument: (uri, version, changes) => index.changeDocument(uri, version, changes),
    closeDocument: (uri) => index.closeDocument(uri),
    fileChangedOnDisk: (uri) => {
      planFileChanged(uri);
      return index.refreshFromDisk(uri);
    },
    fileDeletedOnDisk: (uri) => {
      planFileChanged(uri);
      index.remove(uri);
    },
    indexFolder: (uri, token = neverCancelled) => index.indexFolder(uri, () => token.isCancellationRequested),
    onDidChangeModule: (listener) => index.onDidChangeModule(listener),
    onDidChangeGraph: (listener) => {
      graphListeners.push(listener);
    },

    diagnostics: (uri) =>
      withDoc(uri, [], (doc) => [
        ...computeDiagnostics(doc, index.moduleOf(uri), {
          unusedDeclarations: settings().unusedDeclarations,
        }),
        ...schemaDiagnostics(
          doc,
          schemas.view(),
          providersNewerThanShipped(index.moduleOf(uri).documents, schemas.shipped()),
        ),
        ...providerVersionDiagnostics(doc, schemas.shipped()),
        ...driftFor(doc),
      ]),
    definition: (uri, position) => withDoc(uri, [], (doc) => definition(index, doc, position)),
    references: (uri, position, includeDeclaration) =>
      withDoc(uri, [], (doc) => references(index, doc, position, includeDeclaration)),
    documentHighlights: (uri, position) =>
      withDoc(uri, [], (doc) => documentHighlights(index, doc, position)),
    prepareRename: (uri, position) => withDoc(uri, null, (doc) => prepareRename(index, doc, position)),
    rename: (uri, position, newName) => withDoc(uri, null, (doc) => rename(index, doc, position, newName)),
    documentSymbols: (uri) => withDoc(uri, [], (doc) => documentSymbols(doc)),
    workspaceSymbols: (query, token = neverCancelled) => workspaceSymbols(index, query, token),
    foldingRanges: (uri) => withDoc(uri, [], (doc) => foldingRanges(doc)),
    selectionRanges: (uri, positions) => withDoc(uri, [], (doc) => selectionRanges(doc, positions)),
    hover: (uri, position) =>
      withDoc(uri, null, (doc) => schemaHover(doc, position, schemas.view()) ?? hover(index, doc, position)),
    completion: (uri, position) =>
      withDoc(uri, [], (doc) => completion(index, doc, position, schemas.view())),
    codeActions: (uri, _range, diagnostics) =>
      withDoc(uri, [], (doc) => [
        ...codeActions(doc, index.moduleOf(uri), diagnostics, schemas.view()),
        ...driftCodeActions(doc, diagnostics),
      ]),
    format: (uri) => withDoc(uri, [], (doc) => formatDocument(doc)),
    graph: (params, token) => graph.graph(params, token),
  };
}
