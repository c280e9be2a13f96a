import type { HandlerContext } from './context';

/** didOpen / didChange / didClose: keep the index in step with the editor and trigger diagnostics. */
export function registerTextDocumentSync({ connection, service, diagnostics }: HandlerContext): void {
  const report = (uri: string, error: unknown) =>
    connection.console.error(`Parsing ${uri} failed: ${(error as Error).stack ?? error}`);
  connection.onDidOpenTextDocument(({ textDocument }) => {
    diagnostics.documentEdited(textDocument.uri);
    service
      .openDocument(textDocument.uri, textDocument.version, textDocument.text)
      .catch((e) => report(textDocument.uri, e));
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    diagnostics.documentEdited(textDocument.uri);
    service
      .changeDocument(textDocument.uri, textDocument.version, contentChanges)
      .catch((e) => report(textDocument.uri, e));
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    service
      .closeDocument(textDocument.uri)
      .then(() => {
        // An unsaved file that was never on disk is gone now; so are its diagnostics.
        if (!service.index.get(textDocument.uri)) diagnostics.clear(textDocument.uri);
      })
      .catch((e) => report(textDocument.uri, e));
  });
}
