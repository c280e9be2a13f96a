// PNG export: the standalone SVG drawn onto a canvas through an <img> with a data: URL (the CSP allows data:
// images), then read back as a PNG data URL. Canvas size is capped so huge graphs scale down instead of failing.
const MAX_SIDE = 16384;
const MAX_AREA = 64 * 1024 * 1024;

export interface PngSize {
  width: number;
  height: number;
  scale: number;
}

/** Device pixel ratio for a sharp image, reduced until the canvas fits Chromium's limits. */
export function pngSize(width: number, height: number, pixelRatio = window.devicePixelRatio || 1): PngSize {
  let scale = Math.max(1, pixelRatio);
  scale = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
  };
}

export async function svgToPng(svgText: string): Promise<string> {
  const document = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = document.documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
  if (!(width > 0 && height > 0)) throw new Error('The SVG to convert has no size.');
  const size = pngSize(width, height);

  const image = new Image(size.width, size.height);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = window.document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas available for the PNG export.');
  context.drawImage(image, 0, 0, size.width, size.height);
  return canvas.toDataURL('image/png');
}
