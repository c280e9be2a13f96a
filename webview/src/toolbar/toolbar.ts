// The toolbar above the graph: search, layout, grouping, filters, zoom, modules, export. It only reports what the
// user did; the app decides what that means.
import {
  FILTER_DIMENSIONS,
  type FilterDimension,
  type GroupBy,
  type LayoutMode,
  type ViewSettings,
} from '../state';
import { htmlEl } from '../render/svg';
import { FilterMenu } from './filters';

export interface ToolbarHandlers {
  search(query: string): void;
  searchStep(backwards: boolean): void;
  searchClear(): void;
  layout(mode: LayoutMode): void;
  groupBy(group: GroupBy): void;
  filter(dimension: FilterDimension, excluded: string[]): void;
  fit(): void;
  zoom(factor: number): void;
  collapseAll(): void;
  expandAll(): void;
  export(format: 'svg' | 'png'): void;
}

export class Toolbar {
  readonly element: HTMLDivElement;
  readonly searchInput: HTMLInputElement;
  private readonly searchCount: HTMLSpanElement;
  private readonly layoutSelect: HTMLSelectElement;
  private readonly groupSelect: HTMLSelectElement;
  private readonly filters = new Map<FilterDimension, FilterMenu>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: HTMLElement, handlers: ToolbarHandlers) {
    this.element = htmlEl(
      'div',
      { className: 'og-toolbar', attributes: { role: 'toolbar', 'aria-label': 'Graph tools' } },
      parent,
    );
    const bar = this.element;

    this.searchInput = htmlEl(
      'input',
      {
        attributes: {
          type: 'search',
          id: 'search',
          placeholder: 'Search nodes',
          'aria-label': 'Search nodes',
          'aria-controls': 'graph',
        },
      },
      bar,
    );
    this.searchCount = htmlEl(
      'span',
      { className: 'og-search-count', attributes: { id: 'search-count' } },
      bar,
    );
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => handlers.search(this.searchInput.value), 120);
    });
    this.searchInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.searchTimer);
        handlers.search(this.searchInput.value);
        handlers.searchStep(event.shiftKey);
        event.preventDefault();
      } else if (event.key === 'Escape') {
        this.searchInput.value = '';
        handlers.searchClear();
        event.preventDefault();
        event.stopPropagation();
      }
    });
    sep(bar);

    this.layoutSelect = select(bar, 'layout', 'Layout', [
      ['layered', 'Layered'],
      ['force', 'Force'],
    ]);
    this.layoutSelect.addEventListener('change', () =>
      handlers.layout(this.layoutSelect.value as LayoutMode),
    );
    this.groupSelect = select(bar, 'group-by', 'Group by', [
      ['none', 'No groups'],
      ['module', 'By module'],
      ['file', 'By file'],
    ]);
    this.groupSelect.addEventListener('change', () => handlers.groupBy(this.groupSelect.value as GroupBy));
    sep(bar);

    for (const dimension of FILTER_DIMENSIONS)
      this.filters.set(
        dimension,
        new FilterMenu(dimension, bar, (d, excluded) => handlers.filter(d, excluded)),
      );
    sep(bar);

    button(bar, 'fit', 'Fit', 'Fit the graph to the view (0)', () => handlers.fit());
    button(bar, 'zoom-in', '+', 'Zoom in (+)', () => handlers.zoom(1.25));
    button(bar, 'zoom-out', '−', 'Zoom out (−)', () => handlers.zoom(0.8));
    sep(bar);
    button(bar, 'collapse-all', 'Collapse modules', 'Collapse every module into one node', () =>
      handlers.collapseAll(),
    );
    button(bar, 'expand-all', 'Expand modules', 'Expand every module', () => handlers.expandAll());
    sep(bar);
    button(bar, 'export-svg', 'SVG', 'Export the graph as SVG', () => handlers.export('svg'));
    button(bar, 'export-png', 'PNG', 'Export the graph as PNG', () => handlers.export('png'));

    // Only one drop-down open at a time, and a click elsewhere closes it.
    document.addEventListener('click', (event) => {
      for (const menu of this.filters.values())
        if (menu.element.open && !menu.element.contains(event.target as Node)) menu.element.open = false;
    });
  }

  sync(settings: ViewSettings, counts: Record<FilterDimension, Map<string, number>>): void {
    this.layoutSelect.value = settings.layout;
    this.groupSelect.value = settings.groupBy;
    for (const [dimension, menu] of this.filters)
      menu.update(counts[dimension], settings.excluded[dimension]);
  }

  showSearchCount(text: string): void {
    this.searchCount.textContent = text;
  }
}

function sep(parent: HTMLElement) {
  htmlEl('span', { className: 'og-sep', attributes: { role: 'separator' } }, parent);
}

function button(parent: HTMLElement, id: string, text: string, title: string, onClick: () => void) {
  const b = htmlEl(
    'button',
    { text, attributes: { type: 'button', id, title, 'aria-label': title } },
    parent,
  );
  b.addEventListener('click', onClick);
  return b;
}

function select(parent: HTMLElement, id: string, label: string, options: [string, string][]) {
  const wrapper = htmlEl('label', { className: 'og-inline' }, parent);
  htmlEl('span', { className: 'og-visually-hidden', text: label }, wrapper);
  const s = htmlEl('select', { attributes: { id } }, wrapper);
  for (const [value, text] of options) htmlEl('option', { text, attributes: { value } }, s);
  return s;
}
