// Node sizes and edge curves. Sizes come from measured label widths, so the layout can guarantee that boxes —
// and the labels inside them — never overlap.
import type { ViewNode } from '../model/visibleGraph';
import { planGlyph, policyLevel } from '../model/describe';

export const NODE_HEIGHT = 26;
export const PAD_X = 8;
export const GLYPH_W = 16;
export const BADGE_W = 20;
export const TOGGLE_W = 18;
/** Longer labels are cut with an ellipsis; the full label is in the tooltip and the aria-label. */
export const MAX_LABEL = 48;

export interface NodeSize {
  width: number;
  height: number;
  label: string;
  labelWidth: number;
}

export function displayLabel(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

export function nodeSize(view: ViewNode, measure: (text: string) => number): NodeSize {
  const label = displayLabel(view.node.label);
  const labelWidth = Math.ceil(measure(label));
  let width = PAD_X + labelWidth + PAD_X;
  if (planGlyph(view.node.plan)) width += GLYPH_W;
  if (policyLevel(view.node)) width += BADGE_W;
  if (view.node.kind === 'module') width += TOGGLE_W;
  return { width: Math.max(width, 40), height: NODE_HEIGHT, label, labelWidth };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A curve from the dependency to the dependent: out of the side facing it, into the side facing back. Backward
 * edges (cycles, force layout) bow outwards instead of cutting through the boxes they join.
 */
export function edgePath(from: Rect, to: Rect): string {
  const forward = to.x + to.width / 2 >= from.x + from.width / 2;
  const y1 = from.y + from.height / 2;
  const y2 = to.y + to.height / 2;
  if (forward) {
    const x1 = from.x + from.width;
    const x2 = to.x;
    const bend = Math.max(Math.abs(x2 - x1) / 2, 40);
    return `M${r(x1)},${r(y1)}C${r(x1 + bend)},${r(y1)} ${r(x2 - bend)},${r(y2)} ${r(x2)},${r(y2)}`;
  }
  const x1 = from.x;
  const x2 = to.x + to.width;
  const bend = Math.max(Math.abs(x1 - x2) / 2, 40);
  return `M${r(x1)},${r(y1)}C${r(x1 - bend)},${r(y1)} ${r(x2 + bend)},${r(y2)} ${r(x2)},${r(y2)}`;
}

/** One decimal is plenty on screen and keeps path strings (and exported SVGs) short. */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}
