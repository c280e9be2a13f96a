import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerHover({ connection, service }: HandlerContext): void {
  connection.onHover((p) =>
    safely(connection, 'hover', null, () => service.hover(p.textDocument.uri, p.position)),
  );
}
