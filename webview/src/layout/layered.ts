// Layered (Sugiyama-style) layout, left to right. Pure: sizes in, positions out, no DOM, deterministic for the
// same input. Every pass is O(V + E) or a sort per layer, and the ordering sweeps are capped, so 5,000 nodes lay
// out in tens of milliseconds. Nodes of a column are stacked with a fixed gap, so boxes (and the labels inside
// them) can never overlap; long edges get no dummy nodes, which keeps big graphs cheap at the price of some
// edges crossing columns they skip.
import type { GroupBox, LayeredOptions, LayoutEdge, LayoutNode, LayoutResult } from './types';

const DEFAULTS = { rowGap: 10, columnGap: 90, groupGap: 24, groupHeader: 22, sweeps: 4 };
/** Padding of a group box around its members. */
const GROUP_PAD = 10;

export function layeredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayeredOptions = {},
): LayoutResult {
  const rowGap = options.rowGap ?? DEFAULTS.rowGap;
  const columnGap = options.columnGap ?? DEFAULTS.columnGap;
  const groupGap = options.groupGap ?? DEFAULTS.groupGap;
  const groupHeader = options.groupHeader ?? DEFAULTS.groupHeader;
  const n = nodes.length;
  if (n === 0)
    return {
      positions: new Map(),
      layers: new Map(),
      groups: [],
      bounds: { x: 0, y: 0, width: 0, height: 0 },
    };

  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.id, i));
  const { from, to } = uniqueEdges(edges, index);
  const dag = acyclic(n, from, to);
  const layer = longestPathLayers(n, dag.from, dag.to);
  const grouped = nodes.some((node) => node.group !== undefined);
  const groupRank = rankGroups(nodes, options.groupOrder);

  const layerCount = Math.max(...layer) + 1;
  const columns: number[][] = Array.from({ length: layerCount }, () => []);
  const preds = adjacency(n, dag.to, dag.from);
  const succs = adjacency(n, dag.from, dag.to);
  const previousY = options.previousY;
  const keepOrder = previousY !== undefined && nodes.some((node) => previousY.has(node.id));

  // Initial order: the previous picture when there is one (an update should not shuffle what the user already
  // saw), otherwise a topological order, which already keeps neighbours close.
  const initialKey = new Float64Array(n);
  if (keepOrder && previousY) {
    for (let v = 0; v < n; v++) {
      const own = previousY.get(nodes[v].id);
      initialKey[v] = own ?? neighbourMean(v, preds, succs, (u) => previousY.get(nodes[u].id)) ?? Infinity;
    }
  } else {
    dag.topo.forEach((v, i) => (initialKey[v] = i));
  }
  for (let v = 0; v < n; v++) columns[layer[v]].push(v);
  for (const column of columns)
    column.sort((a, b) => groupRank[a] - groupRank[b] || initialKey[a] - initialKey[b] || a - b);

  if (!keepOrder) orderColumns(columns, preds, succs, groupRank, options.sweeps ?? DEFAULTS.sweeps, n);

  // Columns: left-aligned, as wide as their widest node.
  const x = new Float64Array(n);
  const previousX = keepOrder ? options.previousX : undefined;
  let columnX = 0;
  for (const column of columns) {
    let width = 0;
    let left = columnX;
    for (const v of column) {
      width = Math.max(width, nodes[v].width);
      left = Math.max(left, previousX?.get(nodes[v].id) ?? -Infinity);
    }
    for (const v of column) x[v] = left;
    columnX = left + width + columnGap;
  }

  // Bands: one per group, tall enough for the group's fullest column; everything in one unbounded band when
  // nothing is grouped.
  const bandCount = grouped ? Math.max(...groupRank) + 1 : 1;
  const bandHeight = new Float64Array(bandCount);
  for (const column of columns) {
    const used = new Float64Array(bandCount);
    for (const v of column) used[groupRank[v]] += nodes[v].height + rowGap;
    for (let g = 0; g < bandCount; g++)
      bandHeight[g] = Math.max(bandHeight[g], used[g] - (used[g] ? rowGap : 0));
  }
  const bandTop = new Float64Array(bandCount);
  let top = grouped ? groupHeader : 0;
  for (let g = 0; g < bandCount; g++) {
    bandTop[g] = top;
    if (bandHeight[g] > 0) top += bandHeight[g] + groupHeader + groupGap + 2 * GROUP_PAD;
  }

  const y = new Float64Array(n);
  const segments = columnSegments(columns, groupRank);
  const place = (desiredCentre: (v: number) => number) => {
    for (const segment of segments) {
      const g = groupRank[segment[0]];
      const lo = grouped ? bandTop[g] : -Infinity;
      const hi = grouped ? bandTop[g] + bandHeight[g] : Infinity;
      packSegment(segment, nodes, rowGap, lo, hi, desiredCentre, y);
    }
  };
  const centre = (v: number) => y[v] + nodes[v].height / 2;

  if (keepOrder && previousY) {
    // Persisting nodes ask for their old place. New ones take the free slot nearest the middle of their
    // neighbours, so that adding a node does not push a packed column around.
    const wanted = new Float64Array(n);
    for (const segment of segments) {
      const taken: [number, number][] = [];
      const added: number[] = [];
      for (const v of segment) {
        const own = previousY.get(nodes[v].id);
        if (own === undefined) added.push(v);
        else {
          wanted[v] = own;
          taken.push([own - nodes[v].height / 2, own + nodes[v].height / 2]);
        }
      }
      taken.sort((a, b) => a[0] - b[0]);
      for (const v of added) {
        const desire =
          neighbourMean(v, preds, succs, (u) => previousY.get(nodes[u].id)) ?? taken.at(-1)?.[1] ?? 0;
        const centre = freeSlot(taken, desire, nodes[v].height, rowGap);
        wanted[v] = centre;
        const slot: [number, number] = [centre - nodes[v].height / 2, centre + nodes[v].height / 2];
        const at = taken.findIndex((t) => t[0] > slot[0]);
        taken.splice(at < 0 ? taken.length : at, 0, slot);
      }
      segment.sort((a, b) => wanted[a] - wanted[b] || a - b);
    }
    place((v) => wanted[v]);
  } else {
    // Start stacked around the band's middle, then pull each node towards its neighbours a few times.
    for (const segment of segments) {
      const g = groupRank[segment[0]];
      let height = -rowGap;
      for (const v of segment) height += nodes[v].height + rowGap;
      let cursor = grouped ? bandTop[g] + (bandHeight[g] - height) / 2 : -height / 2;
      for (const v of segment) {
        y[v] = cursor;
        cursor += nodes[v].height + rowGap;
      }
    }
    for (let pass = 0; pass < 2; pass++) {
      place((v) => neighbourMean(v, preds, preds, centre) ?? centre(v));
      place((v) => neighbourMean(v, succs, succs, centre) ?? centre(v));
    }
    place((v) => neighbourMean(v, preds, succs, centre) ?? centre(v));
  }

  return finish(
    nodes,
    x,
    y,
    layer,
    grouped ? groupBoxes(nodes, x, groupRank, bandTop, bandHeight, groupHeader) : [],
  );
}

