import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { GraphRequestMethod, type GraphParams, type GraphResult } from '../../../shared/protocol';
import { GraphChangeNotifier } from '../graphChangeNotifier';
import { GraphCancelledError } from '../service/graph/graphService';
import type { HandlerContext } from './context';

/** opsmith/graph, and opsmith/graphChanged whenever code, a plan, a state file or the scan changed. */
export function registerGraph({ connection, service, drift }: HandlerContext): void {
  const notifier = new GraphChangeNotifier(connection);
  service.onDidChangeGraph((uris) => notifier.changed(uris));
  drift.onDidChange(() => notifier.changed([]));

  connection.onRequest(GraphRequestMethod, async (params: GraphParams, token): Promise<GraphResult> => {
    // One turn of the event loop first, so a cancellation already on its way is seen before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return await service.graph(params ?? {}, token);
    } catch (error) {
      if (error instanceof GraphCancelledError)
        throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
      connection.console.error(`${GraphRequestMethod} failed: ${(error as Error).stack ?? error}`);
      return { nodes: [], edges: [] };
    }
  });
}
