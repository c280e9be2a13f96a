// The only place that talks to the extension host. acquireVsCodeApi may be called once per page, so the handle
// lives here; messages in both directions are typed by shared/protocol.ts.
import type { GraphToHostMessage, HostToGraphMessage } from '../../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

export function post(message: GraphToHostMessage): void {
  api?.postMessage(message);
}

export function loadState(): unknown {
  return api?.getState();
}

export function saveState(state: unknown): void {
  api?.setState(state);
}

/** Host messages arrive as window 'message' events; anything that is not one of ours is ignored. */
export function onHostMessage(handler: (message: HostToGraphMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'graph' || data.type === 'highlight' || data.type === 'exportRequest')
      handler(data as HostToGraphMessage);
  });
}

export function reportError(error: unknown): void {
  const message =
    error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error);
  post({ type: 'error', message });
}
