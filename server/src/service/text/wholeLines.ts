import type { Range } from 'vscode-languageserver-types';
import type { TfDocument } from '../workspace/document';

/** The range of whole lines when the range is alone on its lines, so deleting it leaves no blank line behind. */
export function wholeLines(doc: TfDocument, range: Range): Range {
  const lines = doc.lineIndex;
  const start = lines.offsetAt({ line: range.start.line, character: 0 });
  const end = lines.offsetAt(range.end);
  const before = doc.text.slice(start, lines.offsetAt(range.start));
  const nextLine =
    range.end.line + 1 < lines.lineCount
      ? lines.offsetAt({ line: range.end.line + 1, character: 0 })
      : doc.text.length;
  const after = doc.text.slice(end, nextLine);
  if (before.trim() === '' && after.trim() === '')
    return { start: { line: range.start.line, character: 0 }, end: lines.positionAt(nextLine) };
  return range;
}
