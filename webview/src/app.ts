// The graph app: owns the view settings, turns each graph from the host into a layout and a drawing, and wires
// the toolbar, pointer and keyboard to them. Everything it draws comes from the host; it never asks for data.
import type { GraphResult, HostToGraphMessage } from '../../shared/protocol';
import { exportSvg } from './export/svg';
import { svgToPng } from './export/png';
import { neighbour, type Direction, type NavigationContext } from './interaction/navigation';
import { DetailsPanel, Tooltip } from './interaction/nodeInfo';
import { ZoomController } from './interaction/zoom';
import { forceLayout } from './layout/force';
import { layeredLayout } from './layout/layered';
import type { Box, LayoutEdge, LayoutNode, LayoutResult } from './layout/types';
import { LiveRegion } from './liveRegion';
import { post, reportError, saveState, loadState } from './messages';
import { filterValue, moduleAncestors, NO_FILE } from './model/describe';
import { moduleIds, visibleGraph, type ViewNode, type VisibleGraph } from './model/visibleGraph';
import { arrowMarkers, EdgeLayer } from './render/edges';
import { nodeSize, type NodeSize } from './render/geometry';
import { renderGroups } from './render/groups';
import { createMeasurer } from './render/measure';
import { NodeLayer } from './render/nodes';
import { htmlEl, svgEl } from './render/svg';
import { FILTER_DIMENSIONS, restoreSettings, type FilterDimension, type ViewSettings } from './state';
import { findMatches } from './toolbar/search';
import { Toolbar } from './toolbar/toolbar';

type TransformPolicy = 'keep' | 'fit' | 'restore';
const RING_PAD = 3;

export class GraphApp {
  private settings: ViewSettings;
  private graph: GraphResult | undefined;
  private view: VisibleGraph | undefined;
  private layout: LayoutResult | undefined;
  private sizes = new Map<string, NodeSize>();
  /** Drawn nodes in DOM (reading) order. */
  private ordered: ViewNode[] = [];
  private nav: NavigationContext | undefined;
  private generation = 0;
  private renderCount = 0;
  private firstGraph = true;

  private focusedId: string | undefined;
  /** The one node in the Tab order: Tab enters the graph there and leaves it from anywhere (roving tabindex). */
  private rovingId: string | undefined;
  private hoveredId: string | undefined;
  /** What the host asked to highlight (may be hidden in a collapsed module: then its module is marked). */
  private highlightRequest: string | null = null;
  private highlightedId: string | undefined;
  private searchQuery = '';
  private searchMatches: string[] = [];
  private searchIndex = -1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly svg: SVGSVGElement;
  private readonly groupLayer: SVGGElement;
  private readonly nodes: NodeLayer;
  private readonly edges: EdgeLayer;
  private readonly focusRing: SVGRectElement;
  private readonly highlightRing: SVGRectElement;
  private readonly stage: HTMLDivElement;
  private readonly empty: HTMLDivElement;
  private readonly zoom: ZoomController;
  private readonly toolbar: Toolbar;
  private readonly live: LiveRegion;
  private readonly tooltip: Tooltip;
  private readonly details: DetailsPanel;
  private readonly measure: (text: string) => number;

