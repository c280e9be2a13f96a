// Graph webview benchmark, in headless chromium under the production CSP (the test bed of test/webview):
//   - first render of 5,000 nodes / 8,000 edges: from posting the 'graph' message to the first animation frame
//     after the graph is laid out and in the DOM (target ≤ 1,500 ms; median of RUNS fresh pages);
//   - panning: 120 frames of drags through d3-zoom's own mouse handlers, one move per animation frame, frame
//     time = requestAnimationFrame deltas, fitted (whole graph, zoomed out) and at 100% (target p95 ≤ 33 ms);
//   - a keepView update and an SVG export of the big graph (no target, for the record);
//   - label boxes overlapping in the 200-node fixture at 100% (target 0).
// Run after building: node scripts/build.mjs && node --import tsx bench/graph/run.ts
import type { GraphResult } from '../../shared/protocol';
import { fixture, GraphTestBed, type GraphPage } from '../../test/webview/harness';
import { generateGraph } from './generate';

const NODES = Number(process.env.NODES ?? 5000);
const EDGES = Number(process.env.EDGES ?? 8000);
const RUNS = Number(process.env.RUNS ?? 3);
const FRAMES = 120;
const TARGET_FIRST_MS = 1500;
const TARGET_FRAME_MS = 33;
const VIEWPORT = { width: 1400, height: 900 };

interface Rendered {
  total: number;
  layoutMs: number;
  drawMs: number;
}

/** Posts the graph and resolves on the frame after it was drawn; the clock starts right before posting. */
async function timeRender(gp: GraphPage, keepView: boolean): Promise<Rendered> {
  return gp.page.evaluate(
    (keep) =>
      new Promise<Rendered>((resolve) => {
        const w = window as unknown as { __benchGraph: GraphResult };
        const start = performance.now();
        document.addEventListener(
          'opsmith:rendered',
          (event) => {
            const detail = (event as CustomEvent<{ layoutMs: number; drawMs: number }>).detail;
            // Two frames: the first callback runs before the paint of the frame holding the new DOM.
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve({
                  total: performance.now() - start,
                  layoutMs: detail.layoutMs,
                  drawMs: detail.drawMs,
                }),
              ),
            );
          },
          { once: true },
        );
        window.postMessage({ type: 'graph', graph: w.__benchGraph, keepView: keep }, '*');
      }),
    keepView,
  );
}

/** Drags the view with synthetic mouse events through d3-zoom, one step per frame, and returns frame deltas. */
async function timePan(gp: GraphPage, frames: number): Promise<number[]> {
  return gp.page.evaluate(
    (count) =>
      new Promise<number[]>((resolve) => {
        const stage = document.querySelector('.og-stage')!;
        const r = stage.getBoundingClientRect();
        let x = r.left + r.width / 2;
        let y = r.top + r.height / 2;
        const mouse = (type: string, target: EventTarget) =>
          target.dispatchEvent(
            new MouseEvent(type, {
              bubbles: true,
              cancelable: true,
              clientX: x,
              clientY: y,
              button: 0,
              buttons: 1,
              view: window,
            }),
          );
        mouse('mousedown', stage);
        const deltas: number[] = [];
        let last = 0;
        let frame = 0;
        const step = (now: number) => {
          if (last) deltas.push(now - last);
          last = now;
          if (frame++ >= count) {
            mouse('mouseup', window);
            resolve(deltas);
            return;
          }
          // A slow circle: every frame moves the view, and the whole graph stays in play.
          x += Math.cos(frame / 10) * 12;
          y += Math.sin(frame / 10) * 12;
          mouse('mousemove', window);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    frames,
  );
}

/** Wheel-zooms in and out around the centre, one wheel event per frame, and returns frame deltas. */
async function timeWheel(gp: GraphPage, frames: number): Promise<number[]> {
  return gp.page.evaluate(
    (count) =>
      new Promise<number[]>((resolve) => {
        const stage = document.querySelector('.og-stage')!;
        const r = stage.getBoundingClientRect();
        const deltas: number[] = [];
        let last = 0;
        let frame = 0;
        const step = (now: number) => {
          if (last) deltas.push(now - last);
          last = now;
          if (frame++ >= count) {
            resolve(deltas);
            return;
          }
          const deltaY = frame <= count / 2 ? -20 : 20;
          stage.dispatchEvent(
            new WheelEvent('wheel', {
              bubbles: true,
              cancelable: true,
              clientX: r.left + r.width / 2,
              clientY: r.top + r.height / 2,
              deltaY,
              view: window,
            }),
          );
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    frames,
  );
}

/** One zoom step from the keyboard: key press to the frame after the view was redrawn at the new scale. */
async function timeZoomStep(gp: GraphPage, key: string): Promise<number> {
  await gp.page.evaluate(() => {
    const w = window as unknown as { __keyAt: number };
    document.addEventListener('keydown', () => (w.__keyAt = performance.now()), {
      capture: true,
      once: true,
    });
  });
  await gp.page.keyboard.press(key);
  return gp.page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve(performance.now() - (window as unknown as { __keyAt: number }).__keyAt),
          ),
        ),
      ),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (v: number) => `${Math.round(v)} ms`;
const ratio = (v: number, target: number) => `${(v / target).toFixed(2)}×`;

async function labelOverlaps(bed: GraphTestBed): Promise<number> {
  const gp = await bed.open({ viewport: VIEWPORT });
  try {
    await gp.showGraph(fixture('medium-200.json'));
    await gp.page.keyboard.press('1');
    return await gp.page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll('text.node-label')).map((e) =>
        e.getBoundingClientRect(),
      );
      let count = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) count++;
        }
      return count;
    });
  } finally {
    await gp.close();
  }
}

