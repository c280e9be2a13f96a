import path from 'node:path';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { registerHandlers } from './handlers';
import { nodeFileSystem } from './nodeFileSystem';
import { getLanguageService } from './service/languageService';
import { DirectorySchemaSource } from './service/schema/schemaSource';
import { createSchemaProvider } from './service/schemaView/fromSource';
import { createGate, type Gate } from './service/gate/gate';
import { offlineEngine } from './service/generation/offlineEngine';
import { WorkspaceDriftSource } from './workspaceDriftSource';
import { SettingsStore } from './settingsStore';
import { IndexedNotification, type IndexedParams } from '../../shared/protocol';

// Transport (--node-ipc from the extension, --stdio from tests and other editors) is chosen from argv.
const connection = createConnection(ProposedFeatures.all);
const settings = new SettingsStore(connection);
let supportsConfiguration = false;
let workspaceFolders: string[] = [];

process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) =>
  connection.console.error(`Unhandled rejection: ${(error as Error)?.stack ?? error}`),
);

connection.onInitialize(async (params): Promise<InitializeResult> => {
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri.replace(/\/$/, ''));
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri.replace(/\/$/, '')];
  const logger = {
    info: (m: string) => connection.console.info(m),
    warn: (m: string) => connection.console.warn(m),
    error: (m: string) => connection.console.error(m),
  };
  const wasm = {
    runtimeWasm: path.join(__dirname, 'tree-sitter.wasm'),
    grammarWasm: path.join(__dirname, 'tree-sitter-terraform.wasm'),
  };
  const schemaProvider = createSchemaProvider(
    new DirectorySchemaSource(path.join(__dirname, 'schemas'), logger),
  );
  const drift = new WorkspaceDriftSource(() => workspaceFolders, logger);
  await drift.reloadSnapshot();
  const service = await getLanguageService({
    drift,
    wasm,
    fs: nodeFileSystem,
    logger,
    settings: () => settings.get(),
    schemas: schemaProvider,
  });
  const diagnostics = new DiagnosticsPublisher(connection, service);
  service.onDidChangeModule((dir) => diagnostics.moduleChanged(dir));
  let gate: Promise<Gate> | undefined;
  const generation = {
    gate: () => (gate ??= createGate({ wasm, schemas: schemaProvider, logger })),
    engine: offlineEngine,
  };
  registerHandlers({
    connection,
    service,
    settings,
    diagnostics,
    generation,
    drift,
    schemas: schemaProvider,
  });

  connection.onInitialized(async () => {
    await settings.refresh(supportsConfiguration);
    const started = Date.now();
    let files = 0;
    for (const folder of workspaceFolders) files += await service.indexFolder(folder);
    connection.console.info(`Indexed ${files} Terraform files in ${Date.now() - started} ms`);
    const params: IndexedParams = { files, ms: Date.now() - started };
    void connection.sendNotification(IndexedNotification, params);
  });
  connection.onDidChangeConfiguration(() => {
    void settings.refresh(supportsConfiguration).then(() => {
      for (const dir of service.index.moduleDirectories()) diagnostics.moduleChanged(dir);
    });
  });

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      hoverProvider: true,
      documentFormattingProvider: true,
      completionProvider: { triggerCharacters: ['.', '"', '='] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'opsmith-language-server', version: '0.1.0' },
  };
});

connection.listen();
