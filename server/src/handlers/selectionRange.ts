import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerSelectionRange({ connection, service }: HandlerContext): void {
  connection.onSelectionRanges((p) =>
    safely(connection, 'selectionRange', [], () => service.selectionRanges(p.textDocument.uri, p.positions)),
  );
}