/** Edges as index pairs, without self-loops, duplicates or unknown ends. */
function uniqueEdges(edges: readonly LayoutEdge[], index: Map<string, number>) {
  const seen = new Set<number>();
  const from: number[] = [];
  const to: number[] = [];
  const n = index.size;
  for (const edge of edges) {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    from.push(a);
    to.push(b);
  }
  return { from, to };
}

/** Compressed adjacency: the neighbours of v are list[start[v] .. start[v + 1]). */
interface Adjacency {
  start: Int32Array;
  list: Int32Array;
}
function adjacency(n: number, from: readonly number[], to: readonly number[]): Adjacency {
  const start = new Int32Array(n + 1);
  for (const a of from) start[a + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const list = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) list[fill[from[e]]++] = to[e];
  return { start, list };
}

/**
 * Reverses the back edges of an iterative depth-first search (no recursion: a 5,000-long chain must not overflow
 * the stack). Roots are tried sources first, so in a DAG nothing is reversed. Also returns a topological order.
 */
function acyclic(n: number, from: number[], to: number[]) {
  const out = adjacency(n, from, to);
  const edgeIds = new Int32Array(from.length);
  {
    const fill = out.start.slice(0, n);
    for (let e = 0; e < from.length; e++) edgeIds[fill[from[e]]++] = e;
  }
  const indegree = new Int32Array(n);
  for (const b of to) indegree[b]++;
  const roots: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) roots.push(v);
  for (let v = 0; v < n; v++) if (indegree[v] !== 0) roots.push(v);

  const state = new Uint8Array(n); // 0 unseen, 1 on the stack, 2 done
  const reversed = new Uint8Array(from.length);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  for (const root of roots) {
    if (state[root]) continue;
    let depth = 0;
    stack[0] = root;
    cursor[root] = out.start[root];
    state[root] = 1;
    while (depth >= 0) {
      const v = stack[depth];
      if (cursor[v] < out.start[v + 1]) {
        const slot = cursor[v]++;
        const w = out.list[slot];
        if (state[w] === 1) reversed[edgeIds[slot]] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          cursor[w] = out.start[w];
          stack[++depth] = w;
        }
      } else {
        state[v] = 2;
        depth--;
      }
    }
  }
  const dagFrom: number[] = [];
  const dagTo: number[] = [];
  for (let e = 0; e < from.length; e++) {
    dagFrom.push(reversed[e] ? to[e] : from[e]);
    dagTo.push(reversed[e] ? from[e] : to[e]);
  }
  return { from: dagFrom, to: dagTo, topo: topologicalOrder(n, dagFrom, dagTo) };
}

