// Where an arrow key moves focus. Left/right follow edges (dependencies are to the left, dependents to the
// right), preferring the neighbour closest in height; up/down move within the column. When there is no such
// neighbour, the nearest node in that direction is taken, which is also how the force layout navigates.
import type { Box } from '../layout/types';

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface NavigationContext {
  boxes: Map<string, Box>;
  layers?: Map<string, number>;
  /** Dependencies (drawn left) and dependents (drawn right) of each node. */
  dependencies: Map<string, string[]>;
  dependents: Map<string, string[]>;
}

export function neighbour(ctx: NavigationContext, from: string, direction: Direction): string | undefined {
  const here = ctx.boxes.get(from);
  if (!here) return undefined;
  const cy = here.y + here.height / 2;
  const cx = here.x + here.width / 2;

  if (direction === 'left' || direction === 'right') {
    const linked = (direction === 'right' ? ctx.dependents : ctx.dependencies).get(from) ?? [];
    let best: string | undefined;
    let bestScore = Infinity;
    for (const id of linked) {
      const box = ctx.boxes.get(id);
      if (!box) continue;
      const score = Math.abs(box.y + box.height / 2 - cy) + Math.abs(box.x + box.width / 2 - cx) * 0.1;
      if (score < bestScore) {
        bestScore = score;
        best = id;
      }
    }
    if (best) return best;
  }
  if ((direction === 'up' || direction === 'down') && ctx.layers) {
    const layer = ctx.layers.get(from);
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const [id, l] of ctx.layers) {
      if (l !== layer || id === from) continue;
      const box = ctx.boxes.get(id)!;
      const dy = box.y + box.height / 2 - cy;
      if ((direction === 'down' ? dy > 0 : dy < 0) && Math.abs(dy) < bestDistance) {
        bestDistance = Math.abs(dy);
        best = id;
      }
    }
    if (best) return best;
  }
  return nearestInDirection(ctx.boxes, from, cx, cy, direction);
}

/** Nearest node whose centre lies within a 45° cone in the direction, distance weighted against straying. */
function nearestInDirection(
  boxes: Map<string, Box>,
  from: string,
  cx: number,
  cy: number,
  direction: Direction,
) {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, box] of boxes) {
    if (id === from) continue;
    const dx = box.x + box.width / 2 - cx;
    const dy = box.y + box.height / 2 - cy;
    const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0 || across > along * 1.5 + 30) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
