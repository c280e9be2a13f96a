// Entry of the resource-graph webview bundle. The graph app (d3, overlays, layout) is built on top of this
// entry by the graph issue; until then the bundle only confirms to the host that it loaded.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
vscode?.postMessage({ type: 'ready' });
