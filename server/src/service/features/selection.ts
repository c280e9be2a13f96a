import type { Position, SelectionRange } from 'vscode-languageserver-types';
import type { TfDocument } from '../workspace/document';
import { nodeRange } from '../model/nodes';

/** Expands through the syntax tree: identifier → traversal → expression → attribute → body → block. */
export function selectionRanges(doc: TfDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = doc.lineIndex.offsetAt(position);
    let node = doc.tree.rootNode.descendantForIndex(offset, offset);
    const chain: SelectionRange['range'][] = [];
    while (node) {
      const range = nodeRange(node);
      const last = chain[chain.length - 1];
      if (
        !last ||
        last.start.line !== range.start.line ||
        last.start.character !== range.start.character ||
        last.end.line !== range.end.line ||
        last.end.character !== range.end.character
      ) {
        chain.push(range);
      }
      node = node.parent;
    }
    let result: SelectionRange | undefined;
    for (let i = chain.length - 1; i >= 0; i--) result = { range: chain[i], parent: result };
    return result ?? { range: { start: position, end: position } };
  });
}
