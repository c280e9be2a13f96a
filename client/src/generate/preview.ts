import * as vscode from 'vscode';
import type { GeneratedFile } from '../../../shared/protocol';

export const PREVIEW_SCHEME = 'opsmith-preview';

/** Serves proposed file contents (and the empty "before" side of new files) to diff editors, read-only. */
export class PreviewContentProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, content: string): void {
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
  }

  clear(): void {
    this.contents.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

/** Opens one diff per file: current text (or nothing) on the left, the proposal on the right. */
export async function showPreview(
  provider: PreviewContentProvider,
  files: GeneratedFile[],
  batch: string,
): Promise<void> {
  provider.clear();
  for (const file of files) {
    const proposed = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${batch}/proposed/${file.path}` });
    const before = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${batch}/current/${file.path}` });
    provider.set(proposed, file.content);
    provider.set(before, file.previous ?? '');
    const title = `${file.path} (${file.previous === undefined ? 'new' : 'changed'}) — Opsmith preview`;
    await vscode.commands.executeCommand('vscode.diff', before, proposed, title, { preview: false });
  }
}

/**
 * Writes the accepted files as one undoable edit, after checking nothing changed them since the preview:
 * a file that did not exist must still not exist, an existing one must still hold the previewed text.
 */
export async function applyGenerated(files: GeneratedFile[]): Promise<{ applied: boolean; reason?: string }> {
  const edit = new vscode.WorkspaceEdit();
  for (const file of files) {
    const uri = vscode.Uri.parse(file.uri);
    let current: string | undefined;
    try {
      current = (await vscode.workspace.openTextDocument(uri)).getText();
    } catch {
      current = undefined;
    }
    const unchanged = file.previous === undefined ? current === undefined : current === file.previous;
    if (!unchanged) {
      return {
        applied: false,
        reason: `${file.path} changed since the preview; run the command again to see the new proposal.`,
      };
    }
    if (current === undefined) {
      edit.createFile(uri, { ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), file.content);
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(current.length)), file.content);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return { applied: false, reason: 'VS Code refused the edit.' };
  // Created files are saved so terraform sees them; changed files stay dirty for the user to save, as any edit.
  for (const file of files) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(file.uri));
    if (file.previous === undefined) await doc.save();
  }
  return { applied: true };
}