function topologicalOrder(n: number, from: number[], to: number[]): number[] {
  const out = adjacency(n, from, to);
  const indegree = new Int32Array(n);
  for (const b of to) indegree[b]++;
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) order.push(v);
  for (let i = 0; i < order.length; i++) {
    const v = order[i];
    for (let k = out.start[v]; k < out.start[v + 1]; k++)
      if (--indegree[out.list[k]] === 0) order.push(out.list[k]);
  }
  return order;
}

/**
 * Longest-path layers, then sources pulled right next to their nearest dependent: without that, every variable
 * and data source would sit in column 0, far from what uses it.
 */
function longestPathLayers(n: number, from: number[], to: number[]): Int32Array {
  const topo = topologicalOrder(n, from, to);
  const out = adjacency(n, from, to);
  const layer = new Int32Array(n);
  for (const v of topo)
    for (let k = out.start[v]; k < out.start[v + 1]; k++)
      layer[out.list[k]] = Math.max(layer[out.list[k]], layer[v] + 1);
  const indegree = new Int32Array(n);
  for (const b of to) indegree[b]++;
  for (let v = 0; v < n; v++) {
    if (indegree[v] !== 0 || out.start[v] === out.start[v + 1]) continue;
    let nearest = Infinity;
    for (let k = out.start[v]; k < out.start[v + 1]; k++) nearest = Math.min(nearest, layer[out.list[k]]);
    layer[v] = nearest - 1;
  }
  return layer;
}

function rankGroups(nodes: readonly LayoutNode[], order: string[] | undefined): Int32Array {
  const rank = new Map<string, number>();
  for (const group of order ?? []) if (!rank.has(group)) rank.set(group, rank.size);
  const result = new Int32Array(nodes.length);
  nodes.forEach((node, v) => {
    const group = node.group ?? '';
    if (!rank.has(group)) rank.set(group, rank.size);
    result[v] = rank.get(group)!;
  });
  // Ranks of listed groups without members would leave empty bands; compact them.
  const used = [...new Set(result)].sort((a, b) => a - b);
  const compact = new Map(used.map((r, i) => [r, i]));
  for (let v = 0; v < result.length; v++) result[v] = compact.get(result[v])!;
  return result;
}

function neighbourMean(
  v: number,
  a: Adjacency,
  b: Adjacency,
  value: (u: number) => number | undefined,
): number | undefined {
  let sum = 0;
  let count = 0;
  for (const adj of a === b ? [a] : [a, b]) {
    for (let k = adj.start[v]; k < adj.start[v + 1]; k++) {
      const x = value(adj.list[k]);
      if (x === undefined) continue;
      sum += x;
      count++;
    }
  }
  return count ? sum / count : undefined;
}

