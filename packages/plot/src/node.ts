import { rename, writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import { renderSvg } from './render.js';
import type { ChartSpec } from './types.js';

/** SVG -> PNG (2x, white background) with resvg, which ships prebuilt in npm and needs no canvas or browser. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  return new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
}

export async function renderPng(spec: ChartSpec, scale = 2): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), scale);
}

/** Writes `<base>.svg` and `<base>.png`, each to a temporary file first, then renamed into place. */
export async function writeChart(spec: ChartSpec, base: string): Promise<{ svg: string; png: string }> {
  const svg = await renderSvg(spec);
  const files = { svg: `${base}.svg`, png: `${base}.png` };
  for (const [file, content] of [[files.svg, svg], [files.png, svgToPng(svg)]] as const) {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, content);
    await rename(tmp, file);
  }
  return files;
}
