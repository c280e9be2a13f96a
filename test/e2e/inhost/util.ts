// Helpers for tests that run inside the extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'opsmith.opsmith';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the in-host tests need a workspace folder (the e2e fixture)');
  return folder.uri;
}

export const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), name);

export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function openDoc(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Position inside the first occurrence of `needle`, `offset` characters in. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  return doc.positionAt(at + offset);
}

/**
 * Poll until fn returns something truthy. Language features answer empty until the server has started and indexed
 * the module, so every query waits for its answer instead of sleeping a fixed time.
 */
export async function eventually<T>(
  what: string,
  fn: () => T | Thenable<T>,
  timeoutMs = 30_000,
  everyMs = 250,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Truthy<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

/** Location | LocationLink → [uri, range of the target]. */
export function target(loc: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in loc
    ? { uri: loc.targetUri, range: loc.targetSelectionRange ?? loc.targetRange }
    : { uri: loc.uri, range: loc.range };
}

export const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);
