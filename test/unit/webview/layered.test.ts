// The layered layout is pure (sizes in, positions out), so its guarantees are checked here without a browser:
// edges point right, boxes never overlap, cycles do not break it, and the same input gives the same picture.
import assert from 'node:assert/strict';
import { generateGraph } from '../../../bench/graph/generate';
import { layeredLayout } from '../../../webview/src/layout/layered';
import type { Box, LayoutEdge, LayoutNode, LayoutResult } from '../../../webview/src/layout/types';

const node = (id: string, width = 80, group?: string): LayoutNode => ({ id, width, height: 26, group });
const edge = (from: string, to: string): LayoutEdge => ({ from, to });

function boxOf(result: LayoutResult, n: LayoutNode): Box {
  const p = result.positions.get(n.id)!;
  return { x: p.x, y: p.y, width: n.width, height: n.height };
}

function overlapping(boxes: Box[]): number {
  let count = 0;
  const sorted = boxes.slice().sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].width; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.y < b.y + b.height && b.y < a.y + a.height) count++;
    }
  return count;
}

/** The benchmark's generator: modules, tiers, cross links and a few back edges. */
function realistic(nodes: number, edges: number, grouped = false) {
  const g = generateGraph({ nodes, edges, seed: 7 });
  return {
    nodes: g.nodes.map((n) => node(n.id, 40 + n.label.length * 7, grouped ? n.module : undefined)),
    edges: g.edges.map((e) => edge(e.target, e.source)),
  };
}

