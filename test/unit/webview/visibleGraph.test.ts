// From the server's graph to what is drawn: filters drop nodes with their edges, collapsed modules stand for
// their members with edges rerouted to them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { GraphResult } from '../../../shared/protocol';
import { ariaLabel, moduleAncestors } from '../../../webview/src/model/describe';
import { moduleIds, visibleGraph } from '../../../webview/src/model/visibleGraph';
import { defaultSettings, restoreSettings } from '../../../webview/src/state';

const small = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'graph', 'small.json'), 'utf8'),
) as GraphResult;

describe('webview visible graph', () => {
  it('shows everything by default', () => {
    const view = visibleGraph(small, defaultSettings());
    assert.equal(view.nodes.length, small.nodes.length);
    assert.equal(view.edges.length, small.edges.length);
    assert.equal(view.filtered, 0);
  });

  it('drops filtered nodes and every edge touching them', () => {
    const settings = defaultSettings();
    settings.excluded.status = ['drifted'];
    const view = visibleGraph(small, settings);
    assert.equal(view.filtered, 3);
    assert.ok(view.nodes.every((n) => n.node.drift?.status !== 'drifted'));
    assert.ok(view.edges.every((e) => view.byId.has(e.source) && view.byId.has(e.target)));
  });

  it('collapses a module: members hidden, edges rerouted and deduplicated, self-loops dropped', () => {
    const settings = defaultSettings();
    settings.collapsed = ['module.net'];
    const view = visibleGraph(small, settings);
    assert.ok(view.nodes.every((n) => !n.id.startsWith('module.net.')));
    const module = view.byId.get('module.net')!;
    assert.deepEqual(module.collapsed, { members: 3, drifted: 1, missing: 0, policies: 0 });
    assert.deepEqual(
      view.edges.filter((e) => e.rerouted).map((e) => `${e.source}>${e.target}:${e.kind}`),
      ['aws_instance.web>module.net:module-output'],
    );
    assert.ok(view.edges.every((e) => e.source !== e.target));
  });

  it('stands in a synthetic node for a collapsed module the server sent no node for', () => {
    const graph: GraphResult = {
      nodes: [
        { id: 'a', kind: 'resource', label: 'a', module: '' },
        { id: 'module.x.module.y.b', kind: 'resource', label: 'b', module: 'module.x.module.y' },
      ],
      edges: [{ source: 'a', target: 'module.x.module.y.b', kind: 'reference' }],
    };
    assert.deepEqual(moduleIds(graph), ['module.x', 'module.x.module.y']);
    const settings = defaultSettings();
    settings.collapsed = ['module.x.module.y', 'module.x'];
    const view = visibleGraph(graph, settings);
    assert.deepEqual(
      view.nodes.map((n) => n.id),
      ['a', 'module.x'],
    );
    assert.deepEqual(
      view.edges.map((e) => `${e.source}>${e.target}`),
      ['a>module.x'],
    );
  });

  it('names nodes for screen readers and splits module paths', () => {
    const web = small.nodes.find((n) => n.id === 'aws_instance.web')!;
    assert.equal(ariaLabel(web), 'aws_instance.web, resource, drifted, 2 policy findings, plan replace');
    assert.deepEqual(moduleAncestors('module.a.module.b'), ['module.a', 'module.a.module.b']);
    assert.deepEqual(moduleAncestors(''), []);
    assert.deepEqual(moduleAncestors('module.stacks/dev.eu.module.net'), [
      'module.stacks/dev.eu',
      'module.stacks/dev.eu.module.net',
    ]);
  });

  it('restores only well-formed settings from the webview state', () => {
    assert.deepEqual(restoreSettings(undefined), defaultSettings());
    const restored = restoreSettings({
      layout: 'force',
      groupBy: 'bogus',
      excluded: { type: ['aws_vpc', 3], file: 'x' },
      collapsed: ['module.net'],
      transform: { x: 1, y: 2, k: 0 },
    });
    assert.equal(restored.layout, 'force');
    assert.equal(restored.groupBy, 'none');
    assert.deepEqual(restored.excluded.type, ['aws_vpc']);
    assert.deepEqual(restored.excluded.file, []);
    assert.deepEqual(restored.collapsed, ['module.net']);
    assert.equal(restored.transform, undefined);
  });
});
