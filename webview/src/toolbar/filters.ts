// One drop-down checklist per filter dimension (type, file, module, status). A <details> element opens and closes
// without script; unchecked values are the exclusions kept in the view settings.
import type { FilterDimension } from '../state';
import { htmlEl } from '../render/svg';

const TITLES: Record<FilterDimension, string> = {
  type: 'Type',
  file: 'File',
  module: 'Module',
  status: 'Status',
};

export class FilterMenu {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLDivElement;
  private values: string[] = [];
  private excluded = new Set<string>();

  constructor(
    readonly dimension: FilterDimension,
    parent: HTMLElement,
    private readonly onChange: (dimension: FilterDimension, excluded: string[]) => void,
  ) {
    this.element = htmlEl(
      'details',
      { className: 'og-filter', attributes: { 'data-dimension': dimension } },
      parent,
    );
    this.summary = htmlEl('summary', { text: TITLES[dimension] }, this.element);
    const panel = htmlEl(
      'div',
      {
        className: 'og-filter-panel',
        attributes: { role: 'group', 'aria-label': `Filter by ${TITLES[dimension].toLowerCase()}` },
      },
      this.element,
    );
    const actions = htmlEl('div', { className: 'og-filter-actions' }, panel);
    htmlEl(
      'button',
      { text: 'All', attributes: { type: 'button', 'data-action': 'all' } },
      actions,
    ).addEventListener('click', () => this.set(new Set()));
    htmlEl(
      'button',
      { text: 'None', attributes: { type: 'button', 'data-action': 'none' } },
      actions,
    ).addEventListener('click', () => this.set(new Set(this.values)));
    this.list = htmlEl('div', {}, panel);
    this.list.addEventListener('change', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.type !== 'checkbox') return;
      const next = new Set(this.excluded);
      if (input.checked) next.delete(input.value);
      else next.add(input.value);
      this.set(next);
    });
    // Escape closes the open list (and is not taken as "clear search").
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.element.open) {
        this.element.open = false;
        this.summary.focus();
        event.stopPropagation();
      }
    });
  }

  update(counts: Map<string, number>, excluded: readonly string[]): void {
    this.values = [...counts.keys()].sort((a, b) => a.localeCompare(b));
    this.excluded = new Set(excluded);
    const fragment = document.createDocumentFragment();
    for (const value of this.values) {
      const label = htmlEl('label', {}, fragment as unknown as Element);
      const input = htmlEl(
        'input',
        { attributes: { type: 'checkbox', 'data-dimension': this.dimension } },
        label,
      );
      input.value = value;
      input.checked = !this.excluded.has(value);
      htmlEl('span', { text: value }, label);
      htmlEl('span', { className: 'og-count', text: String(counts.get(value) ?? 0) }, label);
    }
    this.list.replaceChildren(fragment);
    this.refreshSummary();
  }

  private set(excluded: Set<string>) {
    this.excluded = excluded;
    this.list.querySelectorAll('input').forEach((input) => (input.checked = !excluded.has(input.value)));
    this.refreshSummary();
    this.onChange(this.dimension, [...excluded]);
  }

  private refreshSummary() {
    const hidden = this.values.filter((v) => this.excluded.has(v)).length;
    this.summary.textContent = hidden ? `${TITLES[this.dimension]} (${hidden} off)` : TITLES[this.dimension];
    this.element.classList.toggle('og-active', hidden > 0);
  }
}
