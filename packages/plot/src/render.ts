import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './types.js';

/** Renders a Vega-Lite spec to an SVG string, headless (the same call works in the browser). */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
