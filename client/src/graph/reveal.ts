import * as vscode from 'vscode';
import type { GraphRange } from '../../../shared/protocol';

/**
 * Opens the block's file with its header selected, in the editor group the user was working in — never in the
 * group the graph panel occupies (`besides`).
 */
export async function revealBlock(
  uri: string,
  range: GraphRange,
  besides: vscode.ViewColumn | undefined,
  lastEditorColumn: vscode.ViewColumn | undefined,
): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const start = document.validatePosition(new vscode.Position(range.start.line, range.start.character));
  const header = document.lineAt(start.line).text;
  // The header runs to the block's opening brace (or the end of the line when the brace is further down).
  const brace = header.indexOf('{', start.character);
  const end = new vscode.Position(
    start.line,
    (brace === -1 ? header : header.slice(0, brace)).trimEnd().length,
  );
  const viewColumn =
    lastEditorColumn !== undefined && lastEditorColumn !== besides
      ? lastEditorColumn
      : besides === vscode.ViewColumn.One
        ? vscode.ViewColumn.Two
        : vscode.ViewColumn.One;
  await vscode.window.showTextDocument(document, {
    viewColumn,
    selection: new vscode.Range(start, end.isBefore(start) ? start : end),
    preserveFocus: false,
    preview: false,
  });
}
