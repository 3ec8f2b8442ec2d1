import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import writeFileAtomic from 'write-file-atomic';
import { renderSvg } from './render.js';
import type { ChartSpec } from './types.js';

const require = createRequire(import.meta.url);

// resvg compiled to WebAssembly: one file for every platform, so the PNG path installs and works with
// `npm install --omit=optional` and needs no compiler (resvg-js' native build is a per-platform optional package).
// WebAssembly cannot read the system's fonts, so the package ships DejaVu Sans (fonts/, its licence beside it).
let ready: Promise<Uint8Array[]> | undefined;
function renderer(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const font = (name: string) => readFile(new URL(`../fonts/${name}`, import.meta.url));
    return Promise.all([font('DejaVuSans.ttf'), font('DejaVuSans-Bold.ttf')]);
  })();
  return ready;
}

/** SVG -> PNG (2x, white background) with resvg (WebAssembly): no canvas, no browser, no native module. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const fontBuffers = await renderer();
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  try {
    const image = resvg.render();
    const png = image.asPng();
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}

/** A chart as a PNG image (2x by default). */
export async function renderPng(spec: ChartSpec, scale = 2): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), scale);
}

/** A chart as SVG text and PNG bytes, for callers that write them themselves (e.g. with a model, in one step). */
export async function renderChart(spec: ChartSpec, scale = 2): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderSvg(spec);
  return { svg, png: await svgToPng(svg, scale) };
}

/** Writes `<base>.svg` and `<base>.png`, each atomically (write-file-atomic: a temporary file, fsync, rename). */
export async function writeChart(spec: ChartSpec, base: string): Promise<{ svg: string; png: string }> {
  const { svg, png } = await renderChart(spec);
  const files = { svg: `${base}.svg`, png: `${base}.png` };
  await writeFileAtomic(files.svg, svg);
  await writeFileAtomic(files.png, Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  return files;
}
