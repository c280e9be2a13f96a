import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerDocumentSymbol({ connection, service }: HandlerContext): void {
  connection.onDocumentSymbol((p) =>
    safely(connection, 'documentSymbol', [], () => service.documentSymbols(p.textDocument.uri)),
  );
}
