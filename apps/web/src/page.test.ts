import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

// The built page (`pnpm build` runs `vite build` here) in Debian's Chromium, headless, with WebGPU on SwiftShader
// when the machine has no GPU. Skips with a message without Chromium, unless CI requires WebGPU.
const CHROMIUM = '/usr/bin/chromium';
const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const have = existsSync(CHROMIUM) && existsSync(join(DIST, 'index.html'));
if (!have) {
  const why = existsSync(CHROMIUM) ? `${DIST} is not built (pnpm build)` : `${CHROMIUM} is missing (apt-get install chromium)`;
  if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but ${why}`);
  console.warn(`skipping browser tests: ${why}`);
}

interface PageResult {
  runs: { backend: string; device?: string; fused?: string; losses: number[]; error?: string }[];
  charts: number;
  tensorsLeft: number;
  error?: string;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
// What vite.config.ts serves the page with: cross-origin isolation, for SharedArrayBuffer (wasm threads).
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** Serves dist on localhost, with or without the cross-origin isolation headers. */
function serve(headers: Record<string, string>): Promise<string> {
  const server = createServer((req, res) => {
    const path = join(DIST, req.url === '/' || req.url?.startsWith('/?') ? 'index.html' : decodeURIComponent(req.url!.split('?')[0]!));
    if (!path.startsWith(DIST) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers }).end(readFileSync(path));
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)));
}

/** Opens `url` in a fresh headless Chromium and waits for the page's result; `use` looks at the page before it closes. */
async function openPage(url: string, use: (page: Page, result: PageResult) => Promise<void>): Promise<void> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lstmkit-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    // The page sets window.lstmkitResult when its module starts; a bundle that fails to load never does.
    await page.waitForFunction(() => 'lstmkitResult' in window, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`the page's script did not start: ${errors.join('; ') || 'no page error'}`);
    });
    const result = await page.evaluate(() => (window as unknown as { lstmkitResult: Promise<PageResult> }).lstmkitResult);
    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
    await use(page, result);
  } finally {
    await context.close();
  }
}

let isolatedWasmLosses: number[] | undefined;

describe.skipIf(!have)('the web app in headless Chromium', () => {
  it('trains an LSTM with @lstmkit/trainer on webgpu and on wasm (fused kernels on 2+ threads, cross-origin isolated) in the page, and draws the three charts as SVG', async () => {
    await openPage(await serve(ISOLATED), async (page, result) => {
      // @lstmkit/trainer trained the same model on both backends in the page and lowered the loss on each.
      expect(result.runs.map((r) => [r.backend, r.error])).toEqual([['webgpu', undefined], ['wasm', undefined]]);
      // On webgpu the LSTM ran lstmkit's WGSL kernels, compiled by the browser's own WebGPU.
      expect(result.runs[0]!.fused).toBe('WGSL compute shaders (webgpu)');
      for (const r of result.runs) {
        expect(r.losses, r.backend).toHaveLength(10);
        expect(r.losses.at(-1)!, r.backend).toBeLessThan(r.losses[0]! * 0.8);
      }
      // On wasm the LSTM ran @lstmkit/native's WebAssembly kernels, with helper threads over a SharedArrayBuffer.
      expect(result.runs[1]!.fused).toMatch(/^wasm SIMD128 \([2-9]\d* threads\)$/);
      isolatedWasmLosses = result.runs[1]!.losses;
      // Same seed, weights and batches: the two backends' losses agree epoch by epoch (their float32 kernels differ
      // in the last bits only; see cross-backend.test.ts for the tolerance).
      result.runs[0]!.losses.forEach((l, i) => expect(Math.abs(l - result.runs[1]!.losses[i]!), `epoch ${i + 1}`).toBeLessThan(1e-4));
      expect(result.runs[1]!.device).toMatch(/^WebAssembly/);
      expect(result.tensorsLeft).toBe(0);
      // The three charts, as SVG, with their marks: 10 epochs on two lines, 10 x 10 cells, 64 points + legend.
      const chart = (i: number) => page.locator(`#charts .chart:nth-child(${i}) > svg`);
      expect(await page.locator('#charts .chart > svg').count()).toBe(3);
      expect(await chart(1).locator('g.mark-line.role-mark path').count()).toBe(2);
      expect(await chart(1).locator('g.mark-symbol.role-mark path').count()).toBe(20);
      expect(await chart(1).locator('text').allTextContents()).toEqual(expect.arrayContaining(['training on webgpu', 'loss', 'accuracy', 'epoch']));
      expect(await chart(2).locator('g.mark-rect.role-mark path').count()).toBe(100);
      expect(await chart(2).locator('text').allTextContents()).toEqual(expect.arrayContaining(['confusion matrix (training data)', 'predicted', 'actual']));
      expect(await chart(3).locator('g.mark-symbol.role-mark path').count()).toBeGreaterThanOrEqual(64 + 5); // points + centroids
      expect(await chart(3).locator('g.role-legend-label text').count()).toBe(10);
      expect(await chart(3).locator('text').allTextContents()).toEqual(expect.arrayContaining(['t-SNE of the lstm outputs, class centroids']));
      if (process.env.LSTMKIT_SCREENSHOT) await page.screenshot({ path: process.env.LSTMKIT_SCREENSHOT, fullPage: true });
    });
  });

  it('served without cross-origin isolation, trains on wasm with the fused kernels on one thread, and says why', async () => {
    await openPage(`${await serve({})}?backends=wasm`, async (_, result) => {
      expect(result.runs.map((r) => [r.backend, r.error])).toEqual([['wasm', undefined]]);
      expect(result.runs[0]!.fused).toMatch(/^wasm SIMD128 \(1 thread: the page is not cross-origin isolated, so no SharedArrayBuffer \(serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\)\)$/);
      // The same training as with helper threads: the batch rows' results do not depend on the thread that ran them.
      if (isolatedWasmLosses) result.runs[0]!.losses.forEach((l, i) => expect(Math.abs(l - isolatedWasmLosses![i]!), `epoch ${i + 1}`).toBeLessThan(1e-5));
      expect(result.tensorsLeft).toBe(0);
    });
  });
});