  constructor(root: HTMLElement) {
    this.settings = restoreSettings(loadState());
    const app = htmlEl('div', { className: 'og-app' }, root);
    this.toolbar = new Toolbar(app, {
      search: (query) => this.search(query, true),
      searchStep: (backwards) => this.searchStep(backwards),
      searchClear: () => this.search('', false),
      layout: (mode) => this.changeSettings({ layout: mode }),
      groupBy: (groupBy) => this.changeSettings({ groupBy }),
      filter: (dimension, excluded) => this.setFilter(dimension, excluded),
      fit: () => this.fit(),
      zoom: (factor) => this.zoom.scaleBy(factor),
      collapseAll: () => this.graph && this.changeSettings({ collapsed: moduleIds(this.graph) }),
      expandAll: () => this.changeSettings({ collapsed: [] }),
      export: (format) => void this.export(format),
    });
    this.stage = htmlEl('div', { className: 'og-stage' }, app);

    // The host page may already hold <svg id="graph">; otherwise it is created here.
    const existing = document.getElementById('graph');
    this.svg = existing instanceof SVGSVGElement ? existing : svgEl('svg', { id: 'graph' });
    this.stage.appendChild(this.svg);
    this.svg.setAttribute('role', 'application');
    this.svg.setAttribute('aria-roledescription', 'resource graph');
    this.svg.setAttribute(
      'aria-label',
      'Resource graph. Arrow keys move between nodes, Home and End go to the first and last, Enter opens the code.',
    );
    this.svg.setAttribute('aria-describedby', 'graph-status');
    arrowMarkers(svgEl('defs', {}, this.svg));
    const viewport = svgEl('g', { class: 'viewport' }, this.svg);
    this.groupLayer = svgEl('g', { class: 'groups' }, viewport);
    const edgeLayer = svgEl('g', { class: 'edges' }, viewport);
    const bundleLayer = svgEl('g', { class: 'edge-bundles', 'aria-hidden': 'true' }, viewport);
    const nodeLayer = svgEl('g', { class: 'nodes' }, viewport);
    const overlay = svgEl('g', { class: 'overlay', 'aria-hidden': 'true' }, viewport);
    this.highlightRing = svgEl('rect', { class: 'highlight-ring', rx: 6, visibility: 'hidden' }, overlay);
    this.focusRing = svgEl('rect', { class: 'focus-ring', rx: 6, visibility: 'hidden' }, overlay);
    this.nodes = new NodeLayer(nodeLayer);
    this.edges = new EdgeLayer(edgeLayer, bundleLayer);
    this.empty = htmlEl('div', { className: 'og-empty', text: 'Waiting for the graph…' }, this.stage);
    this.tooltip = new Tooltip(this.stage);
    this.details = new DetailsPanel(this.stage, () => this.focusNode(this.focusedId));
    this.live = new LiveRegion(app);
    this.measure = createMeasurer(this.svg);

    this.zoom = new ZoomController(this.stage, this.svg, {
      onLodChange: (low) => {
        if (low) this.edges.ensureBundles();
        this.svg.classList.toggle('lod-low', low);
      },
      onChange: () => {
        if (!this.tooltip.element.hidden) this.tooltip.hide();
      },
      onSettled: (t) => {
        this.settings.transform = { x: t.x, y: t.y, k: t.k };
        this.persistSoon();
      },
    });
    this.wireEvents(nodeLayer);
    this.toolbar.sync(this.settings, emptyCounts());
  }

  handle(message: HostToGraphMessage): void {
    switch (message.type) {
      case 'graph':
        void this.setGraph(message.graph, message.keepView).catch(reportError);
        break;
      case 'highlight':
        this.highlight(message.id);
        break;
      case 'exportRequest':
        void this.export(message.format);
        break;
    }
  }

  async setGraph(graph: GraphResult, keepView: boolean): Promise<void> {
    performance.mark('opsmith:graph-received');
    this.graph = { nodes: graph.nodes ?? [], edges: graph.edges ?? [], scan: graph.scan, plan: graph.plan };
    const policy: TransformPolicy =
      keepView && this.layout ? 'keep' : this.firstGraph && this.settings.transform ? 'restore' : 'fit';
    this.firstGraph = false;
    this.toolbar.sync(this.settings, filterCounts(this.graph));
    await this.relayout(policy, keepView);
  }

