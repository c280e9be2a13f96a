// The graph webview draws what the host sends: DOM contract (ids, roles, labels, status classes), theme colours
// per status, the live region, and no CSP violation or console error under the production CSP.
import assert from 'node:assert/strict';
import { fixture, GraphTestBed, graphSuite, rgb, THEME, type GraphPage } from './harness';

describe('webview: rendering', () => {
  const small = fixture('small.json');
  const suite = graphSuite(small);

  it('says ready once, and draws one g.node per node and one path.edge per edge', async () => {
    assert.deepEqual((await suite.gp.posted()).filter((m) => m.type === 'ready').length, 1);
    assert.equal(await suite.gp.page.locator('#graph g.node').count(), small.nodes.length);
    assert.equal(await suite.gp.page.locator('#graph path.edge').count(), small.edges.length);
    const ids = await suite.gp.page.$$eval('#graph g.node', (els) =>
      els.map((e) => e.getAttribute('data-id')),
    );
    assert.deepEqual(new Set(ids), new Set(small.nodes.map((n) => n.id)));
    const ends = await suite.gp.page.$$eval('#graph path.edge', (els) =>
      els.map((e) => `${e.getAttribute('data-source')}>${e.getAttribute('data-target')}`),
    );
    assert.deepEqual(new Set(ends), new Set(small.edges.map((e) => `${e.source}>${e.target}`)));
  });

  it('gives every node a role, a tabindex and a spoken label with status and findings', async () => {
    const web = suite.gp.page.locator('g.node[data-id="aws_instance.web"]');
    assert.equal(await web.getAttribute('role'), 'button');
    // Roving tabindex: the graph is one Tab stop (the first node in reading order), the rest are reached by arrows.
    const tabindexes = await suite.gp.page.$$eval('#graph g.node', (els) =>
      els.map((e) => e.getAttribute('tabindex')),
    );
    assert.equal(tabindexes[0], '0');
    assert.deepEqual(
      tabindexes.slice(1).filter((t) => t !== '-1'),
      [],
      'every other node is focusable but out of the Tab order',
    );
    assert.equal(
      await web.getAttribute('aria-label'),
      'aws_instance.web, resource, drifted, 2 policy findings, plan replace',
    );
    const unlabelled = await suite.gp.page.$$eval(
      '#graph g.node',
      (els) => els.filter((e) => !e.getAttribute('aria-label') || e.getAttribute('role') !== 'button').length,
    );
    assert.equal(unlabelled, 0);
  });

  it('marks status, plan and policy with classes', async () => {
    const classes = async (id: string) =>
      (await suite.gp.page.locator(`g.node[data-id="${id}"]`).getAttribute('class'))!.split(' ');
    assert.ok((await classes('aws_instance.web')).includes('status-drifted'));
    assert.ok((await classes('aws_instance.web')).includes('plan-replace'));
    assert.ok((await classes('aws_instance.web')).includes('has-policy'));
    assert.ok((await classes('aws_s3_bucket.logs')).includes('status-missing'));
    assert.ok((await classes('aws_s3_bucket.logs')).includes('plan-create'));
    assert.ok((await classes('unmanaged:aws_s3_bucket:orphan-bucket')).includes('status-unmanaged'));
    assert.ok((await classes('aws_vpc.main')).includes('status-in-sync'));
    assert.ok(!(await classes('aws_vpc.main')).includes('has-policy'));
  });

  it('colours node borders from the theme variables, per status', async () => {
    const stroke = (id: string) =>
      suite.gp.page.$eval(`g.node[data-id="${id}"] .node-box`, (el) => getComputedStyle(el).stroke);
    assert.equal(await stroke('aws_vpc.main'), rgb(THEME['--vscode-charts-green']));
    assert.equal(await stroke('aws_subnet.a'), rgb(THEME['--vscode-charts-yellow']));
    assert.equal(await stroke('aws_s3_bucket.logs'), rgb(THEME['--vscode-charts-red']));
    assert.equal(await stroke('unmanaged:aws_s3_bucket:orphan-bucket'), rgb(THEME['--vscode-charts-purple']));
    assert.equal(await stroke('var.region'), rgb(THEME['--vscode-editorWidget-border']));
    const dash = await suite.gp.page.$eval(
      'g.node.status-unmanaged .node-box',
      (el) => getComputedStyle(el).strokeDasharray,
    );
    assert.notEqual(dash, 'none');
    assert.equal(
      await suite.gp.page.$eval('g.node .node-box', (el) => getComputedStyle(el).fill),
      rgb(THEME['--vscode-editorWidget-background']),
    );
  });

  it('draws plan glyphs and policy badges in their theme colours', async () => {
    const glyph = (id: string) =>
      suite.gp.page.$eval(`g.node[data-id="${id}"] .plan-glyph`, (el) => [
        el.textContent,
        getComputedStyle(el).fill,
      ]);
    assert.deepEqual(await glyph('aws_s3_bucket.logs'), ['+', rgb(THEME['--vscode-charts-green'])]);
    assert.deepEqual(await glyph('aws_subnet.a'), ['~', rgb(THEME['--vscode-charts-yellow'])]);
    assert.deepEqual(await glyph('aws_instance.web'), ['±', rgb(THEME['--vscode-charts-orange'])]);
    assert.deepEqual(await glyph('module.net.aws_route_table.rt'), ['−', rgb(THEME['--vscode-charts-red'])]);
    assert.equal(
      await suite.gp.page.locator('g.node[data-id="aws_vpc.main"] .plan-glyph').count(),
      0,
      'no-op has no glyph',
    );
    const badge = (id: string) =>
      suite.gp.page.$eval(`g.node[data-id="${id}"] .policy-badge`, (el) => [
        el.querySelector('text')!.textContent,
        getComputedStyle(el.querySelector('circle')!).fill,
      ]);
    assert.deepEqual(await badge('aws_instance.web'), ['2', rgb(THEME['--vscode-charts-red'])]);
    assert.deepEqual(await badge('aws_security_group.web'), ['1', rgb(THEME['--vscode-charts-yellow'])]);
  });

  it('announces counts in a live region', async () => {
    const status = suite.gp.page.locator('[role="status"][aria-live="polite"]');
    assert.equal(
      await status.textContent(),
      '13 nodes, 12 edges, 3 drifted, 1 missing, 1 unmanaged, 3 policy findings',
    );
  });

  it('uses no inline style attributes in its markup (the CSP would block them)', async () => {
    // Styles set through CSSOM (the zoom's transform on the <svg>, the tooltip's position) are allowed; markup
    // style="…" would be a violation, and nothing inside the graph needs a style of its own.
    const styled = await suite.gp.page.$$eval('#graph [style]', (els) => els.length);
    assert.equal(styled, 0);
  });

  it('shows a tooltip with type, file, drift details, policies and plan on hover', async () => {
    await suite.gp.page.hover('g.node[data-id="aws_instance.web"] .node-box');
    const tip = suite.gp.page.locator('.og-tooltip[role="tooltip"]');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent())!;
    assert.match(text, /aws_instance\.web/);
    assert.match(text, /main\.tf:11/);
    assert.match(text, /instance_type: "t3\.micro" → "t3\.large"/);
    assert.match(text, /CKV_AWS_8: EBS volume is not encrypted/);
    assert.match(text, /Plan: replace/);
    await suite.gp.page.mouse.move(2, 790);
    await tip.waitFor({ state: 'hidden' });
  });

  it('shows a message instead of an empty canvas for an empty graph', async () => {
    await suite.gp.showGraph({ nodes: [], edges: [] });
    assert.equal(await suite.gp.page.locator('#graph g.node').count(), 0);
    assert.match((await suite.gp.page.locator('.og-empty').textContent())!, /No Terraform resources/);
    await suite.gp.showGraph(small);
    assert.ok(await suite.gp.page.locator('.og-empty').isHidden());
  });
});

