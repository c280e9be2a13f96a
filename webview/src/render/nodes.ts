// Node elements: one <g class="node"> per visible node, keyed by id so an update touches only what changed.
// The classes carry the status (colours live in theme.css); data-id, role, tabindex and aria-label are the
// contract the host's end-to-end tests and screen readers rely on.
import { ariaLabel, planGlyph, policyLevel, statusOf } from '../model/describe';
import type { ViewNode } from '../model/visibleGraph';
import { BADGE_W, GLYPH_W, PAD_X, TOGGLE_W, type NodeSize } from './geometry';
import { svgEl } from './svg';

const CORNER: Record<string, number> = { resource: 4, data: 1, module: 7, variable: 13, output: 13 };

interface NodeElement extends SVGGElement {
  __signature?: string;
}

export class NodeLayer {
  readonly elements = new Map<string, NodeElement>();

  constructor(private readonly root: SVGGElement) {}

  /** `views` must be in reading order (the DOM order is made to match it, for screen readers). */
  render(
    views: readonly ViewNode[],
    sizes: Map<string, NodeSize>,
    positions: Map<string, { x: number; y: number }>,
    collapsedModules: ReadonlySet<string>,
  ): void {
    const keep = new Set<string>();
    let previous: Element | null = null;
    for (const view of views) {
      keep.add(view.id);
      const size = sizes.get(view.id)!;
      const position = positions.get(view.id)!;
      let element = this.elements.get(view.id);
      if (!element) {
        // Out of the Tab order until the app makes it the graph's one Tab stop (roving tabindex).
        element = svgEl('g', { 'data-id': view.id, role: 'button', tabindex: -1 }) as NodeElement;
        this.elements.set(view.id, element);
      }
      const collapsed = collapsedModules.has(view.id);
      // Untouched when nothing changed: rewriting attributes of thousands of nodes costs a restyle on updates.
      const signature = `${nodeSignature(view, size, collapsed)}|${position.x},${position.y}`;
      if (element.__signature !== signature) {
        fillNode(element, view, size, position, collapsed);
        element.__signature = signature;
      }
      // Keep DOM order = visual order without re-inserting nodes that are already in place.
      const expected: Element | null = previous ? previous.nextElementSibling : this.root.firstElementChild;
      if (expected !== element) this.root.insertBefore(element, expected);
      previous = element;
    }
    for (const [id, element] of this.elements)
      if (!keep.has(id)) {
        element.remove();
        this.elements.delete(id);
      }
  }
}

function nodeSignature(view: ViewNode, size: NodeSize, collapsed: boolean): string {
  const n = view.node;
  return [
    n.label,
    n.kind,
    statusOf(n),
    n.plan ?? '',
    policyLevel(n) ?? '',
    n.policies?.length ?? 0,
    size.width,
    collapsed,
    view.collapsed ? `${view.collapsed.members}/${view.collapsed.drifted}/${view.collapsed.missing}` : '',
  ].join('|');
}

/**
 * Children carry absolute coordinates instead of the group having a transform: in Chromium every transformed SVG
 * element becomes its own paint property node, and thousands of them made each pan frame re-layerize the page.
 */
function fillNode(
  g: SVGGElement,
  view: ViewNode,
  size: NodeSize,
  at: { x: number; y: number },
  collapsed: boolean,
): void {
  const node = view.node;
  const status = statusOf(node);
  const level = policyLevel(node);
  const classes = ['node', `kind-${node.kind}`, `status-${status}`];
  if (node.plan) classes.push(`plan-${node.plan}`);
  if (level) classes.push('has-policy', `policy-${level}`);
  if (collapsed) classes.push('collapsed');
  if (!node.uri) classes.push('no-source');
  // Keep transient classes (highlight, search matches) that belong to the interaction, not the data.
  for (const transient of ['highlight', 'search-match', 'search-current'])
    if (g.classList.contains(transient)) classes.push(transient);
  g.setAttribute('class', classes.join(' '));
  g.setAttribute('aria-label', ariaLabel(node, view.collapsed));
  if (node.kind === 'module') g.setAttribute('aria-expanded', String(!collapsed));
  else g.removeAttribute('aria-expanded');
  g.replaceChildren();

  const { width, height } = size;
  const { x, y } = at;
  const middle = y + height / 2;
  svgEl('rect', { class: 'node-box', x, y, width, height, rx: CORNER[node.kind] ?? 4 }, g);
  svgEl('text', { class: 'node-label', x: x + PAD_X, y: middle + 4 }, g).textContent = size.label;

  let right = x + width - PAD_X / 2;
  if (node.kind === 'module') {
    right -= TOGGLE_W;
    const toggle = svgEl('g', { class: 'collapse-toggle', 'aria-hidden': 'true' }, g);
    svgEl('rect', { x: right, y: y + 4, width: 16, height: height - 8, rx: 2 }, toggle);
    svgEl('text', { x: right + 8, y: middle + 4 }, toggle).textContent = collapsed ? '+' : '−';
  }
  if (level) {
    right -= BADGE_W;
    const badge = svgEl('g', { class: `policy-badge policy-${level}` }, g);
    svgEl('circle', { cx: right + BADGE_W / 2, cy: middle, r: 8 }, badge);
    svgEl('text', { x: right + BADGE_W / 2, y: middle + 3.5 }, badge).textContent = String(
      Math.min(node.policies!.length, 99),
    );
  }
  const glyph = planGlyph(node.plan);
  if (glyph) {
    right -= GLYPH_W;
    svgEl('text', { class: 'plan-glyph', x: right + GLYPH_W / 2, y: middle + 5 }, g).textContent = glyph;
  }
}
