// What the tooltip and the details panel say about a node. Built with textContent only: labels, values and
// policy messages come from the user's code and must never be parsed as markup.
import { statusOf, typeKey } from '../model/describe';
import type { ViewNode } from '../model/visibleGraph';
import { htmlEl } from '../render/svg';

const MAX_ATTRIBUTES = 8;
const MAX_DETAILS = 10;

export function fillNodeInfo(container: HTMLElement, view: ViewNode): void {
  const node = view.node;
  container.replaceChildren();
  htmlEl('div', { className: 'og-tip-title', text: node.label }, container);
  const sub = [typeKey(node)];
  if (node.kind === 'module' && node.type) sub.push(`source ${node.type}`);
  if (node.file) sub.push(node.range ? `${node.file}:${node.range.start.line + 1}` : node.file);
  if (node.module) sub.push(node.module);
  htmlEl('div', { className: 'og-tip-sub', text: sub.join(' · ') }, container);

  const status = statusOf(node);
  if (status !== 'unknown' || node.drift?.cloudId) {
    const section = htmlEl('div', { className: 'og-tip-section' }, container);
    const line = node.drift?.cloudId ? `${status} (${node.drift.cloudId})` : status;
    htmlEl('div', { className: `og-tip-row og-status-${status}`, text: `Drift: ${line}` }, section);
    const details = node.drift?.details ?? [];
    for (const d of details.slice(0, MAX_DETAILS))
      htmlEl(
        'div',
        { className: 'og-tip-row og-tip-drift', text: `${d.attribute}: ${d.code} → ${d.live}` },
        section,
      );
    if (details.length > MAX_DETAILS)
      htmlEl('div', { className: 'og-tip-row', text: `… ${details.length - MAX_DETAILS} more` }, section);
  }
  if (node.plan && node.plan !== 'no-op')
    htmlEl('div', { className: `og-tip-row og-plan-${node.plan}`, text: `Plan: ${node.plan}` }, container);

  if (view.collapsed) {
    const c = view.collapsed;
    const parts = [`${c.members} member${c.members === 1 ? '' : 's'}`];
    if (c.drifted) parts.push(`${c.drifted} drifted`);
    if (c.missing) parts.push(`${c.missing} missing`);
    if (c.policies) parts.push(`${c.policies} policy finding${c.policies === 1 ? '' : 's'}`);
    htmlEl('div', { className: 'og-tip-row', text: `Collapsed: ${parts.join(', ')}` }, container);
  }

  const policies = node.policies ?? [];
  if (policies.length) {
    const section = htmlEl('div', { className: 'og-tip-section' }, container);
    htmlEl('h4', { text: `Policy findings (${policies.length})` }, section);
    for (const p of policies.slice(0, MAX_DETAILS))
      htmlEl(
        'div',
        { className: `og-tip-row og-tip-policy-${p.severity}`, text: `${p.id}: ${p.message}` },
        section,
      );
  }

  const attributes = node.attributes ?? [];
  if (attributes.length) {
    const section = htmlEl('div', { className: 'og-tip-section' }, container);
    htmlEl('h4', { text: 'Attributes' }, section);
    for (const a of attributes.slice(0, MAX_ATTRIBUTES))
      htmlEl('div', { className: 'og-tip-row', text: `${a.name} = ${a.value}` }, section);
  }
}

/** Follows the pointer inside the stage, flipped so it never leaves the visible area. */
export class Tooltip {
  readonly element: HTMLDivElement;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private shownFor: string | undefined;

  constructor(private readonly stage: HTMLElement) {
    this.element = htmlEl(
      'div',
      { className: 'og-tooltip', attributes: { role: 'tooltip', id: 'og-tooltip' } },
      stage,
    );
    this.element.hidden = true;
  }

  show(view: ViewNode, clientX: number, clientY: number): void {
    clearTimeout(this.showTimer);
    if (this.shownFor !== view.id || this.element.hidden) {
      this.showTimer = setTimeout(() => {
        fillNodeInfo(this.element, view);
        this.shownFor = view.id;
        this.element.hidden = false;
        this.place(clientX, clientY);
      }, 120);
    } else this.place(clientX, clientY);
  }

  hide(): void {
    clearTimeout(this.showTimer);
    this.element.hidden = true;
    this.shownFor = undefined;
  }

  private place(clientX: number, clientY: number) {
    const stage = this.stage.getBoundingClientRect();
    const tip = this.element.getBoundingClientRect();
    let x = clientX - stage.left + 14;
    let y = clientY - stage.top + 14;
    if (x + tip.width > stage.width) x = Math.max(0, clientX - stage.left - tip.width - 14);
    if (y + tip.height > stage.height) y = Math.max(0, clientY - stage.top - tip.height - 14);
    this.element.style.left = `${x}px`;
    this.element.style.top = `${y}px`;
  }
}

/** Shown on click for nodes that have no code to reveal (unmanaged cloud resources). */
export class DetailsPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLDivElement;

  constructor(stage: HTMLElement, onClose: () => void) {
    this.element = htmlEl(
      'aside',
      { className: 'og-details', attributes: { 'aria-label': 'Node details' } },
      stage,
    );
    this.element.hidden = true;
    const close = htmlEl(
      'button',
      { className: 'og-details-close', text: '×', attributes: { 'aria-label': 'Close details' } },
      this.element,
    );
    close.addEventListener('click', () => {
      this.hide();
      onClose();
    });
    this.body = htmlEl('div', {}, this.element);
  }

  get shown(): boolean {
    return !this.element.hidden;
  }

  show(view: ViewNode): void {
    fillNodeInfo(this.body, view);
    this.element.dataset.id = view.id;
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
