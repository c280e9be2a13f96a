// Export: a standalone, well-formed SVG of the whole graph with its colours inlined, and a PNG drawn from it —
// from the toolbar and on the host's exportRequest.
import assert from 'node:assert/strict';
import { fixture, graphSuite, rgb, THEME } from './harness';

describe('webview: export', () => {
  const small = fixture('small.json');
  const suite = graphSuite(small);
  beforeEach(() => suite.gp.clearPosted());

  /** Parses the SVG the way any consumer would, in the page: no parsererror, and what it holds. */
  const inspect = (svg: string) =>
    suite.gp.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        name: root.localName,
        ns: root.namespaceURI,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        nodes: doc.querySelectorAll('g.node').length,
        edges: doc.querySelectorAll('path.edge').length,
        labels: Array.from(doc.querySelectorAll('text.node-label')).map((t) => t.textContent),
        // (no helper functions in here: tsx's name-keeping wrappers do not exist in the page)
        drifted: doc.querySelector('g.node[data-id="aws_subnet.a"] .node-box')?.getAttribute('stroke'),
        missing: doc.querySelector('g.node[data-id="aws_s3_bucket.logs"] .node-box')?.getAttribute('stroke'),
        glyphFill: doc
          .querySelector('g.node[data-id="aws_s3_bucket.logs"] .plan-glyph')
          ?.getAttribute('fill'),
        transform: doc.querySelector('.viewport')?.getAttribute('transform') ?? null,
        styleAttributes: doc.querySelectorAll('[style]').length,
        varRefs: /var\(--/.test(text),
        rings: doc.querySelectorAll('.focus-ring, .highlight-ring').length,
      };
    }, svg);

  it('exports a standalone SVG with the nodes, edges and inlined theme colours', async () => {
    await suite.gp.page.click('#export-svg');
    const message = await suite.gp.waitForPosted('export');
    assert.equal(message.format, 'svg');
    assert.match(message.data, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    const svg = await inspect(message.data);
    assert.equal(svg.error, false);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.ns, 'http://www.w3.org/2000/svg');
    assert.equal(svg.nodes, small.nodes.length);
    assert.equal(svg.edges, small.edges.length);
    assert.ok(svg.labels.includes('aws_instance.web'));
    assert.equal(svg.drifted, rgb(THEME['--vscode-charts-yellow']));
    assert.equal(svg.missing, rgb(THEME['--vscode-charts-red']));
    assert.equal(svg.glyphFill, rgb(THEME['--vscode-charts-green']));
    assert.equal(svg.transform, null, 'the whole graph, not the current zoom');
    assert.equal(svg.varRefs, false, 'no CSS variables left: the file needs no theme');
    assert.equal(svg.rings, 0);
    assert.ok(svg.width > 200 && svg.height > 100);
  });

  it('renders as an image on its own (no external styles needed)', async () => {
    await suite.gp.page.click('#export-svg');
    const { data } = await suite.gp.waitForPosted('export');
    const size = await suite.gp.page.evaluate(async (text) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, data);
    assert.ok(size[0] > 200 && size[1] > 100, String(size));
  });

  it('keeps labels in the export even when zoomed out past the label threshold', async () => {
    for (let i = 0; i < 8; i++) await suite.gp.page.keyboard.press('-');
    assert.ok(await suite.gp.page.$eval('#graph', (el) => el.classList.contains('lod-low')));
    await suite.gp.send({ type: 'exportRequest', format: 'svg' });
    const { data } = await suite.gp.waitForPosted('export');
    const svg = await inspect(data);
    assert.equal(svg.labels.length, small.nodes.length);
    assert.equal(svg.edges, small.edges.length);
    assert.ok(
      await suite.gp.page.$eval('#graph', (el) => el.classList.contains('lod-low')),
      'live view unchanged',
    );
    await suite.gp.page.keyboard.press('0');
  });

  it('exports a PNG data URL of the SVG size, on the toolbar and on exportRequest', async () => {
    await suite.gp.page.click('#export-svg');
    const svg = await inspect((await suite.gp.waitForPosted('export')).data);
    await suite.gp.clearPosted();
    await suite.gp.send({ type: 'exportRequest', format: 'png' });
    const message = await suite.gp.waitForPosted('export');
    assert.equal(message.format, 'png');
    const match = /^data:image\/png;base64,(.+)$/.exec(message.data);
    assert.ok(match, message.data.slice(0, 40));
    const bytes = Buffer.from(match[1], 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.equal(bytes.readUInt32BE(16), svg.width, 'PNG width (device pixel ratio 1)');
    assert.equal(bytes.readUInt32BE(20), svg.height);
    await suite.gp.clearPosted();
    await suite.gp.page.click('#export-png');
    assert.equal((await suite.gp.waitForPosted('export')).format, 'png');
  });

  it('reports an error instead of exporting nothing', async () => {
    const empty = await suite.bed.open();
    try {
      await empty.send({ type: 'exportRequest', format: 'svg' });
      const error = await empty.waitForPosted('error');
      assert.match(error.message, /no graph to export/);
    } finally {
      await empty.close();
    }
  });
});
