import * as vscode from 'vscode';
import type {
  GraphNode,
  GraphRange,
  GraphResult,
  GraphToHostMessage,
  HostToGraphMessage,
} from '../../../shared/protocol';

/** What a host needs from the extension: the graph of a folder, and where to send the user's actions. */
export interface GraphHostDeps {
  /** The folder a newly loaded page shows: the active editor's, else the first one. */
  folder(): vscode.Uri | undefined;
  request(folder: vscode.Uri): Promise<GraphResult>;
  reveal(uri: string, range: GraphRange, besides: vscode.ViewColumn | undefined): Promise<void>;
  save(format: 'svg' | 'png', data: string, folder: vscode.Uri | undefined): Promise<void>;
  output: vscode.LogOutputChannel;
}

const REFRESH_DELAY_MS = 300;

/**
 * One graph page (the editor panel or the sidebar view): answers the page's messages, loads the graph when the
 * page is ready, reloads it (keeping the view) when the server says it changed, and highlights the node under
 * the cursor.
 */
export class GraphHost implements vscode.Disposable {
  private folderUri: vscode.Uri | undefined;
  private ready = false;
  private generation = 0;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Nodes with a block, per document URI (normalised through vscode.Uri), for cursor → node lookups. */
  private nodesByUri = new Map<string, GraphNode[]>();
  private highlighted: string | null = null;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: GraphHostDeps,
    /** The editor column the page itself occupies, so reveals go to another one. */
    private readonly ownColumn: () => vscode.ViewColumn | undefined,
  ) {
    this.subscription = webview.onDidReceiveMessage((message: GraphToHostMessage) => this.onMessage(message));
  }

  /** The server says these module directories or files changed (none: everything). */
  changed(uris: readonly string[]): void {
    if (!this.ready || !this.folderUri) return;
    const folder = this.folderUri.toString();
    const shown = [...this.nodesByUri.keys()];
    const concerned =
      uris.length === 0 ||
      uris.some((uri) => {
        const changed = vscode.Uri.parse(uri).toString();
        // Inside the folder, or a module directory elsewhere that the graph shows blocks of.
        return (
          changed === folder ||
          changed.startsWith(`${folder}/`) ||
          shown.some((file) => file.startsWith(`${changed}/`))
        );
      });
    if (!concerned) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load(true), REFRESH_DELAY_MS);
  }

  /** Shows another folder's graph when the user moves to an editor of that folder. */
  follow(folder: vscode.Uri | undefined): void {
    if (!this.ready || !folder || folder.toString() === this.folderUri?.toString()) return;
    this.folderUri = folder;
    void this.load(false);
  }

  /** Asks the page for an export; it answers with an 'export' message, saved through deps.save. */
  requestExport(format: 'svg' | 'png'): void {
    this.post({ type: 'exportRequest', format });
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Highlights the innermost node whose block holds the cursor, or none. */
  cursorMoved(uri: vscode.Uri, position: vscode.Position): void {
    if (!this.ready) return;
    let best: GraphNode | undefined;
    for (const node of this.nodesByUri.get(uri.toString()) ?? []) {
      const range = node.range!;
      if (!contains(range, position)) continue;
      if (!best || size(range) < size(best.range!)) best = node;
    }
    const id = best?.id ?? null;
    if (id === this.highlighted) return;
    this.highlighted = id;
    this.post({ type: 'highlight', id });
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.subscription.dispose();
  }

  private async onMessage(message: GraphToHostMessage): Promise<void> {
    try {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          this.highlighted = null;
          this.folderUri ??= this.deps.folder();
          await this.load(false);
          break;
        case 'reveal':
          if (message.uri && message.range)
            await this.deps.reveal(message.uri, message.range, this.ownColumn());
          break;
        case 'export':
          await this.deps.save(message.format, message.data, this.folderUri);
          break;
        case 'error':
          this.deps.output.error(`Resource graph: ${message.message}`);
          break;
      }
    } catch (error) {
      this.deps.output.error(`Resource graph: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Opsmith: ${(error as Error).message}`);
    }
  }

  private async load(keepView: boolean): Promise<void> {
    const folder = this.folderUri;
    if (!folder) {
      this.post({ type: 'graph', graph: { nodes: [], edges: [] }, keepView });
      return;
    }
    const generation = ++this.generation;
    let graph: GraphResult;
    try {
      graph = await this.deps.request(folder);
    } catch (error) {
      this.deps.output.error(`Resource graph of ${folder.fsPath}: ${(error as Error).message}`);
      return;
    }
    // A newer load (a later change, another folder) has started meanwhile: its answer is the one to show.
    if (generation !== this.generation) return;
    this.nodesByUri = new Map();
    for (const node of graph.nodes) {
      if (!node.uri || !node.range) continue;
      const key = vscode.Uri.parse(node.uri).toString();
      const list = this.nodesByUri.get(key);
      if (list) list.push(node);
      else this.nodesByUri.set(key, [node]);
    }
    this.post({ type: 'graph', graph, keepView });
    // Whatever was highlighted may be gone or elsewhere now.
    this.highlighted = null;
    const editor = vscode.window.activeTextEditor;
    if (editor) this.cursorMoved(editor.document.uri, editor.selection.active);
  }

  private post(message: HostToGraphMessage): void {
    void this.webview.postMessage(message);
  }
}

function contains(range: GraphRange, position: vscode.Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

const size = (range: GraphRange) =>
  (range.end.line - range.start.line) * 100_000 + (range.end.character - range.start.character);
