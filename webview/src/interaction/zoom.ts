// Zoom and pan with d3-zoom, listening on the stage. The <svg> is sized to the whole graph at the current scale
// and moved with a CSS transform on its own compositor layer, so a pan frame moves an already rasterised
// picture instead of repainting thousands of shapes (measured: repainting a 5,000-node view per frame cost
// 30–60 ms in software raster; moving the layer costs next to nothing). During a gesture, scale changes are a
// CSS scale of that picture too, and the SVG is redrawn at the new scale when the gesture ends.
import {
  select,
  zoom,
  zoomIdentity,
  zoomTransform,
  type D3ZoomEvent,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import type { Box } from '../layout/types';

/** Below this scale labels are unreadable: hide them and draw edges as one path per kind. */
export const LOD_SCALE = 0.45;
const MIN_SCALE = 0.01;
const MAX_SCALE = 4;
const FIT_MARGIN = 24;
/** Room around the layout's bounds for edge curves, rings and strokes. */
const CONTENT_MARGIN = 60;

export interface ZoomCallbacks {
  onChange?(transform: ZoomTransform): void;
  /** After a gesture ends (or a programmatic change), to persist the transform. */
  onSettled?(transform: ZoomTransform): void;
  onLodChange?(low: boolean): void;
}

export class ZoomController {
  private readonly behavior: ZoomBehavior<HTMLElement, unknown>;
  private low: boolean | undefined;
  private content: Box = { x: 0, y: 0, width: 0, height: 0 };
  /** The scale the SVG is currently drawn at; the CSS scale covers the difference during a gesture. */
  private drawnScale = 0;
  private gesture = false;
  /** Keyboard/button zoom steps: CSS-scaled at once, redrawn once the user pauses. */
  private stepping = false;
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly stage: HTMLElement,
    private readonly svg: SVGSVGElement,
    private readonly callbacks: ZoomCallbacks,
  ) {
    this.behavior = zoom<HTMLElement, unknown>()
      .scaleExtent([MIN_SCALE, MAX_SCALE])
      // Wheel and drags over the details panel or tooltip belong to them, not to the graph.
      .filter((event: Event) => {
        const target = event.target as Element | null;
        if (target?.closest?.('.og-details, .og-tooltip')) return false;
        const mouse = event as MouseEvent;
        return (!mouse.ctrlKey || event.type === 'wheel') && !mouse.button;
      })
      .on('start', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        this.gesture = event.sourceEvent != null;
      })
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => this.apply(event.transform))
      .on('end', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        this.gesture = false;
        if (this.stepping) this.redrawSoon();
        else if (event.transform.k !== this.drawnScale) this.apply(event.transform);
        this.svg.dataset.zoom = `${round(event.transform.x)},${round(event.transform.y)},${round(event.transform.k)}`;
        callbacks.onSettled?.(event.transform);
      });
    // Double-click is for nodes (nothing zooms under the user's hand by surprise).
    select(stage).call(this.behavior).on('dblclick.zoom', null);
  }

  get transform(): ZoomTransform {
    return zoomTransform(this.stage);
  }

  /** Graph-space box of everything drawn; the SVG's viewBox follows it. */
  setContent(bounds: Box): void {
    const c = {
      x: bounds.x - CONTENT_MARGIN,
      y: bounds.y - CONTENT_MARGIN,
      width: bounds.width + 2 * CONTENT_MARGIN,
      height: bounds.height + 2 * CONTENT_MARGIN,
    };
    // Touching the SVG's size re-lays out every label, so an update with the same extent leaves it alone.
    const o = this.content;
    if (c.x === o.x && c.y === o.y && c.width === o.width && c.height === o.height && this.drawnScale) return;
    this.content = c;
    this.svg.setAttribute('viewBox', `${c.x} ${c.y} ${c.width} ${c.height}`);
    this.drawnScale = 0;
    this.apply(this.transform);
  }

  set(transform: { x: number; y: number; k: number }): void {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, transform.k));
    select(this.stage).call(
      this.behavior.transform,
      zoomIdentity.translate(transform.x, transform.y).scale(k),
    );
  }

  /**
   * A zoom step (keys, buttons). Redrawing the SVG at a new scale re-lays out every label (≈ 150 ms at 5,000
   * nodes), so repeated steps only scale the picture and the redraw waits until they stop.
   */
  scaleBy(factor: number): void {
    this.stepping = true;
    try {
      select(this.stage).call(this.behavior.scaleBy, factor);
    } finally {
      this.stepping = false;
    }
  }

  private redrawSoon(): void {
    clearTimeout(this.redrawTimer);
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      if (this.transform.k !== this.drawnScale) this.apply(this.transform);
    }, 200);
  }

  /** The whole box in view, never zoomed in beyond 100% for a small graph. */
  fit(bounds: Box, size = this.size()): void {
    const { width, height } = size;
    if (!bounds.width || !bounds.height || !width || !height) {
      this.set({ x: FIT_MARGIN - bounds.x, y: FIT_MARGIN - bounds.y, k: 1 });
      return;
    }
    const k = Math.min(1, (width - 2 * FIT_MARGIN) / bounds.width, (height - 2 * FIT_MARGIN) / bounds.height);
    this.set({
      x: (width - bounds.width * k) / 2 - bounds.x * k,
      y: (height - bounds.height * k) / 2 - bounds.y * k,
      k,
    });
  }

  /** Centres a box, zooming in to a readable scale if the view is zoomed far out. */
  centre(box: Box, minScale = 0.8): void {
    const { width, height } = this.size();
    const k = Math.max(this.transform.k, minScale);
    this.set({ x: width / 2 - (box.x + box.width / 2) * k, y: height / 2 - (box.y + box.height / 2) * k, k });
  }

  /** Pans only if the box is (partly) outside the view, or too small to read. */
  reveal(box: Box, minScale = 0.8): void {
    const t = this.transform;
    const { width, height } = this.size();
    const x0 = t.applyX(box.x);
    const y0 = t.applyY(box.y);
    const x1 = t.applyX(box.x + box.width);
    const y1 = t.applyY(box.y + box.height);
    if (x0 < 0 || y0 < 0 || x1 > width || y1 > height || t.k < LOD_SCALE) this.centre(box, minScale);
  }

  size(): { width: number; height: number } {
    return { width: this.stage.clientWidth, height: this.stage.clientHeight };
  }

  private apply(transform: ZoomTransform) {
    const { x, y, k } = transform;
    const c = this.content;
    if (!(this.gesture || this.stepping) || !this.drawnScale) {
      clearTimeout(this.redrawTimer);
      if (k !== this.drawnScale) {
        this.svg.setAttribute('width', String(Math.max(1, c.width * k)));
        this.svg.setAttribute('height', String(Math.max(1, c.height * k)));
        this.drawnScale = k;
      }
    }
    const scale = k / this.drawnScale;
    this.svg.style.transform =
      scale === 1
        ? `translate(${x + c.x * k}px, ${y + c.y * k}px)`
        : `translate(${x + c.x * k}px, ${y + c.y * k}px) scale(${scale})`;
    const low = k < LOD_SCALE;
    if (low !== this.low) {
      this.low = low;
      this.callbacks.onLodChange?.(low);
    }
    this.callbacks.onChange?.(transform);
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
