import type { TextEdit } from 'vscode-languageserver-types';
import { FormatError, formatEdits } from '../format/formatter';
import type { TfDocument } from '../workspace/document';

/**
 * terraform fmt semantics. A file with syntax errors is left alone: formatting a half-parsed file can move
 * text the user is in the middle of typing.
 */
export function formatDocument(doc: TfDocument): TextEdit[] {
  if (doc.model.syntaxProblems.length > 0) return [];
  const lines = doc.lineIndex;
  try {
    return formatEdits(doc.text).map((edit) => ({
      range: lines.range(edit.startOffset, edit.endOffset),
      newText: edit.newText,
    }));
  } catch (error) {
    if (error instanceof FormatError) return [];
    throw error;
  }
}
