// Force-directed layout with d3-force. The simulation never animates on screen: ticks run in short slices off
// the render path and the result is drawn once, so a big graph cannot freeze the panel. It starts from the
// layered positions (or the previous ones on an update), which both keeps groups together and means far fewer
// ticks are needed than from a random start.
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3';
import type { GroupBox, LayoutEdge, LayoutNode, LayoutResult } from './types';

export interface ForceOptions {
  /** Starting top-left positions, e.g. the layered layout's or the previous picture's. */
  start: Map<string, { x: number; y: number }>;
  /** Stop after this much work even if the simulation has not cooled down. */
  budgetMs?: number;
  maxTicks?: number;
  /** Length of one slice of ticks before yielding to the event loop. */
  sliceMs?: number;
  /** True once the result is no longer wanted (a newer graph arrived). */
  cancelled?: () => boolean;
  /** A gentler start when most nodes already have good positions. */
  alpha?: number;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  width: number;
  height: number;
  homeY: number;
}

const GROUP_PAD = 12;
const GROUP_HEADER = 22;

export async function forceLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: ForceOptions,
): Promise<LayoutResult | undefined> {
  const sim: SimNode[] = nodes.map((node, i) => {
    const start = options.start.get(node.id) ?? { x: (i % 40) * 60, y: Math.floor(i / 40) * 60 };
    const x = start.x + node.width / 2;
    const y = start.y + node.height / 2;
    return { id: node.id, width: node.width, height: node.height, x, y, homeY: y };
  });
  const byId = new Map(sim.map((node) => [node.id, node]));
  const links: SimulationLinkDatum<SimNode>[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.from);
    const target = byId.get(edge.to);
    if (source && target && source !== target) links.push({ source, target });
  }
  const simulation = forceSimulation(sim)
    .stop()
    .alpha(options.alpha ?? 1)
    .force('link', forceLink(links).distance(110).strength(0.3))
    .force('charge', forceManyBody<SimNode>().strength(-180).theta(0.9).distanceMax(500))
    // Circles around wide boxes: approximate, but keeps most labels apart at a tiny fraction of box collision cost.
    .force('collide', forceCollide<SimNode>((node) => node.width / 2 + 4).iterations(1))
    // Weak pulls back to where the start layout put things, so groups and left-to-right flow survive.
    .force('homeY', forceY<SimNode>((node) => node.homeY).strength(0.04))
    .force('flow', forceX<SimNode>((node) => options.start.get(node.id)?.x ?? 0).strength(0.02));

  const budget = options.budgetMs ?? 1200;
  const maxTicks = options.maxTicks ?? 300;
  const slice = options.sliceMs ?? 24;
  const began = performance.now();
  let ticks = 0;
  while (ticks < maxTicks && simulation.alpha() > simulation.alphaMin()) {
    const sliceStart = performance.now();
    while (ticks < maxTicks && performance.now() - sliceStart < slice) {
      simulation.tick();
      ticks++;
    }
    if (performance.now() - began > budget) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (options.cancelled?.()) return undefined;
  }

  const positions = new Map<string, { x: number; y: number }>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of sim) {
    const x = (node.x ?? 0) - node.width / 2;
    const y = (node.y ?? 0) - node.height / 2;
    positions.set(node.id, { x, y });
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + node.width);
    maxY = Math.max(maxY, y + node.height);
  }
  const groups = boundingGroups(nodes, positions);
  for (const box of groups) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  if (!sim.length) minX = minY = maxX = maxY = 0;
  return { positions, groups, bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY } };
}

/** One box around each group's members; unlike the layered bands these may overlap. */
function boundingGroups(
  nodes: readonly LayoutNode[],
  positions: Map<string, { x: number; y: number }>,
): GroupBox[] {
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  for (const node of nodes) {
    if (node.group === undefined) continue;
    const p = positions.get(node.id)!;
    const box = boxes.get(node.group) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    box.x0 = Math.min(box.x0, p.x);
    box.y0 = Math.min(box.y0, p.y);
    box.x1 = Math.max(box.x1, p.x + node.width);
    box.y1 = Math.max(box.y1, p.y + node.height);
    boxes.set(node.group, box);
  }
  return [...boxes].map(([group, b]) => ({
    group,
    x: b.x0 - GROUP_PAD,
    y: b.y0 - GROUP_PAD - GROUP_HEADER,
    width: b.x1 - b.x0 + 2 * GROUP_PAD,
    height: b.y1 - b.y0 + 2 * GROUP_PAD + GROUP_HEADER,
  }));
}
