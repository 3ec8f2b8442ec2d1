import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { itemAttributes } from './item-data.js';
import type { ChartSpec } from './types.js';

/**
 * Control characters (e.g. ESC in a character vocabulary used as class names) are not allowed in XML, so an SVG with
 * one is unreadable (resvg refuses it); they are drawn as their Unicode control pictures instead (ESC as ␛).
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
export const xmlSafe = (svg: string): string => svg.replace(NOT_XML, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)));

/**
 * Renders a Vega-Lite spec to an SVG string, headless (the same call works in the browser). Chart items that carry
 * data (confusion-matrix cells, scatter points, heat-map cells) get `data-*` attributes a page can read on click.
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return itemAttributes(xmlSafe(await view.toSVG()));
  } finally {
    view.finalize();
  }
}