describe('webview: themes', () => {
  let bed: GraphTestBed;
  const small = fixture('small.json');
  before(async () => {
    bed = await GraphTestBed.start();
  });
  after(async () => {
    await bed?.stop();
  });

  const looks = async (gp: GraphPage) => ({
    // var.region has no status: its border is the theme's plain one, or the contrast border.
    plain: await gp.page.$eval('g.node[data-id="var.region"] .node-box', (el) => {
      const style = getComputedStyle(el);
      return { stroke: style.stroke, width: style.strokeWidth };
    }),
    edge: await gp.page.$eval('#graph path.edge', (el) => {
      const style = getComputedStyle(el);
      return { opacity: style.strokeOpacity, width: parseFloat(style.strokeWidth) };
    }),
    drifted: await gp.page.$eval(
      'g.node[data-id="aws_subnet.a"] .node-box',
      (el) => getComputedStyle(el).stroke,
    ),
  });

  for (const bodyClass of ['vscode-high-contrast', 'vscode-high-contrast-light']) {
    it(`${bodyClass}: every node has the contrast border, strokes are thicker, edges fully opaque`, async () => {
      const contrast = '#f38518';
      const gp = await bed.open({ bodyClass, theme: { '--vscode-contrastBorder': contrast } });
      try {
        await gp.showGraph(small);
        const hc = await looks(gp);
        assert.deepEqual(hc.plain, { stroke: rgb(contrast), width: '2.5px' });
        assert.equal(hc.edge.opacity, '1');
        assert.ok(hc.edge.width >= 1.6, `edge width ${hc.edge.width}`);
        assert.equal(hc.drifted, rgb(THEME['--vscode-charts-yellow']), 'status colours still win');
        assert.deepEqual(await gp.violations(), []);
        assert.deepEqual(gp.consoleErrors, []);
      } finally {
        await gp.close();
      }
    });
  }

  it('vscode-light: takes the light theme variables, with the normal stroke', async () => {
    const light = {
      '--vscode-editor-background': '#fffffe',
      '--vscode-editorWidget-background': '#f3f3f3',
      '--vscode-editorWidget-border': '#c8c8c8',
      '--vscode-foreground': '#616161',
    };
    const gp = await bed.open({ bodyClass: 'vscode-light', theme: light });
    try {
      await gp.showGraph(small);
      const look = await looks(gp);
      assert.deepEqual(look.plain, { stroke: rgb(light['--vscode-editorWidget-border']), width: '1.5px' });
      assert.equal(
        await gp.page.$eval('g.node .node-box', (el) => getComputedStyle(el).fill),
        rgb(light['--vscode-editorWidget-background']),
      );
      assert.equal(
        await gp.page.$eval('body', (el) => getComputedStyle(el).backgroundColor),
        rgb(light['--vscode-editor-background']),
      );
    } finally {
      await gp.close();
    }
  });
});
