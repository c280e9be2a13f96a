// Edge elements: one path per edge with data-source/data-target (the host's tests and hover highlighting use
// them), plus, for the zoomed-out level of detail, one combined path per edge kind — a few big paths paint far
// faster than thousands of small ones.
import type { GraphEdgeKind } from '../../../shared/protocol';
import type { ViewEdge } from '../model/visibleGraph';
import { edgePath, type NodeSize } from './geometry';
import { svgEl } from './svg';

const KINDS: readonly GraphEdgeKind[] = ['reference', 'depends_on', 'module-input', 'module-output'];

interface EdgeElement extends SVGPathElement {
  __d?: string;
}

export class EdgeLayer {
  /** Paths touching each node, for highlighting a node's edges on hover/focus. */
  readonly byNode = new Map<string, SVGPathElement[]>();
  private readonly elements = new Map<string, EdgeElement>();
  private bundlePaths = new Map<GraphEdgeKind, string[]>();
  private bundlesDirty = true;

  constructor(
    private readonly root: SVGGElement,
    private readonly bundles: SVGGElement,
  ) {}

  render(
    edges: readonly ViewEdge[],
    sizes: Map<string, NodeSize>,
    positions: Map<string, { x: number; y: number }>,
  ): void {
    // Keyed like the nodes: an update that moves nothing touches no path, which keeps big keepView updates cheap.
    this.byNode.clear();
    this.bundlePaths = new Map(KINDS.map((kind) => [kind, []]));
    const keep = new Set<string>();
    const added = document.createDocumentFragment();
    for (const edge of edges) {
      // Drawn from the dependency (the edge's target) to the dependent (its source), matching the layout.
      const from = box(edge.target, sizes, positions);
      const to = box(edge.source, sizes, positions);
      if (!from || !to) continue;
      const d = edgePath(from, to);
      const key = `${edge.source}\u0000${edge.target}\u0000${edge.kind}`;
      keep.add(key);
      let path = this.elements.get(key);
      if (!path) {
        path = svgEl('path', {
          'data-source': edge.source,
          'data-target': edge.target,
          'marker-end': `url(#og-arrow-${edge.kind})`,
        }) as EdgeElement;
        this.elements.set(key, path);
        added.appendChild(path);
      }
      const className = `edge kind-${edge.kind}${edge.rerouted ? ' rerouted' : ''}`;
      if (path.getAttribute('class') !== className) path.setAttribute('class', className);
      if (path.__d !== d) {
        path.setAttribute('d', d);
        path.__d = d;
      }
      this.index(edge.source, path);
      this.index(edge.target, path);
      this.bundlePaths.get(edge.kind)?.push(d);
    }
    for (const [key, path] of this.elements)
      if (!keep.has(key)) {
        path.remove();
        this.elements.delete(key);
      }
    this.root.appendChild(added);
    this.bundlesDirty = true;
  }

  /** Builds the combined paths only when the zoomed-out view first needs them. */
  ensureBundles(): void {
    if (!this.bundlesDirty) return;
    this.bundlesDirty = false;
    const fragment = document.createDocumentFragment();
    for (const [kind, parts] of this.bundlePaths)
      if (parts.length)
        svgEl(
          'path',
          { class: `edge-bundle kind-${kind}`, d: parts.join('') },
          fragment as unknown as Element,
        );
    this.bundles.replaceChildren(fragment);
  }

  setActive(id: string | undefined, previous: string | undefined): void {
    if (previous) for (const path of this.byNode.get(previous) ?? []) path.classList.remove('edge-active');
    if (id) for (const path of this.byNode.get(id) ?? []) path.classList.add('edge-active');
  }

  private index(id: string, path: SVGPathElement) {
    const list = this.byNode.get(id);
    if (list) list.push(path);
    else this.byNode.set(id, [path]);
  }
}

function box(id: string, sizes: Map<string, NodeSize>, positions: Map<string, { x: number; y: number }>) {
  const size = sizes.get(id);
  const position = positions.get(id);
  return size && position
    ? { x: position.x, y: position.y, width: size.width, height: size.height }
    : undefined;
}

/** Arrowheads, one marker per kind so each takes its kind's colour from the theme. */
export function arrowMarkers(defs: SVGDefsElement): void {
  for (const kind of KINDS) {
    const marker = svgEl(
      'marker',
      {
        id: `og-arrow-${kind}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto',
      },
      defs,
    );
    svgEl('path', { class: `arrow kind-${kind}`, d: 'M0,1L9,5L0,9z' }, marker);
  }
}
