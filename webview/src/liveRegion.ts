// The status line under the graph doubles as the screen-reader live region: counts after every render, search
// results while typing. Its wording is stable ("120 nodes, 200 edges, 3 drifted") because tests read it.
import { statusOf } from './model/describe';
import type { VisibleGraph } from './model/visibleGraph';
import { htmlEl } from './render/svg';

export class LiveRegion {
  readonly element: HTMLDivElement;
  private summary = '';

  constructor(parent: HTMLElement) {
    this.element = htmlEl(
      'div',
      {
        className: 'og-status',
        attributes: { id: 'graph-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' },
      },
      parent,
    );
  }

  counts(view: VisibleGraph, extra: string[] = []): void {
    let drifted = 0;
    let missing = 0;
    let unmanaged = 0;
    let policies = 0;
    for (const { node } of view.nodes) {
      const status = statusOf(node);
      if (status === 'drifted') drifted++;
      else if (status === 'missing') missing++;
      else if (status === 'unmanaged') unmanaged++;
      policies += node.policies?.length ?? 0;
    }
    const parts = [
      plural(view.nodes.length, 'node'),
      plural(view.edges.length, 'edge'),
      `${drifted} drifted`,
    ];
    if (missing) parts.push(`${missing} missing`);
    if (unmanaged) parts.push(`${unmanaged} unmanaged`);
    if (policies) parts.push(plural(policies, 'policy finding'));
    if (view.filtered) parts.push(`${view.filtered} hidden by filters`);
    this.summary = [...parts, ...extra].join(', ');
    this.element.textContent = this.summary;
  }

  /** A transient message, followed by the counts so the line never loses them. */
  say(message: string): void {
    this.element.textContent = message ? `${message} — ${this.summary}` : this.summary;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
