import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerFoldingRange({ connection, service }: HandlerContext): void {
  connection.onFoldingRanges((p) =>
    safely(connection, 'foldingRange', [], () => service.foldingRanges(p.textDocument.uri)),
  );
}
