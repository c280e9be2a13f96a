import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerDefinition({ connection, service }: HandlerContext): void {
  connection.onDefinition((p) =>
    safely(connection, 'definition', [], () => service.definition(p.textDocument.uri, p.position)),
  );
}
