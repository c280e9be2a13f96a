import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RestartOnceErrorHandler } from './serverLifecycle';
import { ServerStatus } from './statusBar';
import { registerGenerateCommand } from './generate/command';
import { registerModel } from './model';
import { registerRevertDrift } from './drift/revert';
import { registerScanCommand } from './drift/scan';
import { registerUnmanagedView } from './drift/unmanagedView';
import { registerGraph } from './graph/register';
import { IndexedNotification, type IndexedParams } from '../../shared/protocol';

let client: LanguageClient | undefined;

/** What tests inside the extension host may read to check the extension's state. */
export interface OpsmithApi {
  serverState(): string;
  whenIndexed(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<OpsmithApi> {
  const output = vscode.window.createOutputChannel('Opsmith', { log: true });
  const status = new ServerStatus();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const errorHandler = new RestartOnceErrorHandler(
    () => {
      output.warn('Language server crashed; restarting it once.');
      status.set('restarted');
    },
    () => {
      output.error('Language server crashed again; it will stay stopped until restarted.');
      status.set('stopped', 'crashed twice');
    },
  );
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'terraform-vars' },
      { scheme: 'untitled', language: 'terraform' },
    ],
    synchronize: {
      configurationSection: 'opsmith',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{*.tf,*.tfvars,.terraform.lock.hcl}'),
        // Drift: a new cloud scan or a changed Terraform state.
        vscode.workspace.createFileSystemWatcher('**/{terraform.tfstate,.opsmith,.opsmith/**}'),
        // The resource graph: `terraform show -json` plan output.
        vscode.workspace.createFileSystemWatcher('**/{plan.json,tfplan.json,*.tfplan.json}'),
      ],
    },
    outputChannel: output,
    errorHandler,
  };

  let indexed!: () => void;
  const indexedPromise = new Promise<void>((resolve) => (indexed = resolve));
  client = new LanguageClient('opsmith', 'Opsmith Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState((event) => {
      if (event.newState === State.Running && status.state !== 'restarted') status.set('indexing');
      // After a crash the error handler has already said whether a restart follows ('restarted') or not ('stopped').
      if (event.newState === State.Stopped && status.state !== 'stopped' && status.state !== 'restarted') {
        status.set('stopped');
      }
    }),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('opsmith.restartServer', async () => {
      errorHandler.reset();
      status.set('starting');
      await client?.restart();
    }),
  );

  client.onNotification(IndexedNotification, (info: IndexedParams) => {
    output.info(`Indexed ${info.files} files in ${info.ms} ms`);
    if (status.state !== 'restarted') status.set('ready', `${info.files} files indexed`);
    indexed();
  });
  registerGenerateCommand(context, () => client, output);
  registerModel(context, output);
  registerRevertDrift(context);
  registerScanCommand(context, () => client, output);
  const unmanaged = registerUnmanagedView(context, () => client);
  registerGraph(context, () => client, output);
  context.subscriptions.push(vscode.workspace.onDidSaveTextDocument(() => unmanaged.refresh()));
  await client.start();

  return { serverState: () => status.state, whenIndexed: () => indexedPromise };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
