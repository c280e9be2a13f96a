import { FileChangeType } from 'vscode-languageserver/node';
import type { HandlerContext } from './context';

/** Files changed on disk by git, terraform or another editor. */
export function registerWatchedFiles({ connection, service, diagnostics, drift }: HandlerContext): void {
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      // A new scan or a changed state changes what every module's drift diagnostics say.
      void drift.fileChanged(change.uri).then((relevant) => {
        if (relevant) for (const dir of service.index.moduleDirectories()) diagnostics.moduleChanged(dir);
      });
      if (change.type === FileChangeType.Deleted) {
        service.fileDeletedOnDisk(change.uri);
        diagnostics.clear(change.uri);
      } else {
        service
          .fileChangedOnDisk(change.uri)
          .catch((e) => connection.console.error(`Reading ${change.uri} failed: ${e}`));
      }
    }
  });
}
