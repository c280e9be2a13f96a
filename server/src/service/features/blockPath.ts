import type { Position } from 'vscode-languageserver-types';
import type { Block } from '../model/types';
import type { TfDocument } from '../workspace/document';
import { contains } from './positions';

/**
 * The blocks around a position, outermost first, counting only positions inside the braces. Used by every
 * feature that asks "which schema applies here".
 */
export function blockPathAt(doc: TfDocument, position: Position): Block[] {
  const path: Block[] = [];
  let candidates = doc.model.blocks;
  for (;;) {
    const inside = candidates.find((b) => insideBraces(b, position));
    if (!inside) return path;
    path.push(inside);
    candidates = inside.blocks;
  }
}

function insideBraces(block: Block, position: Position): boolean {
  const start = block.openBrace.end;
  const end = block.closeBrace?.start ?? block.range.end;
  return (
    contains({ start, end }, position) && !(position.line === end.line && position.character > end.character)
  );
}
