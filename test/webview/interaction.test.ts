// What the user does in the graph: click/Enter reveal, filters, search, collapsing modules, grouping, host
// highlights, keyboard navigation, and keeping the view across updates and reloads.
import assert from 'node:assert/strict';
import type { GraphResult } from '../../shared/protocol';
import { fixture, graphSuite } from './harness';

describe('webview: interaction', () => {
  const small = fixture('small.json');
  const suite = graphSuite(small, { pagePerTest: true });
  const node = (id: string) => suite.gp.page.locator(`g.node[data-id="${id}"]`);
  const ids = () =>
    suite.gp.page.$$eval('#graph g.node', (els) => els.map((e) => e.getAttribute('data-id')!));
  const edgeEnds = () =>
    suite.gp.page.$$eval('#graph path.edge', (els) =>
      els.map((e) => `${e.getAttribute('data-source')}>${e.getAttribute('data-target')}`),
    );

  it('posts reveal with the uri and range on click', async () => {
    await node('aws_subnet.a').click();
    const reveal = await suite.gp.waitForPosted('reveal');
    const subnet = small.nodes.find((n) => n.id === 'aws_subnet.a')!;
    assert.deepEqual(reveal, { type: 'reveal', id: 'aws_subnet.a', uri: subnet.uri, range: subnet.range });
  });

  it('shows details instead of revealing a node without code (unmanaged)', async () => {
    await node('unmanaged:aws_s3_bucket:orphan-bucket').click();
    const details = suite.gp.page.locator('.og-details');
    await details.waitFor({ state: 'visible' });
    assert.match((await details.textContent())!, /orphan-bucket/);
    assert.equal((await suite.gp.posted()).filter((m) => m.type === 'reveal').length, 0);
    await suite.gp.page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
  });

  it('filters by type: hidden nodes take their edges with them', async () => {
    await suite.gp.page.click('details[data-dimension="type"] summary');
    await suite.gp.rendered(() => suite.gp.page.uncheck('input[data-dimension="type"][value="aws_vpc"]'));
    const shown = await ids();
    assert.ok(!shown.includes('aws_vpc.main') && !shown.includes('module.net.aws_vpc.this'));
    assert.equal(shown.length, small.nodes.length - 2);
    const ends = await edgeEnds();
    assert.ok(
      ends.every((e) => !e.includes('aws_vpc.')),
      ends.join('\n'),
    );
    assert.equal(
      ends.length,
      small.edges.filter((e) => !e.source.includes('aws_vpc.') && !e.target.includes('aws_vpc.')).length,
    );
    assert.match((await suite.gp.page.locator('#graph-status').textContent())!, /2 hidden by filters/);
    // And the settings survive in the webview state.
    await suite.gp.page.waitForFunction(() =>
      JSON.stringify((window as unknown as { __state: unknown }).__state).includes('aws_vpc'),
    );
    await suite.gp.rendered(() => suite.gp.page.check('input[data-dimension="type"][value="aws_vpc"]'));
    assert.equal((await ids()).length, small.nodes.length);
  });

  it('filters by status, file and module', async () => {
    await suite.gp.page.click('details[data-dimension="status"] summary');
    await suite.gp.rendered(() => suite.gp.page.uncheck('input[data-dimension="status"][value="in-sync"]'));
    assert.ok(
      (await ids()).every(
        (id) => !['aws_vpc.main', 'aws_security_group.web', 'module.net.aws_vpc.this'].includes(id),
      ),
    );
    await suite.gp.rendered(() =>
      suite.gp.page.click('details[data-dimension="status"] button[data-action="all"]'),
    );
    await suite.gp.page.click('details[data-dimension="module"] summary');
    await suite.gp.rendered(() =>
      suite.gp.page.uncheck('input[data-dimension="module"][value="module.net"]'),
    );
    assert.ok((await ids()).every((id) => !id.startsWith('module.net.')));
    await suite.gp.rendered(() => suite.gp.page.check('input[data-dimension="module"][value="module.net"]'));
    await suite.gp.page.click('details[data-dimension="file"] summary');
    await suite.gp.rendered(() =>
      suite.gp.page.click('details[data-dimension="file"] button[data-action="none"]'),
    );
    assert.equal((await ids()).length, 0);
    assert.match((await suite.gp.page.locator('.og-empty').textContent())!, /hidden by the filters/);
  });

  it('search highlights matches, centres them, Enter cycles, Escape clears', async () => {
    await suite.gp.page.fill('#search', 'subnet');
    await suite.gp.page.waitForFunction(() => document.querySelectorAll('g.node.search-match').length === 2);
    const matches = await suite.gp.page.$$eval('g.node.search-match', (els) =>
      els.map((e) => e.getAttribute('data-id')),
    );
    assert.deepEqual(new Set(matches), new Set(['aws_subnet.a', 'module.net.aws_subnet.private']));
    assert.match((await suite.gp.page.locator('#search-count').textContent())!, /1 of 2/);
    const centreOf = (id: string) =>
      suite.gp.page.evaluate((nid) => {
        const r = document.querySelector(`g.node[data-id="${nid}"]`)!.getBoundingClientRect();
        const s = document.querySelector('.og-stage')!.getBoundingClientRect();
        return [r.x + r.width / 2 - (s.x + s.width / 2), r.y + r.height / 2 - (s.y + s.height / 2)];
      }, id);
    const first = await suite.gp.page.$eval('g.node.search-current', (e) => e.getAttribute('data-id')!);
    for (const d of await centreOf(first)) assert.ok(Math.abs(d) < 2, `centred: ${d}`);
    await suite.gp.page.press('#search', 'Enter');
    const second = await suite.gp.page.$eval('g.node.search-current', (e) => e.getAttribute('data-id')!);
    assert.notEqual(second, first);
    for (const d of await centreOf(second)) assert.ok(Math.abs(d) < 2, `centred: ${d}`);
    await suite.gp.page.press('#search', 'Enter');
    assert.equal(
      await suite.gp.page.$eval('g.node.search-current', (e) => e.getAttribute('data-id')!),
      first,
    );
    await suite.gp.page.press('#search', 'Escape');
    assert.equal(await suite.gp.page.locator('g.node.search-match').count(), 0);
    assert.equal(await suite.gp.page.inputValue('#search'), '');
  });

  it('collapsing a module hides its members and reroutes their edges to the module', async () => {
    await suite.gp.rendered(() => node('module.net').locator('.collapse-toggle').click());
    const shown = await ids();
    assert.ok(shown.includes('module.net'));
    assert.ok(shown.every((id) => !id.startsWith('module.net.')));
    assert.equal(await node('module.net').getAttribute('aria-expanded'), 'false');
    assert.match(
      (await node('module.net').getAttribute('aria-label'))!,
      /collapsed, 3 members, 1 drifted inside/,
    );
    const rerouted = await suite.gp.page.$$eval('path.edge.rerouted', (els) =>
      els.map((e) => `${e.getAttribute('data-source')}>${e.getAttribute('data-target')}`),
    );
    assert.deepEqual(rerouted, ['aws_instance.web>module.net']);
    const ends = await edgeEnds();
    assert.ok(ends.every((e) => !e.includes('module.net.')));
    assert.ok(ends.includes('module.net>var.region'));
    // A host highlight of a hidden member marks the module standing for it.
    await suite.gp.send({ type: 'highlight', id: 'module.net.aws_subnet.private' });
    await suite.gp.page.waitForSelector('g.node.highlight[data-id="module.net"]');
    await suite.gp.rendered(() => suite.gp.page.click('#expand-all'));
    assert.equal((await ids()).length, small.nodes.length);
    await suite.gp.page.waitForSelector('g.node.highlight[data-id="module.net.aws_subnet.private"]');
    // The keyboard does the same: C on a focused module node.
    await node('module.net').focus();
    await suite.gp.rendered(() => suite.gp.page.keyboard.press('c'));
    assert.ok((await ids()).every((id) => !id.startsWith('module.net.')));
  });

  it('groups by module and by file with labelled boxes', async () => {
    await suite.gp.rendered(() => suite.gp.page.selectOption('#group-by', 'module'));
    const groups = await suite.gp.page.$$eval('g.group', (els) =>
      els.map((e) => [e.getAttribute('data-group'), e.textContent]),
    );
    assert.deepEqual(groups.map((g) => g[0]).sort(), ['', 'module.net']);
    assert.ok(groups.some(([g, text]) => g === 'module.net' && text!.includes('module.net')));
    // Every member sits inside its module's box.
    const inside = await suite.gp.page.evaluate(() => {
      const box = document.querySelector('g.group[data-group="module.net"] rect')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('g.node'))
        .filter((n) => n.getAttribute('data-id')!.startsWith('module.net.'))
        .every((n) => {
          const r = n.getBoundingClientRect();
          return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
        });
    });
    assert.ok(inside);
    await suite.gp.rendered(() => suite.gp.page.selectOption('#group-by', 'file'));
    const files = await suite.gp.page.$$eval('g.group', (els) =>
      els.map((e) => e.getAttribute('data-group')).sort(),
    );
    assert.deepEqual(files, [
      '(no file)',
      'main.tf',
      'modules/net/main.tf',
      'network.tf',
      'outputs.tf',
      'storage.tf',
      'variables.tf',
    ]);
  });

  it('marks the node the host highlights and pans it into view', async () => {
    await suite.gp.page.keyboard.press('1');
    // Far away from the node first, so that it is offscreen.
    await suite.gp.page.mouse.move(600, 400);
    await suite.gp.page.mouse.down();
    await suite.gp.page.mouse.move(1150, 790, { steps: 5 });
    await suite.gp.page.mouse.up();
    const visible = () =>
      suite.gp.page.evaluate(() => {
        const r = document.querySelector('g.node[data-id="output.web_ip"]')!.getBoundingClientRect();
        const s = document.querySelector('.og-stage')!.getBoundingClientRect();
        return r.left >= s.left && r.right <= s.right && r.top >= s.top && r.bottom <= s.bottom;
      });
    assert.equal(await visible(), false);
    await suite.gp.send({ type: 'highlight', id: 'output.web_ip' });
    await suite.gp.page.waitForSelector('g.node.highlight[data-id="output.web_ip"]');
    assert.equal(await visible(), true);
    assert.equal(await suite.gp.page.locator('g.node.highlight').count(), 1);
    await suite.gp.send({ type: 'highlight', id: null });
    await suite.gp.page.waitForFunction(() => document.querySelectorAll('g.node.highlight').length === 0);
  });

  it('moves focus with the arrow keys and Home, is one Tab stop, and Enter reveals', async () => {
    await node('aws_subnet.a').focus();
    const focused = () => suite.gp.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    await suite.gp.page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), 'aws_vpc.main', 'left follows the edge to the dependency');
    await suite.gp.page.keyboard.press('ArrowRight');
    const right = await focused();
    assert.ok(
      ['aws_subnet.a', 'aws_security_group.web', 'aws_s3_bucket.logs'].includes(right!),
      String(right),
    );
    await node('aws_subnet.a').focus();
    await suite.gp.page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 'aws_instance.web', 'right follows the edge to the dependent');
    await node('aws_subnet.a').focus();
    await suite.gp.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'aws_security_group.web', 'down moves within the column');
    await suite.gp.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'aws_subnet.a');
    await node('aws_instance.web').focus();
    const tabStops = () =>
      suite.gp.page.$$eval('#graph g.node[tabindex="0"]', (els) => els.map((e) => e.getAttribute('data-id')));
    assert.deepEqual(await tabStops(), ['aws_instance.web'], 'the focused node is the one Tab stop');
    // Tab leaves the graph (however many nodes it has); Shift+Tab comes back to the node that had focus.
    await suite.gp.page.keyboard.press('Tab');
    assert.ok(!(await focused()), 'Tab leaves the graph');
    await suite.gp.page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'aws_instance.web');
    await suite.gp.page.keyboard.press('Home');
    const first = await suite.gp.page.$eval('#graph g.node', (e) => e.getAttribute('data-id'));
    assert.equal(await focused(), first, 'Home goes to the first node in reading order');
    assert.deepEqual(await tabStops(), [first]);
    await node('aws_instance.web').focus();
    await suite.gp.clearPosted();
    await suite.gp.page.keyboard.press('Enter');
    const reveal = await suite.gp.waitForPosted('reveal');
    assert.equal(reveal.id, 'aws_instance.web');
    assert.deepEqual(reveal.range, small.nodes.find((n) => n.id === 'aws_instance.web')!.range);
  });

  it('zooms with + / - / 0 and keeps the transform on a keepView update', async () => {
    const fitted = await suite.gp.transform();
    await suite.gp.page.keyboard.press('+');
    const zoomed = await suite.gp.transform();
    assert.notEqual(zoomed, fitted);
    const changed: GraphResult = structuredClone(small);
    changed.nodes.find((n) => n.id === 'aws_vpc.main')!.drift = { status: 'drifted', details: [] };
    changed.nodes.push({
      id: 'aws_eip.web',
      kind: 'resource',
      label: 'aws_eip.web',
      type: 'aws_eip',
      module: '',
      file: 'main.tf',
    });
    changed.edges.push({ source: 'aws_eip.web', target: 'aws_instance.web', kind: 'reference' });
    const places = () =>
      suite.gp.page.$$eval('g.node', (els) =>
        Object.fromEntries(
          els.map((e) => {
            const box = e.querySelector('.node-box')!;
            return [e.getAttribute('data-id'), `${box.getAttribute('x')},${box.getAttribute('y')}`];
          }),
        ),
      );
    const before = await places();
    await suite.gp.showGraph(changed, true);
    assert.equal(await suite.gp.transform(), zoomed, 'zoom/pan kept');
    assert.ok((await node('aws_vpc.main').getAttribute('class'))!.includes('status-drifted'));
    const after = await places();
    assert.equal(after['aws_vpc.main'], before['aws_vpc.main'], 'persisting nodes keep their place');
    assert.equal(after['aws_instance.web'], before['aws_instance.web']);
    await suite.gp.page.keyboard.press('-');
    assert.notEqual(await suite.gp.transform(), zoomed);
    await suite.gp.page.keyboard.press('0');
    const refitted = await suite.gp.transform();
    await suite.gp.page.keyboard.press('+');
    await suite.gp.showGraph(changed, false);
    assert.equal(await suite.gp.transform(), refitted, 'a graph without keepView is fitted');
  });

  it('restores view settings and zoom from the webview state after a reload', async () => {
    await suite.gp.rendered(() => suite.gp.page.selectOption('#group-by', 'module'));
    await suite.gp.page.keyboard.press('+');
    await suite.gp.page.waitForFunction(() => {
      const s = (window as unknown as { __state?: { groupBy?: string; transform?: unknown } }).__state;
      return s?.groupBy === 'module' && s.transform;
    });
    const state = await suite.gp.state();
    const transform = await suite.gp.transform();
    const second = await suite.bed.open({ state });
    try {
      await second.showGraph(small);
      assert.equal(await second.page.inputValue('#group-by'), 'module');
      assert.equal(await second.page.locator('g.group').count(), 2);
      assert.equal(await second.transform(), transform);
    } finally {
      await second.close();
    }
  });

  it('switches to the force layout without losing nodes or edges', async () => {
    await suite.gp.rendered(() => suite.gp.page.selectOption('#layout', 'force'));
    assert.equal((await ids()).length, small.nodes.length);
    assert.equal((await edgeEnds()).length, small.edges.length);
    const positions = await suite.gp.page.$$eval('g.node .node-box', (els) =>
      els.map((e) => `${e.getAttribute('x')},${e.getAttribute('y')}`),
    );
    assert.equal(new Set(positions).size, positions.length, 'no two nodes on the same spot');
  });
});
