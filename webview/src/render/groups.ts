// Group boxes (by module or by file), drawn under nodes and edges. Module boxes can be clicked to collapse.
import type { GroupBox } from '../layout/types';
import { svgEl } from './svg';

export function renderGroups(
  root: SVGGElement,
  boxes: readonly GroupBox[],
  label: (group: string) => string,
  toggleable: (group: string) => boolean,
): void {
  const fragment = document.createDocumentFragment() as unknown as Element;
  for (const box of boxes) {
    const canToggle = toggleable(box.group);
    const g = svgEl(
      'g',
      { class: `group${canToggle ? ' toggleable' : ''}`, 'data-group': box.group },
      fragment,
    );
    svgEl('rect', { class: 'group-box', x: box.x, y: box.y, width: box.width, height: box.height, rx: 6 }, g);
    const text = svgEl('text', { class: 'group-label', x: box.x + 8, y: box.y + 15 }, g);
    text.textContent = canToggle ? `▾ ${label(box.group)}` : label(box.group);
  }
  root.replaceChildren(fragment);
}
