import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  GraphChangedNotification,
  GraphRequestMethod,
  type GraphChangedParams,
  type GraphParams,
  type GraphResult,
} from '../../../shared/protocol';
import { saveExport } from './exportFile';
import { GraphHost, type GraphHostDeps } from './graphHost';
import { graphHtml } from './html';
import { revealBlock } from './reveal';

export const SHOW_GRAPH_COMMAND = 'opsmith.showGraph';
const EXPORT_GRAPH_COMMAND = 'opsmith.exportGraph';
const PANEL_TYPE = 'opsmith.graph';
const VIEW_ID = 'opsmith.graphView';
const SERVER_START_TIMEOUT_MS = 60_000;

/**
 * "Opsmith: Show Resource Graph" (a panel beside the editor) and the Resource Graph view of the Opsmith view
 * container: the same page and the same host code in both. The graph only reads code, scans and plans the
 * server already has, so it works in untrusted workspaces too.
 */
export function registerGraph(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  output: vscode.LogOutputChannel,
): void {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const hosts = new Set<GraphHost>();
  let lastEditor = vscode.window.activeTextEditor;

  const folderOf = (editor: vscode.TextEditor | undefined) =>
    (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri) ??
    vscode.workspace.workspaceFolders?.[0]?.uri;
  const deps: GraphHostDeps = {
    folder: () => folderOf(lastEditor),
    request: (folder) => requestGraph(client(), folder),
    reveal: (uri, range, besides) => revealBlock(uri, range, besides, lastEditor?.viewColumn),
    save: saveExport,
    output,
  };
  const host = (webview: vscode.Webview, ownColumn: () => vscode.ViewColumn | undefined): GraphHost => {
    webview.options = { enableScripts: true, localResourceRoots: [dist] };
    // The stylesheet exists when the webview bundle imports CSS; the page works without it.
    webview.html = graphHtml(webview, dist, existsSync(vscode.Uri.joinPath(dist, 'webview.css').fsPath));
    const created = new GraphHost(webview, deps, ownColumn);
    hosts.add(created);
    return created;
  };
  const release = (released: GraphHost) => {
    hosts.delete(released);
    released.dispose();
  };

  let panel: vscode.WebviewPanel | undefined;
  let panelHost: GraphHost | undefined;
  /** Puts the page and the host code into a panel: a new one, or one the window restored after a reload. */
  const adopt = (adopted: vscode.WebviewPanel) => {
    adopted.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'graph.svg');
    const adoptedHost = host(adopted.webview, () => adopted.viewColumn);
    adopted.onDidDispose(() => {
      release(adoptedHost);
      if (panel !== adopted) return;
      panel = undefined;
      panelHost = undefined;
    });
    panel = adopted;
    panelHost = adoptedHost;
  };
  const showPanel = () => {
    if (panel) {
      panel.reveal(panel.viewColumn, false);
      return;
    }
    adopt(
      vscode.window.createWebviewPanel(
        PANEL_TYPE,
        'Resource Graph',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [dist] },
      ),
    );
  };
  const exportGraph = async () => {
    // The panel when there is one, else the view: whichever page has a graph.
    const target = [panelHost, ...hosts].find((h) => h?.isReady);
    if (!target) {
      void vscode.window.showInformationMessage(
        'Open the resource graph first (Opsmith: Show Resource Graph).',
      );
      return;
    }
    const format = await vscode.window.showQuickPick(
      [
        { label: 'SVG', description: 'vector, for documents and diffs', format: 'svg' as const },
        { label: 'PNG', description: 'image, at the pixel density of the screen', format: 'png' as const },
      ],
      { title: 'Export the resource graph as' },
    );
    if (format) target.requestExport(format.format);
  };

  const languageClient = client();
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_GRAPH_COMMAND, showPanel),
    vscode.commands.registerCommand(EXPORT_GRAPH_COMMAND, exportGraph),
    // A panel left open when the window reloads comes back with a fresh page (it asks for the graph again).
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, {
      deserializeWebviewPanel(restored) {
        // Only one graph panel: should one already be open (the command ran first), the restored one goes.
        if (panel) restored.dispose();
        else adopt(restored);
        return Promise.resolve();
      },
    }),
    vscode.window.registerWebviewViewProvider(
      VIEW_ID,
      {
        resolveWebviewView(view) {
          const viewHost = host(view.webview, () => undefined);
          view.onDidDispose(() => release(viewHost));
        },
      },
      { webviewOptions: { retainContextWhenHidden: true } },
    ),
    // Editors outside the editor groups (the output, the debug console) have no column: they are not code.
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (!editor || editor.viewColumn === undefined) return;
      lastEditor = editor;
      const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri;
      for (const h of hosts) {
        h.follow(folder);
        h.cursorMoved(editor.document.uri, editor.selection.active);
      }
    }),
    vscode.window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
      if (textEditor.viewColumn === undefined) return;
      for (const h of hosts) h.cursorMoved(textEditor.document.uri, selections[0].active);
    }),
    { dispose: () => [...hosts].forEach(release) },
  );
  if (languageClient)
    context.subscriptions.push(
      languageClient.onNotification(GraphChangedNotification, (params: GraphChangedParams) => {
        for (const h of hosts) h.changed(params.uris ?? []);
      }),
    );
}

async function requestGraph(client: LanguageClient | undefined, folder: vscode.Uri): Promise<GraphResult> {
  if (!client) throw new Error('the Opsmith language server is not available');
  // A page restored with the window can ask before the server is up.
  if (client.state !== State.Running) await whenRunning(client);
  const params: GraphParams = { folderUri: folder.toString() };
  return client.sendRequest<GraphResult>(GraphRequestMethod, params);
}

function whenRunning(client: LanguageClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error('the Opsmith language server did not start'));
    }, SERVER_START_TIMEOUT_MS);
    const listener = client.onDidChangeState(({ newState }) => {
      if (newState !== State.Running) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}