  private async relayout(policy: TransformPolicy, keepPositions: boolean): Promise<void> {
    const graph = this.graph;
    if (!graph) return;
    const generation = ++this.generation;
    this.svg.dataset.state = 'busy';
    const started = performance.now();
    // Read before the DOM changes: reading it after would force a style and layout pass over the new nodes,
    // which the fit's level-of-detail class would then invalidate again.
    const viewSize = this.zoom.size();
    const view = visibleGraph(graph, this.settings);
    const sizes = new Map<string, NodeSize>();
    for (const v of view.nodes) sizes.set(v.id, nodeSize(v, this.measure));
    const groupOf = this.groupOf();
    const layoutNodes: LayoutNode[] = view.nodes.map((v) => ({
      id: v.id,
      width: sizes.get(v.id)!.width,
      height: sizes.get(v.id)!.height,
      group: groupOf?.(v),
    }));
    // Dependencies to the left of what uses them: the edge's target flows into its source.
    const layoutEdges: LayoutEdge[] = view.edges.map((e) => ({ from: e.target, to: e.source }));
    const groupOrder = groupOf ? [''] : undefined;
    const previous = keepPositions ? this.layout?.positions : undefined;
    let previousY: Map<string, number> | undefined;
    let previousX: Map<string, number> | undefined;
    if (previous) {
      previousY = new Map();
      previousX = new Map();
      for (const [id, p] of previous) {
        previousY.set(id, p.y + (this.sizes.get(id)?.height ?? 0) / 2);
        previousX.set(id, p.x);
      }
    }
    const layered = this.settings.layout === 'layered';
    let layout: LayoutResult | undefined = layeredLayout(layoutNodes, layoutEdges, {
      previousY: layered ? previousY : undefined,
      previousX: layered ? previousX : undefined,
      groupOrder,
    });
    if (this.settings.layout === 'force') {
      const start = new Map(layout.positions);
      if (previous) for (const [id, p] of previous) if (start.has(id)) start.set(id, p);
      this.live.say('Laying out…');
      layout = await forceLayout(layoutNodes, layoutEdges, {
        start,
        alpha: previous ? 0.3 : 1,
        cancelled: () => generation !== this.generation,
      });
    }
    if (!layout || generation !== this.generation) return;
    const laidOut = performance.now();

    this.view = view;
    this.sizes = sizes;
    this.layout = layout;
    this.live.counts(view);
    // The transform (and with it the level-of-detail class) is set before the nodes go in, so the browser styles
    // the new DOM once.
    this.zoom.setContent(layout.bounds);
    if (policy === 'fit' && view.nodes.length) this.zoom.fit(layout.bounds, viewSize);
    else if (policy === 'restore' && this.settings.transform) this.zoom.set(this.settings.transform);
    this.draw();
    this.svg.dataset.state = 'ready';
    this.svg.dataset.renderCount = String(++this.renderCount);
    const drawn = performance.now();
    document.dispatchEvent(
      new CustomEvent('opsmith:rendered', {
        detail: {
          nodes: view.nodes.length,
          edges: view.edges.length,
          layoutMs: laidOut - started,
          drawMs: drawn - laidOut,
        },
      }),
    );
  }

  private draw(): void {
    const view = this.view!;
    const layout = this.layout!;
    const positions = layout.positions;
    // DOM order = reading order (column by column, top to bottom), which is the order screen readers follow.
    this.ordered = view.nodes
      .slice()
      .sort(
        (a, b) =>
          positions.get(a.id)!.x - positions.get(b.id)!.x || positions.get(a.id)!.y - positions.get(b.id)!.y,
      );
    const collapsed = new Set(this.settings.collapsed);
    this.nodes.render(this.ordered, this.sizes, positions, collapsed);
    const roving = [this.focusedId, this.rovingId].find((id) => id && this.nodes.elements.has(id));
    this.setRoving(roving ?? this.ordered[0]?.id);
    this.edges.render(view.edges, this.sizes, positions);
    const groupBy = this.settings.groupBy;
    renderGroups(
      this.groupLayer,
      layout.groups,
      (group) => (groupBy === 'module' ? group || 'root module' : group),
      (group) => groupBy === 'module' && group !== '',
    );
    if (this.svg.classList.contains('lod-low')) this.edges.ensureBundles();

    const boxes = new Map<string, Box>();
    const dependencies = new Map<string, string[]>();
    const dependents = new Map<string, string[]>();
    for (const v of view.nodes) {
      const p = positions.get(v.id)!;
      const s = this.sizes.get(v.id)!;
      boxes.set(v.id, { x: p.x, y: p.y, width: s.width, height: s.height });
    }
    for (const e of view.edges) {
      push(dependencies, e.source, e.target);
      push(dependents, e.target, e.source);
    }
    this.nav = { boxes, layers: layout.layers, dependencies, dependents };

    this.empty.hidden = view.nodes.length > 0;
    this.empty.textContent =
      this.graph!.nodes.length === 0
        ? 'No Terraform resources to show.'
        : `All ${this.graph!.nodes.length} nodes are hidden by the filters.`;

    if (this.focusedId && !boxes.has(this.focusedId)) this.focusedId = undefined;
    if (this.hoveredId && !boxes.has(this.hoveredId)) this.hoveredId = undefined;
    this.placeRing(this.focusRing, this.focusedId);
    this.applyHighlight(false);
    this.applySearch(false);
  }

