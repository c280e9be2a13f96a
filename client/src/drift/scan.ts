import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ScanRequestMethod, type ScanParams, type ScanResult } from '../../../shared/protocol';

/** "Opsmith: Scan Cloud": the server scans (with its own cancellable progress) and drift diagnostics follow. */
export function registerScanCommand(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('opsmith.scanCloud', async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Opsmith does not scan the cloud from an untrusted workspace.');
        return;
      }
      const folder = vscode.workspace.workspaceFolders?.[0];
      const languageClient = client();
      if (!folder || !languageClient) {
        void vscode.window.showErrorMessage(
          'Open a folder with Terraform code first; the Opsmith language server must be running.',
        );
        return;
      }
      const config = vscode.workspace.getConfiguration('opsmith.aws', folder.uri);
      const params: ScanParams = {
        folderUri: folder.uri.toString(),
        regions: config.get<string[]>('regions', []).length
          ? config.get<string[]>('regions', [])
          : [process.env.AWS_REGION ?? 'us-east-1'],
        profile: config.get<string>('profile') || undefined,
        endpoint: config.get<string>('endpoint') || undefined,
      };
      try {
        const result = await languageClient.sendRequest<ScanResult>(ScanRequestMethod, params);
        output.info(
          `Scanned ${result.resources} resources${result.account ? ` in account ${result.account}` : ''} in ${result.durationMs} ms → ${result.snapshotPath}`,
        );
        for (const f of result.failed)
          output.warn(
            `Could not list ${f.type} in ${f.region}: ${f.error} (treated as unknown, never as deleted)`,
          );
        const failed = result.failed.length
          ? ` ${result.failed.length} type(s) could not be listed; see the Opsmith output.`
          : '';
        void vscode.window.showInformationMessage(`Opsmith scanned ${result.resources} resources.${failed}`);
        await vscode.commands.executeCommand('opsmith.refreshUnmanaged');
      } catch (error) {
        void vscode.window.showErrorMessage((error as Error).message);
      }
    }),
  );
}
