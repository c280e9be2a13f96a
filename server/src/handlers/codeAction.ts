import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerCodeAction({ connection, service }: HandlerContext): void {
  connection.onCodeAction((p) =>
    safely(connection, 'codeAction', [], () =>
      service.codeActions(p.textDocument.uri, p.range, p.context.diagnostics),
    ),
  );
}
