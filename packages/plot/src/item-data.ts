// Data attributes on the SVG elements of chart items (a cell, a point), so a page can tell which item was clicked
// or hovered (`data-index`, `data-true`…). Vega draws an item's `description` channel as its `aria-label`; a chart
// puts these attributes first in that description, and `renderSvg` moves them into attributes of their own,
// leaving the readable part as the label.

const PREFIX = 'lstmkit-data:';

/**
 * A description for one chart item: data attributes (`{ index: 3 }` -> `data-index="3"`) and a readable label.
 * Returned as a Vega expression string for a `description` encoding with `{ value }`, or used in a field.
 */
export function itemDescription(attributes: Readonly<Record<string, number | string>>, label: string): string {
  const pairs = Object.entries(attributes).map(([k, v]) => `${k}=${String(v).replace(/[^\w.-]/g, '')}`);
  return `${PREFIX}${pairs.join(',')}|${label}`;
}

const ITEM = new RegExp(`aria-label="${PREFIX}([^"|]*)\\|([^"]*)"`, 'g');

/** Turns the item descriptions in Vega's SVG into `data-*` attributes plus the readable `aria-label`. */
export function itemAttributes(svg: string): string {
  return svg.replace(ITEM, (_, pairs: string, label: string) => {
    const attrs = pairs
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [key, value = ''] = pair.split('=');
        return `data-${key}="${value}"`;
      });
    return `${attrs.join(' ')} aria-label="${label}"`;
  });
}