describe('webview layered layout', () => {
  it('puts every node of a DAG to the right of what it depends on', () => {
    const nodes = ['vpc', 'subnet', 'sg', 'instance', 'eip', 'out'].map((id) => node(id));
    const edges = [
      edge('vpc', 'subnet'),
      edge('vpc', 'sg'),
      edge('subnet', 'instance'),
      edge('sg', 'instance'),
      edge('instance', 'eip'),
      edge('eip', 'out'),
      edge('instance', 'out'),
    ];
    const result = layeredLayout(nodes, edges);
    for (const e of edges) {
      assert.ok(result.layers!.get(e.from)! < result.layers!.get(e.to)!, `${e.from} → ${e.to}`);
      const from = result.positions.get(e.from)!;
      assert.ok(from.x + 80 < result.positions.get(e.to)!.x, `${e.from} left of ${e.to}`);
    }
    assert.deepEqual(
      ['vpc', 'subnet', 'sg', 'instance', 'eip', 'out'].map((id) => result.layers!.get(id)),
      [0, 1, 1, 2, 3, 4],
    );
  });

  it('pulls a source next to its nearest dependent instead of column 0', () => {
    const nodes = ['a', 'b', 'c', 'd', 'var'].map((id) => node(id));
    const result = layeredLayout(nodes, [edge('a', 'b'), edge('b', 'c'), edge('c', 'd'), edge('var', 'd')]);
    assert.equal(result.layers!.get('var'), 2);
  });

  it('never overlaps boxes, on a realistic 2,000-node graph, grouped or not', () => {
    for (const grouped of [false, true]) {
      const { nodes, edges } = realistic(2000, 3200, grouped);
      const result = layeredLayout(nodes, edges);
      assert.equal(result.positions.size, nodes.length);
      assert.equal(overlapping(nodes.map((n) => boxOf(result, n))), 0, `grouped: ${grouped}`);
      for (const n of nodes) {
        const p = result.positions.get(n.id)!;
        assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
      }
    }
  });

  it('keeps group bands apart and every member inside its group box', () => {
    const { nodes, edges } = realistic(600, 1000, true);
    const result = layeredLayout(nodes, edges, { groupOrder: [''] });
    assert.ok(result.groups.length > 1);
    assert.equal(result.groups[0].group, '', 'the root module first');
    assert.equal(overlapping(result.groups), 0);
    const byGroup = new Map(result.groups.map((g) => [g.group, g]));
    for (const n of nodes) {
      const b = boxOf(result, n);
      const g = byGroup.get(n.group!)!;
      assert.ok(
        b.x >= g.x && b.y >= g.y && b.x + b.width <= g.x + g.width && b.y + b.height <= g.y + g.height,
        n.id,
      );
    }
  });

  it('breaks cycles: every node placed, all but the closing edge point right', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id));
    const edges = [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd'), edge('d', 'd')];
    const result = layeredLayout(nodes, edges);
    assert.equal(result.positions.size, 4);
    const layer = (id: string) => result.layers!.get(id)!;
    const forward = edges.filter((e) => e.from !== e.to && layer(e.from) < layer(e.to));
    assert.equal(forward.length, 3);
    assert.equal(overlapping(nodes.map((n) => boxOf(result, n))), 0);
  });

  it('survives a 5,000-long chain and a big cycle (no recursion)', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => node(`n${i}`, 40));
    const edges = nodes.slice(1).map((n, i) => edge(`n${i}`, n.id));
    edges.push(edge('n4999', 'n0'));
    const result = layeredLayout(nodes, edges);
    assert.equal(new Set(result.layers!.values()).size, 5000);
  });

  it('ignores self-loops, duplicate edges and edges to unknown nodes', () => {
    const nodes = [node('a'), node('b')];
    const result = layeredLayout(nodes, [
      edge('a', 'b'),
      edge('a', 'b'),
      edge('a', 'a'),
      edge('a', 'ghost'),
      edge('ghost', 'b'),
    ]);
    assert.deepEqual([result.layers!.get('a'), result.layers!.get('b')], [0, 1]);
    assert.deepEqual(layeredLayout([], []).positions.size, 0);
  });

  it('is deterministic, with whole-pixel positions', () => {
    const { nodes, edges } = realistic(800, 1300);
    const a = layeredLayout(nodes, edges);
    const b = layeredLayout(
      nodes.map((n) => ({ ...n })),
      edges.map((e) => ({ ...e })),
    );
    assert.deepEqual([...a.positions], [...b.positions]);
    assert.deepEqual(a.bounds, b.bounds);
    for (const p of a.positions.values()) assert.ok(Number.isInteger(p.x) && Number.isInteger(p.y));
  });

  it('keeps the previous picture on an update, placing new nodes in free space near their neighbours', () => {
    const { nodes, edges } = realistic(500, 800);
    const first = layeredLayout(nodes, edges);
    const previousY = new Map([...first.positions].map(([id, p]) => [id, p.y + 13]));
    const previousX = new Map([...first.positions].map(([id, p]) => [id, p.x]));
    const same = layeredLayout(nodes, edges, { previousY, previousX });
    assert.deepEqual([...same.positions], [...first.positions], 'an unchanged graph does not move at all');

    const grown = [...nodes, node('new', 60)];
    const grownEdges = [...edges, edge(nodes[10].id, 'new')];
    const next = layeredLayout(grown, grownEdges, { previousY, previousX });
    assert.equal(overlapping(grown.map((n) => boxOf(next, n))), 0);
    const moved = nodes.filter((n) => {
      const [a, b] = [next.positions.get(n.id)!, first.positions.get(n.id)!];
      return a.x !== b.x || a.y !== b.y;
    }).length;
    assert.equal(moved, 0, `${moved} of ${nodes.length} nodes moved`);
    const neighbour = next.positions.get(nodes[10].id)!;
    assert.ok(next.positions.get('new')!.x > neighbour.x, 'after its dependency');
  });

  it('reduces crossings with the ordering sweeps', () => {
    // Two columns wired in reverse: the input order crosses every pair, a good order crosses none.
    const left = Array.from({ length: 6 }, (_, i) => node(`l${i}`));
    const right = Array.from({ length: 6 }, (_, i) => node(`r${i}`));
    const edges = left.map((l, i) => edge(l.id, `r${5 - i}`));
    const result = layeredLayout([...left, ...right], edges);
    const y = (id: string) => result.positions.get(id)!.y;
    for (let i = 0; i + 1 < 6; i++)
      assert.equal(Math.sign(y(`l${i + 1}`) - y(`l${i}`)), Math.sign(y(`r${5 - i - 1}`) - y(`r${5 - i}`)));
  });

  it('lays out 5,000 nodes and 8,000 edges well under a second', () => {
    const { nodes, edges } = realistic(5000, 8000);
    layeredLayout(nodes, edges); // warm-up
    const started = performance.now();
    const result = layeredLayout(nodes, edges);
    const ms = performance.now() - started;
    assert.equal(result.positions.size, 5000);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});
