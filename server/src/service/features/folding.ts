import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Node } from '../syntax/parser';
import type { TfDocument } from '../workspace/document';

const FOLDABLE = new Set([
  'block',
  'object',
  'tuple',
  'heredoc_template',
  'function_call',
  'for_tuple_expr',
  'for_object_expr',
]);

export function foldingRanges(doc: TfDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  let commentRun: { start: number; end: number } | undefined;
  const flushComments = () => {
    if (commentRun && commentRun.end > commentRun.start)
      ranges.push({ startLine: commentRun.start, endLine: commentRun.end, kind: FoldingRangeKind.Comment });
    commentRun = undefined;
  };
  const cursor = doc.tree.walk();
  const visit = (): void => {
    do {
      const type = cursor.nodeType;
      const start = cursor.startPosition.row;
      const end = cursor.endPosition.row;
      if (type === 'comment') {
        const text = cursor.nodeText;
        if (text.startsWith('/*') && end > start) {
          flushComments();
          ranges.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Comment });
        } else if (commentRun && commentRun.end === start - 1) commentRun.end = start;
        else {
          flushComments();
          commentRun = { start, end: start };
        }
        continue;
      }
      if (FOLDABLE.has(type) && end > start) {
        // Keep the closing bracket visible, as editors do for braces.
        const node: Node = cursor.currentNode;
        const closesOnOwnLine =
          type !== 'heredoc_template' && node.lastChild && node.lastChild.startPosition.row === end;
        ranges.push({ startLine: start, endLine: closesOnOwnLine ? end - 1 : end });
      }
      if (end > start && cursor.gotoFirstChild()) {
        visit();
        cursor.gotoParent();
      }
    } while (cursor.gotoNextSibling());
  };
  if (cursor.gotoFirstChild()) visit();
  cursor.delete();
  flushComments();
  return ranges.filter((r) => r.endLine > r.startLine);
}
