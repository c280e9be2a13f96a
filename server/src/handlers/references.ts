import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerReferences({ connection, service }: HandlerContext): void {
  connection.onReferences((p) =>
    safely(connection, 'references', [], () =>
      service.references(p.textDocument.uri, p.position, p.context.includeDeclaration),
    ),
  );
}
