import * as vscode from 'vscode';

export type ServerState = 'starting' | 'indexing' | 'ready' | 'restarted' | 'stopped';

const PRESENTATION: Record<ServerState, { text: string; tooltip: string; error?: boolean }> = {
  starting: { text: '$(sync~spin) Opsmith', tooltip: 'Opsmith language server is starting' },
  indexing: { text: '$(sync~spin) Opsmith', tooltip: 'Opsmith is indexing the workspace' },
  ready: { text: '$(check) Opsmith', tooltip: 'Opsmith language server is running' },
  restarted: {
    text: '$(warning) Opsmith',
    tooltip: 'The Opsmith language server crashed once and was restarted',
  },
  stopped: {
    text: '$(error) Opsmith',
    tooltip: 'The Opsmith language server stopped. Click to restart.',
    error: true,
  },
};

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'opsmith.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  state: ServerState = 'starting';

  constructor() {
    this.item.name = 'Opsmith';
    this.item.command = 'opsmith.showOutput';
    this.set('starting');
    this.item.show();
  }

  set(state: ServerState, detail?: string): void {
    this.state = state;
    const p = PRESENTATION[state];
    this.item.text = p.text;
    this.item.tooltip = detail ? `${p.tooltip} — ${detail}` : p.tooltip;
    this.item.command = state === 'stopped' ? 'opsmith.restartServer' : 'opsmith.showOutput';
    this.item.backgroundColor = p.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
