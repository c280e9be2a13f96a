import type { HandlerContext } from './context';
import { safely } from './guard';

export function registerRename({ connection, service }: HandlerContext): void {
  connection.onPrepareRename((p) =>
    safely(connection, 'prepareRename', null, () => service.prepareRename(p.textDocument.uri, p.position)),
  );
  connection.onRenameRequest((p) =>
    safely(connection, 'rename', null, () => service.rename(p.textDocument.uri, p.position, p.newName)),
  );
}