/**
 * Barycenter sweeps (down using predecessors, up using successors), keeping the order with the fewest crossings
 * between adjacent columns. Positions are normalised to [0, 1] per column so that edges skipping columns of very
 * different heights still pull sensibly.
 */
function orderColumns(
  columns: number[][],
  preds: Adjacency,
  succs: Adjacency,
  groupRank: Int32Array,
  sweeps: number,
  n: number,
) {
  const pos = new Float64Array(n);
  const setPositions = (column: number[]) => column.forEach((v, i) => (pos[v] = (i + 0.5) / column.length));
  columns.forEach(setPositions);
  const key = new Float64Array(n);
  const reorder = (column: number[], adj: Adjacency) => {
    for (const v of column) {
      let sum = 0;
      const count = adj.start[v + 1] - adj.start[v];
      for (let k = adj.start[v]; k < adj.start[v + 1]; k++) sum += pos[adj.list[k]];
      key[v] = count ? sum / count : pos[v];
    }
    column.sort((a, b) => groupRank[a] - groupRank[b] || key[a] - key[b] || pos[a] - pos[b]);
    setPositions(column);
  };

  let best = columns.map((c) => c.slice());
  let bestCrossings = crossings(columns, succs, n);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    for (let l = 1; l < columns.length; l++) reorder(columns[l], preds);
    for (let l = columns.length - 2; l >= 0; l--) reorder(columns[l], succs);
    const c = crossings(columns, succs, n);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = columns.map((column) => column.slice());
    }
  }
  best.forEach((column, l) => (columns[l] = column));
}

/** Crossings between edges joining adjacent columns: inversion count with a Fenwick tree, O(E log V). */
function crossings(columns: number[][], succs: Adjacency, n: number): number {
  const layerOf = new Int32Array(n);
  const indexOf = new Int32Array(n);
  columns.forEach((column, l) => column.forEach((v, i) => ((layerOf[v] = l), (indexOf[v] = i))));
  let total = 0;
  for (let l = 0; l + 1 < columns.length; l++) {
    const pairs: number[] = [];
    for (const v of columns[l])
      for (let k = succs.start[v]; k < succs.start[v + 1]; k++) {
        const w = succs.list[k];
        if (layerOf[w] === l + 1) pairs.push(indexOf[v] * (columns[l + 1].length + 1) + indexOf[w]);
      }
    if (pairs.length < 2) continue;
    pairs.sort((a, b) => a - b);
    const width = columns[l + 1].length;
    const tree = new Int32Array(width + 1);
    let seen = 0;
    for (const pair of pairs) {
      const j = (pair % (width + 1)) + 1;
      let notGreater = 0;
      for (let i = j; i > 0; i -= i & -i) notGreater += tree[i];
      total += seen - notGreater;
      for (let i = j; i <= width; i += i & -i) tree[i]++;
      seen++;
    }
  }
  return total;
}

/** Centre nearest `desire` where a box of `height` fits between the taken intervals (sorted) with `gap` around. */
function freeSlot(taken: readonly [number, number][], desire: number, height: number, gap: number): number {
  if (!taken.length) return desire;
  const half = height / 2;
  let best = Math.min(desire, taken[0][0] - gap - half);
  const consider = (centre: number) => {
    if (Math.abs(centre - desire) < Math.abs(best - desire)) best = centre;
  };
  for (let i = 0; i + 1 < taken.length; i++) {
    const lo = taken[i][1] + gap + half;
    const hi = taken[i + 1][0] - gap - half;
    if (lo <= hi) consider(Math.min(Math.max(desire, lo), hi));
  }
  consider(Math.max(desire, taken[taken.length - 1][1] + gap + half));
  return best;
}

/** Runs of consecutive nodes of one column in the same group: each is packed on its own. */
function columnSegments(columns: number[][], groupRank: Int32Array): number[][] {
  const segments: number[][] = [];
  for (const column of columns) {
    let current: number[] = [];
    for (const v of column) {
      if (current.length && groupRank[current[0]] !== groupRank[v]) {
        segments.push(current);
        current = [];
      }
      current.push(v);
    }
    if (current.length) segments.push(current);
  }
  return segments;
}

