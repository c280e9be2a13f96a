// Label widths from a canvas 2D context: thousands of measureText calls cost a few milliseconds, where
// measuring SVG text elements would force a layout per label.
export function createMeasurer(svg: SVGSVGElement): (text: string) => number {
  const probe = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  probe.setAttribute('class', 'node-label');
  svg.appendChild(probe);
  const style = getComputedStyle(probe);
  const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  probe.remove();
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return (text) => text.length * 7.5;
  context.font = font;
  // Italic labels (data, variables, outputs) run slightly wider than the upright measurement.
  const cache = new Map<string, number>();
  return (text) => {
    let width = cache.get(text);
    if (width === undefined) {
      width = context.measureText(text).width * 1.04 + 1;
      cache.set(text, width);
    }
    return width;
  };
}
