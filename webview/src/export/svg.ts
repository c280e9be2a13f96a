// A standalone SVG of the whole graph (not just what is in view): the live SVG cloned, with every computed style
// the look depends on written as presentation attributes. The result needs neither theme.css nor VS Code's CSS
// variables, opens in browsers and editors alike, and is well-formed XML because XMLSerializer writes it.
import type { Box } from '../layout/types';

const MARGIN = 20;
/** Classes on the <svg> that change the look only for interaction (zoomed-out detail, search dimming). */
const TRANSIENT_ROOT_CLASSES = ['lod-low', 'searching'];

// Opacities before colours: an rgba() colour folds its alpha into the opacity already written.
const SHAPE_PROPS = [
  'fill-opacity',
  'stroke-opacity',
  'opacity',
  'stroke-width',
  'stroke-dasharray',
  'fill',
  'stroke',
];
const TEXT_PROPS = [
  ...SHAPE_PROPS,
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'text-decoration',
];
const GROUP_PROPS = ['opacity'];
const PROPS_BY_TAG: Record<string, string[]> = {
  rect: SHAPE_PROPS,
  path: SHAPE_PROPS,
  circle: SHAPE_PROPS,
  line: SHAPE_PROPS,
  text: TEXT_PROPS,
  g: GROUP_PROPS,
};
/** Values that are the SVG defaults, left out to keep the file small. */
const DEFAULTS: Record<string, string> = {
  'fill-opacity': '1',
  'stroke-opacity': '1',
  opacity: '1',
  stroke: 'none',
  'stroke-width': '1',
  'stroke-dasharray': 'none',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'text-decoration': 'none',
};

export function exportSvg(
  svg: SVGSVGElement,
  bounds: Box,
  skipSelector = '.focus-ring, .highlight-ring',
): string {
  const removed = TRANSIENT_ROOT_CLASSES.filter((c) => svg.classList.contains(c));
  svg.classList.remove(...removed);
  let clone: SVGSVGElement;
  try {
    clone = svg.cloneNode(true) as SVGSVGElement;
    inlineStyles(svg, clone);
  } finally {
    svg.classList.add(...removed);
  }
  clone.querySelectorAll(skipSelector).forEach((element) => element.remove());
  clone.querySelectorAll('[tabindex]').forEach((element) => element.removeAttribute('tabindex'));

  const x = Math.floor(bounds.x - MARGIN);
  const y = Math.floor(bounds.y - MARGIN);
  const width = Math.ceil(bounds.width + 2 * MARGIN);
  const height = Math.ceil(bounds.height + 2 * MARGIN);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('version', '1.1');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
  for (const name of [
    'class',
    'role',
    'aria-describedby',
    'aria-roledescription',
    'style',
    'id',
    'data-zoom',
    'data-state',
    'data-render-count',
  ])
    clone.removeAttribute(name);
  clone.setAttribute('aria-label', 'Resource graph');

  const rootStyle = getComputedStyle(svg);
  clone.setAttribute('font-family', rootStyle.fontFamily);
  clone.setAttribute('font-size', rootStyle.fontSize.replace(/px$/, ''));
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [name, value] of Object.entries({ x, y, width, height }))
    background.setAttribute(name, String(value));
  setColour(background, 'fill', getComputedStyle(document.body).backgroundColor || '#ffffff');
  background.setAttribute('class', 'background');
  const defs = clone.querySelector('defs');
  clone.insertBefore(background, defs ? defs.nextSibling : clone.firstChild);

  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Walks the live tree and its clone in step (same structure), copying computed styles onto the clone. */
function inlineStyles(source: Element, target: Element): void {
  const hidden: Element[] = [];
  const walk = (from: Element, to: Element) => {
    const props = PROPS_BY_TAG[from.localName];
    if (props || from.localName === 'g') {
      const style = getComputedStyle(from);
      if (style.display === 'none') {
        hidden.push(to);
        return;
      }
      if (props)
        for (const prop of props) {
          const value = normalise(style.getPropertyValue(prop));
          if (prop === 'fill' || prop === 'stroke') setColour(to, prop, value);
          else if (value && DEFAULTS[prop] !== value) to.setAttribute(prop, value);
        }
    }
    let a = from.firstElementChild;
    let b = to.firstElementChild;
    while (a && b) {
      walk(a, b);
      a = a.nextElementSibling;
      b = b.nextElementSibling;
    }
  };
  walk(source, target);
  for (const element of hidden) element.remove();
}

function normalise(value: string): string {
  const v = value.trim();
  // Unitless numbers are what every SVG renderer accepts; px is the only unit computed styles use here.
  return v.replace(/(\d)px\b/g, '$1').replace(/,\s+/g, ', ');
}

/** rgba() is not valid SVG 1.1 paint: split it into rgb() and an opacity so strict renderers agree. */
function setColour(element: Element, prop: 'fill' | 'stroke', value: string) {
  const rgba = /^rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)$/.exec(value);
  if (rgba) {
    const alpha = Number(rgba[4]);
    if (alpha === 0) {
      element.setAttribute(prop, 'none');
      return;
    }
    element.setAttribute(prop, `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})`);
    const opacityProp = `${prop}-opacity`;
    const existing = Number(element.getAttribute(opacityProp) ?? '1');
    element.setAttribute(opacityProp, String(Math.round(existing * alpha * 1000) / 1000));
    return;
  }
  if (value) element.setAttribute(prop, value);
  else if (prop === 'stroke') element.removeAttribute(prop);
}