async function main() {
  const graph = generateGraph({ nodes: NODES, edges: EDGES });
  console.log(`graph benchmark: ${graph.nodes.length} nodes, ${graph.edges.length} edges, chromium headless`);
  const bed = await GraphTestBed.start();
  try {
    const firsts: Rendered[] = [];
    let gp: GraphPage | undefined;
    for (let run = 0; run < RUNS; run++) {
      await gp?.close();
      gp = await bed.open({ viewport: VIEWPORT });
      await gp.page.evaluate(
        (g) => ((window as unknown as { __benchGraph: unknown }).__benchGraph = g),
        graph,
      );
      firsts.push(await timeRender(gp, false));
    }
    const median = firsts.slice().sort((a, b) => a.total - b.total)[Math.floor(firsts.length / 2)];
    console.log(
      `first render ${ms(median.total)} (target ${TARGET_FIRST_MS} ms, ${ratio(median.total, TARGET_FIRST_MS)}) — ` +
        `layout ${ms(median.layoutMs)}, DOM ${ms(median.drawMs)}; runs: ${firsts.map((f) => Math.round(f.total)).join(', ')} ms`,
    );
    const page = gp!;
    const counts = await page.page.evaluate(() => [
      document.querySelectorAll('g.node').length,
      document.querySelectorAll('path.edge').length,
    ]);
    if (counts[0] !== graph.nodes.length) throw new Error(`only ${counts[0]} nodes drawn`);

    // Let any idle work finish before measuring frames.
    await page.page.waitForTimeout(500);
    const results: [string, number[]][] = [];
    results.push(['fitted (whole graph, labels off)', await timePan(page, FRAMES)]);
    await page.page.keyboard.press('1');
    // Past the deferred redraw at the new scale (zoom steps redraw 200 ms after the last one).
    await page.page.waitForTimeout(800);
    results.push(['100% (labels on)', await timePan(page, FRAMES)]);
    // Just above the label threshold: the most nodes on screen with labels and single edges drawn.
    for (let i = 0; i < 3; i++) await page.page.keyboard.press('-');
    await page.page.waitForTimeout(800);
    results.push(['51% (labels on, most on screen)', await timePan(page, FRAMES)]);
    results.push(['wheel zoom in and out, from 51%', await timeWheel(page, FRAMES)]);
    await page.page.waitForTimeout(800);
    let worst = 0;
    for (const [name, deltas] of results) {
      const p50 = percentile(deltas, 50);
      const p95 = percentile(deltas, 95);
      worst = Math.max(worst, p95);
      console.log(
        `${name.startsWith('wheel') ? '' : 'pan '}${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ${TARGET_FRAME_MS} ms, ${ratio(p95, TARGET_FRAME_MS)}), max ${Math.max(...deltas).toFixed(1)} ms`,
      );
    }

    const steps: number[] = [];
    await page.page.keyboard.press('1');
    for (const key of ['-', '-', '-', '+', '+', '+', '-', '+']) steps.push(await timeZoomStep(page, key));
    console.log(
      `zoom step (+/- key) at 51–100%: p50 ${ms(percentile(steps, 50))}, max ${ms(Math.max(...steps))}`,
    );

    // Past the deferred redraw of the last zoom step.
    await page.page.waitForTimeout(500);
    // What an edit or a scan does: a few statuses change, a few resources appear.
    const changed: GraphResult = structuredClone(graph);
    for (let i = 0; i < changed.nodes.length; i += 100)
      changed.nodes[i].drift = { status: 'drifted', details: [] };
    for (let i = 0; i < 10; i++) {
      const id = `aws_eip.added_${i}`;
      changed.nodes.push({ id, kind: 'resource', label: id, type: 'aws_eip', module: '', file: 'main.tf' });
      changed.edges.push({ source: id, target: changed.nodes[i * 37].id, kind: 'reference' });
    }
    await page.page.evaluate(
      (g) => ((window as unknown as { __benchGraph: unknown }).__benchGraph = g),
      changed,
    );
    const update = await timeRender(page, true);
    const moved = await page.page.evaluate(() => document.querySelectorAll('g.node').length);
    console.log(
      `keepView update (50 statuses changed, 10 nodes added) ${ms(update.total)} — layout ${ms(update.layoutMs)}, DOM ${ms(update.drawMs)}; ${moved} nodes`,
    );
    const force = await page.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          document.addEventListener(
            'opsmith:rendered',
            () => requestAnimationFrame(() => resolve(performance.now() - start)),
            {
              once: true,
            },
          );
          const select = document.getElementById('layout') as HTMLSelectElement;
          select.value = 'force';
          select.dispatchEvent(new Event('change'));
        }),
    );
    console.log(`force layout of the whole graph ${ms(force)} (time-sliced, the page stays responsive)`);
    const exportMs = await page.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          const w = window as unknown as { __posted: { type: string }[] };
          const poll = () =>
            w.__posted.some((m) => m.type === 'export')
              ? resolve(performance.now() - start)
              : setTimeout(poll, 5);
          window.postMessage({ type: 'exportRequest', format: 'svg' }, '*');
          poll();
        }),
    );
    console.log(`SVG export of the whole graph ${ms(exportMs)}`);
    await page.close();

    const overlaps = await labelOverlaps(bed);
    console.log(`200-node fixture: ${overlaps} overlapping label boxes (target 0)`);
    const ok = median.total <= TARGET_FIRST_MS && worst <= TARGET_FRAME_MS && overlaps === 0;
    console.log(ok ? 'all targets met' : 'TARGET MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await bed.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
