import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ScanRequestMethod, type ScanParams, type ScanResult } from '../../../shared/protocol';
import { AwsScanner } from '../service/cloud/aws/scanner';
import { ScanCancelledError } from '../service/cloud/aws/context';
import { scanWorkspace } from '../service/cloud/scanWorkspace';
import type { HandlerContext } from './context';

/** opsmith/scan: a cancellable background scan with progress; drift diagnostics refresh when it is written. */
export function registerScan({ connection, service, diagnostics, drift }: HandlerContext): void {
  connection.onRequest(ScanRequestMethod, async (params: ScanParams, token): Promise<ScanResult> => {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Opsmith: scanning the cloud', 0, 'starting…', true);
    try {
      const result = await scanWorkspace(
        new AwsScanner(),
        {
          folder: URI.parse(params.folderUri).fsPath,
          regions: params.regions,
          profile: params.profile,
          endpoint: params.endpoint,
        },
        (p) =>
          progress.report(
            Math.round((100 * p.done) / Math.max(1, p.total)),
            `${p.done} of ${p.total}: ${p.message}`,
          ),
        {
          get isCancellationRequested() {
            return token.isCancellationRequested || progress.token.isCancellationRequested;
          },
        },
      );
      await drift.reloadSnapshot();
      for (const dir of service.index.moduleDirectories()) diagnostics.moduleChanged(dir);
      return {
        snapshotPath: result.snapshotPath,
        resources: result.resources,
        failed: result.failed,
        account: result.account,
        durationMs: result.durationMs,
      };
    } catch (error) {
      if (error instanceof ScanCancelledError)
        throw new ResponseError(
          LSPErrorCodes.RequestCancelled,
          'The scan was cancelled; the previous snapshot is unchanged.',
        );
      throw new ResponseError(ErrorCodes.InternalError, `The cloud scan failed: ${(error as Error).message}`);
    } finally {
      progress.done();
    }
  });
}
