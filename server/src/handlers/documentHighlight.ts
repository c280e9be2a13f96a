import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerDocumentHighlight({ connection, service }: HandlerContext): void {
  connection.onDocumentHighlight((p) =>
    safely(connection, 'documentHighlight', [], () =>
      service.documentHighlights(p.textDocument.uri, p.position),
    ),
  );
}