  private groupOf(): ((v: ViewNode) => string) | undefined {
    switch (this.settings.groupBy) {
      case 'module':
        return (v) => v.node.module;
      case 'file':
        return (v) => v.node.file ?? NO_FILE;
      default:
        return undefined;
    }
  }

  // ——— settings ———

  private changeSettings(change: Partial<ViewSettings>): void {
    Object.assign(this.settings, change);
    this.persistSoon();
    if (this.graph) this.toolbar.sync(this.settings, filterCounts(this.graph));
    void this.relayout('keep', false).catch(reportError);
  }

  private setFilter(dimension: FilterDimension, excluded: string[]): void {
    this.settings.excluded[dimension] = excluded;
    this.persistSoon();
    void this.relayout('keep', false).catch(reportError);
  }

  private toggleCollapse(moduleId: string): void {
    const collapsed = new Set(this.settings.collapsed);
    if (collapsed.has(moduleId)) collapsed.delete(moduleId);
    else collapsed.add(moduleId);
    this.settings.collapsed = [...collapsed].sort();
    this.persistSoon();
    void this.relayout('keep', false)
      .then(() => {
        if (this.nodes.elements.has(moduleId) && this.focusedId === moduleId) this.focusNode(moduleId);
      })
      .catch(reportError);
  }

