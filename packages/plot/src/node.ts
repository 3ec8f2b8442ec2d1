import { Resvg } from '@resvg/resvg-js';
import writeFileAtomic from 'write-file-atomic';
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

/** A chart as SVG text and PNG bytes, for callers that write them themselves (e.g. with a model, in one step). */
export async function renderChart(spec: ChartSpec, scale = 2): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderSvg(spec);
  return { svg, png: svgToPng(svg, scale) };
}

/** Writes `<base>.svg` and `<base>.png`, each atomically (write-file-atomic: a temporary file, fsync, rename). */
export async function writeChart(spec: ChartSpec, base: string): Promise<{ svg: string; png: string }> {
  const { svg, png } = await renderChart(spec);
  const files = { svg: `${base}.svg`, png: `${base}.png` };
  await writeFileAtomic(files.svg, svg);
  await writeFileAtomic(files.png, Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  return files;
}
