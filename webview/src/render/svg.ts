// Tiny DOM helpers: the renderer builds thousands of elements, and plain createElementNS/setAttribute is both
// the fastest way and the one the CSP is happy with (no markup strings, no style attributes).
export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const name in attributes) element.setAttribute(name, String(attributes[name]));
  parent?.appendChild(element);
  return element;
}

export function htmlEl<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { className?: string; text?: string; attributes?: Record<string, string> } = {},
  parent?: Element,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  for (const name in options.attributes ?? {}) element.setAttribute(name, options.attributes![name]);
  parent?.appendChild(element);
  return element;
}
