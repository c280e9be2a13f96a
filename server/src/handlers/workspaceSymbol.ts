import type { HandlerContext } from './context';

export function registerWorkspaceSymbol({ connection, service }: HandlerContext): void {
  connection.onWorkspaceSymbol((p, token) => {
    try {
      return service.workspaceSymbols(p.query, token);
    } catch (error) {
      connection.console.error(`workspaceSymbol failed: ${(error as Error).stack}`);
      return [];
    }
  });
}
