import type { Position, Range } from 'vscode-languageserver-types';

export function contains(range: Range, position: Position): boolean {
  if (position.line < range.start.line || position.line > range.end.line) return false;
  if (position.line === range.start.line && position.character < range.start.character) return false;
  if (position.line === range.end.line && position.character > range.end.character) return false;
  return true;
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

export function rangeKey(uri: string, range: Range): string {
  return `${uri}#${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
