import * as vscode from 'vscode';

const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/=\s]*)$/;

/** Asks where to save an exported graph (SVG text or a PNG data URL) and writes it there. */
export async function saveExport(
  format: 'svg' | 'png',
  data: string,
  folder: vscode.Uri | undefined,
): Promise<void> {
  let bytes: Uint8Array;
  if (format === 'svg') bytes = Buffer.from(data, 'utf8');
  else {
    const match = PNG_DATA_URL.exec(data);
    if (!match) throw new Error('The graph view sent a PNG export that is not a PNG data URL.');
    bytes = Buffer.from(match[1], 'base64');
  }
  const name = `resource-graph.${format}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Export the resource graph as ${format.toUpperCase()}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(
    `Saved the resource graph to ${vscode.workspace.asRelativePath(target)}.`,
  );
}
