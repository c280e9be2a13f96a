import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerFormatting({ connection, service }: HandlerContext): void {
  connection.onDocumentFormatting((p) =>
    safely(connection, 'formatting', [], () => service.format(p.textDocument.uri)),
  );
}
