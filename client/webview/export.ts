/**
 * The drawn graph as a file: a standalone SVG document (the theme's colours and fonts written into
 * every element, since the file leaves the theme behind) or a PNG image drawn from it.
 */
import type { Rect } from './layout';

/**
 * The properties the graph's stylesheet sets, copied from the drawing as SVG presentation
 * attributes (a `style` attribute would be an inline style, which the page's policy forbids).
 * Inherited ones are written where they change from the parent's value, the others where they
 * differ from their initial value.
 */
const INHERITED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'stroke-linecap',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
];
const INITIAL_VALUES: Record<string, string> = { opacity: '1', 'marker-end': 'none' };

const PADDING = 20;
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/**
 * The SVG document of the drawing: `svg` is the live element, `layer` its transformed content and
 * `bounds` the drawing's extent; `background` the colour behind it.
 */
export function svgDocument(svg: SVGSVGElement, layer: SVGGElement, bounds: Rect, background: string): { text: string; width: number; height: number } {
  const width = Math.ceil(bounds.width + 2 * PADDING);
  const height = Math.ceil(bounds.height + 2 * PADDING);
  const copy = document.createElementNS(SVG_NAMESPACE, 'svg');
  copy.setAttribute('xmlns', SVG_NAMESPACE);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `${bounds.x - PADDING} ${bounds.y - PADDING} ${width} ${height}`);

  const backdrop = document.createElementNS(SVG_NAMESPACE, 'rect');
  for (const [name, value] of Object.entries({ x: bounds.x - PADDING, y: bounds.y - PADDING, width, height, fill: background })) {
    backdrop.setAttribute(name, String(value));
  }
  copy.appendChild(backdrop);

  for (const original of [svg.querySelector('defs'), layer]) {
    if (!original) continue;
    const clone = original.cloneNode(true) as Element;
    inlineStyles(original, clone);
    clone.removeAttribute('transform');
    copy.appendChild(clone);
  }
  // Interaction attributes mean nothing in a file.
  for (const element of copy.querySelectorAll('[tabindex]')) {
    element.removeAttribute('tabindex');
    element.removeAttribute('role');
  }
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
  return { text, width, height };
}

/** Writes the computed presentation of every element of `original` on the same element of `clone`. */
function inlineStyles(original: Element, clone: Element): void {
  const originals = [original, ...original.querySelectorAll('*')];
  const clones = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  const style = (element: Element) => {
    let found = computed.get(element);
    if (!found) computed.set(element, (found = getComputedStyle(element)));
    return found;
  };
  originals.forEach((element, index) => {
    const target = clones[index];
    const own = style(element);
    // The top element has no parent in the file: everything it has is written.
    const parent = index === 0 || !element.parentElement ? undefined : style(element.parentElement);
    for (const property of INHERITED_PROPERTIES) {
      const value = own.getPropertyValue(property);
      if (value && value !== parent?.getPropertyValue(property)) target.setAttribute(property, value);
    }
    for (const [property, initial] of Object.entries(INITIAL_VALUES)) {
      const value = own.getPropertyValue(property);
      if (value && value !== initial) target.setAttribute(property, value);
    }
    target.removeAttribute('class');
  });
}

/** Canvas limits browsers share: no side over 16,384 pixels and no more than 64 million pixels in all. */
const MAX_SIDE = 16384;
const MAX_AREA = 64 * 1024 * 1024;

/** A PNG image of an SVG document, at twice its size when that fits in a canvas; base64. */
export async function pngFromSvg(svgText: string, width: number, height: number): Promise<string> {
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The SVG image of the graph could not be drawn.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * scale));
    canvas.height = Math.max(1, Math.floor(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No canvas to draw the PNG image on.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/png');
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  } finally {
    URL.revokeObjectURL(url);
  }
}