  private persistSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => saveState(this.settings), 150);
  }

  // ——— viewing ———

  private fit(): void {
    if (this.layout && this.view?.nodes.length) this.zoom.fit(this.layout.bounds);
  }

  private box(id: string): Box | undefined {
    return this.nav?.boxes.get(id);
  }

  private placeRing(ring: SVGRectElement, id: string | undefined): void {
    const box = id ? this.box(id) : undefined;
    if (!box) {
      ring.setAttribute('visibility', 'hidden');
      return;
    }
    ring.setAttribute('x', String(box.x - RING_PAD));
    ring.setAttribute('y', String(box.y - RING_PAD));
    ring.setAttribute('width', String(box.width + 2 * RING_PAD));
    ring.setAttribute('height', String(box.height + 2 * RING_PAD));
    ring.setAttribute('visibility', 'visible');
  }

  highlight(id: string | null): void {
    this.highlightRequest = id;
    this.applyHighlight(true);
  }

  private applyHighlight(reveal: boolean): void {
    if (this.highlightedId) this.nodes.elements.get(this.highlightedId)?.classList.remove('highlight');
    this.highlightedId = undefined;
    const id = this.highlightRequest === null ? undefined : this.representative(this.highlightRequest);
    const element = id ? this.nodes.elements.get(id) : undefined;
    if (id && element) {
      element.classList.add('highlight');
      this.highlightedId = id;
      if (reveal) this.zoom.reveal(this.box(id)!);
    }
    this.placeRing(this.highlightRing, this.highlightedId);
  }

  /** The drawn node standing for an id: itself, or the collapsed module it is hidden in. */
  private representative(id: string): string {
    if (this.nodes.elements.has(id) || !this.graph) return id;
    const node = this.graph.nodes.find((n) => n.id === id);
    if (!node) return id;
    const collapsed = new Set(this.settings.collapsed);
    return moduleAncestors(node.module).find((m) => collapsed.has(m)) ?? id;
  }

  private search(query: string, centre: boolean): void {
    if (query === this.searchQuery) return;
    this.searchQuery = query;
    this.searchIndex = -1;
    this.applySearch(centre);
  }

  private applySearch(centre: boolean): void {
    for (const id of this.searchMatches)
      this.nodes.elements.get(id)?.classList.remove('search-match', 'search-current');
    const query = this.searchQuery.trim();
    this.searchMatches = query ? findMatches(this.ordered, query) : [];
    for (const id of this.searchMatches) this.nodes.elements.get(id)?.classList.add('search-match');
    this.svg.classList.toggle('searching', query !== '');
    if (!query) {
      this.toolbar.showSearchCount('');
      this.live.say('');
      return;
    }
    const n = this.searchMatches.length;
    this.toolbar.showSearchCount(n ? `${n} match${n === 1 ? '' : 'es'}` : 'no matches');
    this.live.say(`${n} match${n === 1 ? '' : 'es'} for “${query}”`);
    if (centre && n) this.searchStep(false);
  }

  private searchStep(backwards: boolean): void {
    const n = this.searchMatches.length;
    if (!n) return;
    const previous = this.searchMatches[this.searchIndex];
    if (previous) this.nodes.elements.get(previous)?.classList.remove('search-current');
    this.searchIndex = (this.searchIndex + (backwards ? -1 : 1) + n) % n;
    const id = this.searchMatches[this.searchIndex];
    this.nodes.elements.get(id)?.classList.add('search-current');
    this.zoom.centre(this.box(id)!);
    this.toolbar.showSearchCount(`${this.searchIndex + 1} of ${n}`);
  }

  // ——— acting on nodes ———

  private activate(id: string): void {
    const view = this.view?.byId.get(id);
    if (!view) return;
    const { uri, range } = view.node;
    if (uri && range) {
      this.details.hide();
      post({ type: 'reveal', id, uri, range });
    } else this.details.show(view);
  }

  private setRoving(id: string | undefined): void {
    const previous = this.rovingId ? this.nodes.elements.get(this.rovingId) : undefined;
    if (previous && this.rovingId !== id) previous.setAttribute('tabindex', '-1');
    this.rovingId = id;
    if (id) this.nodes.elements.get(id)?.setAttribute('tabindex', '0');
  }

  private focusNode(id: string | undefined): void {
    const element = id ? this.nodes.elements.get(id) : undefined;
    if (!id || !element) return;
    element.focus({ preventScroll: true });
    this.zoom.reveal(this.box(id)!);
  }

  private wireEvents(nodeLayer: SVGGElement): void {
    const nodeId = (target: EventTarget | null) =>
      (target instanceof Element ? target.closest<SVGGElement>('g.node')?.dataset.id : undefined) ??
      undefined;

    nodeLayer.addEventListener('click', (event) => {
      const id = nodeId(event.target);
      if (!id) return;
      if ((event.target as Element).closest('.collapse-toggle')) this.toggleCollapse(id);
      else this.activate(id);
    });
    this.groupLayer.addEventListener('click', (event) => {
      const group = (event.target as Element).closest<SVGGElement>('g.group.toggleable');
      if (group?.dataset.group && (event.target as Element).classList.contains('group-label'))
        this.toggleCollapse(group.dataset.group);
    });
    nodeLayer.addEventListener('mouseover', (event) => {
      const id = nodeId(event.target);
      if (!id || id === this.hoveredId) return;
      this.edges.setActive(id, this.hoveredId);
      this.hoveredId = id;
      const view = this.view?.byId.get(id);
      if (view) this.tooltip.show(view, event.clientX, event.clientY);
    });
    nodeLayer.addEventListener('mousemove', (event) => {
      const view = this.hoveredId ? this.view?.byId.get(this.hoveredId) : undefined;
      if (view) this.tooltip.show(view, event.clientX, event.clientY);
    });
    nodeLayer.addEventListener('mouseout', (event) => {
      const to = nodeId(event.relatedTarget);
      if (to === this.hoveredId) return;
      this.edges.setActive(this.focusedId, this.hoveredId);
      this.hoveredId = undefined;
      this.tooltip.hide();
    });
    nodeLayer.addEventListener('focusin', (event) => {
      const id = nodeId(event.target);
      if (!id) return;
      this.edges.setActive(id, this.focusedId);
      this.focusedId = id;
      this.setRoving(id);
      this.placeRing(this.focusRing, id);
      // Tab (into the graph) and clicks move focus without focusNode: bring the node into view the same way.
      this.zoom.reveal(this.box(id)!);
      // Keyboard users get the same details a pointer gets on hover, next to the node.
      const view = this.view?.byId.get(id);
      const element = this.nodes.elements.get(id);
      if (view && element && !this.hoveredId) {
        const r = element.getBoundingClientRect();
        this.tooltip.show(view, r.left, r.bottom - 10);
      }
    });
    nodeLayer.addEventListener('focusout', (event) => {
      if (!this.hoveredId) this.tooltip.hide();
      if (nodeId(event.relatedTarget)) return;
      this.placeRing(this.focusRing, undefined);
    });

    this.svg.addEventListener('keydown', (event) => {
      const id = nodeId(event.target);
      if (!id) return;
      const arrows: Record<string, Direction> = {
        ArrowLeft: 'left',
        ArrowRight: 'right',
        ArrowUp: 'up',
        ArrowDown: 'down',
      };
      if (arrows[event.key] && this.nav) {
        const next = neighbour(this.nav, id, arrows[event.key]);
        if (next) this.focusNode(next);
        event.preventDefault();
      } else if (event.key === 'Enter' || event.key === ' ') {
        this.activate(id);
        event.preventDefault();
      } else if (
        (event.key === 'c' || event.key === 'C') &&
        this.view?.byId.get(id)?.node.kind === 'module'
      ) {
        this.toggleCollapse(id);
        event.preventDefault();
      } else if (event.key === 'Home' || event.key === 'End') {
        const target = event.key === 'Home' ? this.ordered[0] : this.ordered[this.ordered.length - 1];
        if (target) this.focusNode(target.id);
        event.preventDefault();
      }
    });

    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement;
      const typing = target.closest?.('input, select, textarea') != null;
      if (event.key === 'Escape') {
        this.tooltip.hide();
        if (this.details.shown) this.details.hide();
        else if (this.searchQuery) {
          this.toolbar.searchInput.value = '';
          this.search('', false);
        }
        return;
      }
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '+' || event.key === '=') this.zoom.scaleBy(1.25);
      else if (event.key === '-' || event.key === '_') this.zoom.scaleBy(0.8);
      else if (event.key === '0') this.fit();
      else if (event.key === '1') this.zoom.scaleBy(1 / this.zoom.transform.k);
      else if (event.key === '/') {
        this.toolbar.searchInput.focus();
        event.preventDefault();
        return;
      } else return;
      event.preventDefault();
    });
  }

  // ——— export ———

  async export(format: 'svg' | 'png'): Promise<void> {
    try {
      if (!this.layout || !this.view?.nodes.length) throw new Error('There is no graph to export yet.');
      const svg = exportSvg(this.svg, this.layout.bounds);
      const data = format === 'svg' ? svg : await svgToPng(svg);
      post({ type: 'export', format, data });
    } catch (error) {
      reportError(error);
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function emptyCounts(): Record<FilterDimension, Map<string, number>> {
  return { type: new Map(), file: new Map(), module: new Map(), status: new Map() };
}

function filterCounts(graph: GraphResult): Record<FilterDimension, Map<string, number>> {
  const counts = emptyCounts();
  for (const node of graph.nodes)
    for (const dimension of FILTER_DIMENSIONS) {
      const value = filterValue(node, dimension);
      counts[dimension].set(value, (counts[dimension].get(value) ?? 0) + 1);
    }
  return counts;
}
