import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerCompletion({ connection, service }: HandlerContext): void {
  connection.onCompletion((p) =>
    safely(connection, 'completion', [], () => service.completion(p.textDocument.uri, p.position)),
  );
}
