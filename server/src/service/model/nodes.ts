import type { Range } from 'vscode-languageserver-types';
import type { Node } from '../syntax/parser';

export function nodeRange(node: Node): Range {
  const s = node.startPosition;
  const e = node.endPosition;
  return { start: { line: s.row, character: s.column }, end: { line: e.row, character: e.column } };
}

/** Text of a label or string literal without its quotes; identifiers pass through. */
export function labelText(node: Node): string {
  if (node.type === 'string_lit') {
    const text = node.text;
    return text.length >= 2 && text.endsWith('"') ? text.slice(1, -1) : text.slice(1);
  }
  return node.text;
}

export function childrenOfType(node: Node, type: string): Node[] {
  const out: Node[] = [];
  for (const child of node.namedChildren) if (child && child.type === type) out.push(child);
  return out;
}
