// Which nodes a search matches: case-insensitive substring of the label, the id or the type, in the order the
// nodes are drawn (so Enter walks through them left to right, top to bottom).
import { typeKey } from '../model/describe';
import type { ViewNode } from '../model/visibleGraph';

export function findMatches(views: readonly ViewNode[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const matches: string[] = [];
  for (const view of views) {
    const n = view.node;
    if (
      n.label.toLowerCase().includes(q) ||
      n.id.toLowerCase().includes(q) ||
      typeKey(n).toLowerCase().includes(q)
    )
      matches.push(view.id);
  }
  return matches;
}
