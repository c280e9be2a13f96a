// The layered layout in the browser, with real fonts: on the 200-node fixture no two labels (or boxes) overlap
// and every label fits inside its box; grouping keeps bands apart.
import assert from 'node:assert/strict';
import { fixture, graphSuite, type GraphPage } from './harness';

/** Pairwise overlap count of the client rectangles matched by a selector. */
function overlaps(
  gp: GraphPage,
  selector: string,
): Promise<{ count: number; total: number; example?: string }> {
  return gp.page.evaluate((sel) => {
    const boxes = Array.from(document.querySelectorAll(sel)).map((e) => ({
      id:
        e.closest('[data-id]')?.getAttribute('data-id') ??
        e.closest('[data-group]')?.getAttribute('data-group') ??
        '',
      r: e.getBoundingClientRect(),
    }));
    let count = 0;
    let example: string | undefined;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
          count++;
          example ??= `${boxes[i].id} / ${boxes[j].id}`;
        }
      }
    return { count, total: boxes.length, example };
  }, selector);
}

describe('webview: layered layout of 200 nodes', () => {
  const medium = fixture('medium-200.json');
  const suite = graphSuite(medium);
  // 100%: labels are drawn (far out they are hidden by the level of detail).
  before(() => suite.gp.page.keyboard.press('1'));

  it('draws all 200 nodes with no overlapping label boxes', async () => {
    assert.equal(await suite.gp.page.locator('g.node').count(), 200);
    const labels = await overlaps(suite.gp, 'text.node-label');
    assert.equal(labels.total, 200);
    assert.equal(labels.count, 0, labels.example);
    const boxes = await overlaps(suite.gp, 'rect.node-box');
    assert.equal(boxes.count, 0, boxes.example);
  });

  it('fits every label inside its node box', async () => {
    const outside = await suite.gp.page.$$eval('g.node', (nodes) =>
      nodes
        .filter((node) => {
          const box = node.querySelector('.node-box')!.getBoundingClientRect();
          const label = node.querySelector('.node-label')!.getBoundingClientRect();
          const others = Array.from(
            node.querySelectorAll('.plan-glyph, .policy-badge, .collapse-toggle'),
          ).map((e) => e.getBoundingClientRect());
          const right = Math.min(box.right, ...others.map((o) => o.left));
          return (
            label.left < box.left ||
            label.right > right + 0.5 ||
            label.top < box.top ||
            label.bottom > box.bottom
          );
        })
        .map((node) => node.getAttribute('data-id')),
    );
    assert.deepEqual(outside, []);
  });

  it('keeps group bands apart when grouping by module or file', async () => {
    for (const group of ['module', 'file']) {
      await suite.gp.rendered(() => suite.gp.page.selectOption('#group-by', group));
      await suite.gp.page.keyboard.press('1');
      assert.ok((await suite.gp.page.locator('g.group').count()) > 1);
      assert.equal((await overlaps(suite.gp, 'g.group > rect')).count, 0, group);
      assert.equal((await overlaps(suite.gp, 'text.node-label')).count, 0, group);
    }
  });

  it('brings an offscreen node into view when it takes focus, without scrolling the stage', async () => {
    await suite.gp.page.keyboard.press('1');
    const far = await suite.gp.page.evaluate(() => {
      const stage = document.querySelector('.og-stage')!.getBoundingClientRect();
      const node = Array.from(document.querySelectorAll('g.node')).find((n) => {
        const r = n.getBoundingClientRect();
        return r.top > stage.bottom + 200 || r.left > stage.right + 200;
      });
      return node?.getAttribute('data-id');
    });
    assert.ok(far, 'some node is offscreen at 100%');
    await suite.gp.page.evaluate(
      (id) => (document.querySelector(`g.node[data-id="${id}"]`) as SVGGElement).focus(),
      far,
    );
    const state = await suite.gp.page.evaluate((id) => {
      const stage = document.querySelector('.og-stage')!;
      const s = stage.getBoundingClientRect();
      const r = document.querySelector(`g.node[data-id="${id}"]`)!.getBoundingClientRect();
      return {
        scrolled: stage.scrollTop + stage.scrollLeft,
        inside: r.left >= s.left && r.right <= s.right && r.top >= s.top && r.bottom <= s.bottom,
      };
    }, far);
    assert.deepEqual(state, { scrolled: 0, inside: true });
  });

  it('hides labels when zoomed far out, and shows edges as one path per kind', async () => {
    await suite.gp.page.keyboard.press('0');
    for (let i = 0; i < 6; i++) await suite.gp.page.keyboard.press('-');
    const state = await suite.gp.page.evaluate(() => ({
      low: document.getElementById('graph')!.classList.contains('lod-low'),
      labelDisplay: getComputedStyle(document.querySelector('text.node-label')!).display,
      bundles: document.querySelectorAll('path.edge-bundle').length,
      edgesDisplay: getComputedStyle(document.querySelector('g.edges')!).display,
    }));
    assert.deepEqual(state, { low: true, labelDisplay: 'none', bundles: 4, edgesDisplay: 'none' });
  });
});
