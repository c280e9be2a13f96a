import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  UnmanagedRequestMethod,
  type ImportUnmanagedParams,
  type UnmanagedResourceInfo,
  type UnmanagedResult,
} from '../../../shared/protocol';

class UnmanagedItem extends vscode.TreeItem {
  constructor(readonly resource: UnmanagedResourceInfo) {
    super(resource.name ?? resource.id, vscode.TreeItemCollapsibleState.None);
    this.description = `${resource.type} · ${resource.region}`;
    this.tooltip = `${resource.type} ${resource.id} (${resource.region})`;
    this.contextValue = 'unmanagedResource';
    this.iconPath = new vscode.ThemeIcon('cloud');
  }
}

/** The Unmanaged Resources view: what the latest scan saw that no code, state or import block manages. */
export class UnmanagedResourcesProvider implements vscode.TreeDataProvider<UnmanagedItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(item: UnmanagedItem): vscode.TreeItem {
    return item;
  }

  async getChildren(): Promise<UnmanagedItem[]> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const client = this.client();
    if (!folder || !client) return [];
    const params: ImportUnmanagedParams = { folderUri: folder.uri.toString() };
    const result = await client
      .sendRequest<UnmanagedResult>(UnmanagedRequestMethod, params)
      .catch(() => undefined);
    return (result?.resources ?? []).map((r) => new UnmanagedItem(r));
  }
}

export function registerUnmanagedView(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
): UnmanagedResourcesProvider {
  const provider = new UnmanagedResourcesProvider(client);
  const view = vscode.window.createTreeView('opsmith.unmanaged', { treeDataProvider: provider });
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('opsmith.refreshUnmanaged', () => provider.refresh()),
    // One resource from the view, or every unmanaged one from the palette.
    vscode.commands.registerCommand('opsmith.importResource', (item?: UnmanagedItem) =>
      vscode.commands.executeCommand('opsmith.importUnmanaged', item ? [item.resource.id] : undefined),
    ),
  );
  return provider;
}