/**
 * Places a run of nodes as close as possible (least squares) to their desired centres while keeping their order
 * and the row gap: isotonic regression by pool-adjacent-violators on y − offset, O(k). With constant bounds the
 * clipped solution is still optimal, which is what keeps a group's nodes inside its band.
 */
function packSegment(
  segment: number[],
  nodes: readonly LayoutNode[],
  gap: number,
  lo: number,
  hi: number,
  desiredCentre: (v: number) => number,
  y: Float64Array,
) {
  const k = segment.length;
  const offset = new Float64Array(k);
  for (let i = 1; i < k; i++) offset[i] = offset[i - 1] + nodes[segment[i - 1]].height + gap;
  const blockValue = new Float64Array(k);
  const blockCount = new Int32Array(k);
  let blocks = 0;
  for (let i = 0; i < k; i++) {
    const v = segment[i];
    let value = desiredCentre(v) - nodes[v].height / 2 - offset[i];
    let count = 1;
    while (blocks > 0 && blockValue[blocks - 1] >= value) {
      blocks--;
      value = (blockValue[blocks] * blockCount[blocks] + value * count) / (blockCount[blocks] + count);
      count += blockCount[blocks];
    }
    blockValue[blocks] = value;
    blockCount[blocks] = count;
    blocks++;
  }
  const last = segment[k - 1];
  const upper = hi - offset[k - 1] - nodes[last].height;
  let i = 0;
  for (let b = 0; b < blocks; b++) {
    const z = Math.min(Math.max(blockValue[b], lo), upper);
    for (let c = 0; c < blockCount[b]; c++, i++) y[segment[i]] = z + offset[i];
  }
}

function groupBoxes(
  nodes: readonly LayoutNode[],
  x: Float64Array,
  groupRank: Int32Array,
  bandTop: Float64Array,
  bandHeight: Float64Array,
  header: number,
): GroupBox[] {
  const boxes: GroupBox[] = [];
  const minX = new Float64Array(bandTop.length).fill(Infinity);
  const maxX = new Float64Array(bandTop.length).fill(-Infinity);
  const names: string[] = [];
  nodes.forEach((node, v) => {
    const g = groupRank[v];
    names[g] = node.group ?? '';
    minX[g] = Math.min(minX[g], x[v]);
    maxX[g] = Math.max(maxX[g], x[v] + node.width);
  });
  for (let g = 0; g < bandTop.length; g++) {
    if (!Number.isFinite(minX[g])) continue;
    boxes.push({
      group: names[g],
      x: minX[g] - GROUP_PAD,
      y: bandTop[g] - header - GROUP_PAD,
      width: maxX[g] - minX[g] + 2 * GROUP_PAD,
      height: bandHeight[g] + header + 2 * GROUP_PAD,
    });
  }
  return boxes;
}

function finish(
  nodes: readonly LayoutNode[],
  x: Float64Array,
  y: Float64Array,
  layer: Int32Array,
  groups: GroupBox[],
) {
  // Whole pixels: crisp borders, and no float noise that would make an unchanged node look moved on an update
  // (and be redrawn). Gaps are ≥ 10 px, so rounding cannot make boxes touch.
  for (let v = 0; v < nodes.length; v++) {
    x[v] = Math.round(x[v]);
    y[v] = Math.round(y[v]);
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  nodes.forEach((node, v) => {
    minX = Math.min(minX, x[v]);
    minY = Math.min(minY, y[v]);
    maxX = Math.max(maxX, x[v] + node.width);
    maxY = Math.max(maxY, y[v] + node.height);
  });
  for (const box of groups) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }
  // No shift to a fixed origin: persisting nodes of an update keep the exact coordinates they asked for.
  const positions = new Map<string, { x: number; y: number }>();
  const layers = new Map<string, number>();
  nodes.forEach((node, v) => {
    positions.set(node.id, { x: x[v], y: y[v] });
    layers.set(node.id, layer[v]);
  });
  return { positions, layers, groups, bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY } };
}
