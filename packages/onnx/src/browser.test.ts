import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

// The test page (src/page) built by Vite, in Debian's Chromium, headless: models exported in the page by the
// package's main entry (so it must be browser-safe) and run by onnxruntime-web's wasm backend. Skips with a
// message without Chromium, unless CI requires the browser (LSTMKIT_REQUIRE_WEBGPU, which installs it).
const CHROMIUM = '/usr/bin/chromium';
const PAGE = fileURLToPath(new URL('./page', import.meta.url));
const ORT = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
const have = existsSync(CHROMIUM);
if (!have) {
  if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but ${CHROMIUM} is missing`);
  console.warn(`skipping the onnxruntime-web page test: ${CHROMIUM} is missing (apt-get install chromium)`);
}

interface PageResult {
  runs: { label: string; tfjs: number[]; onnx: number[]; maxDiff: number; operators: Record<string, number> }[];
  backend: string;
  tensorsLeft: number;
  error?: string;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
let server: Server | undefined;
afterAll(() => server?.close());

/** Serves the built page at / and onnxruntime-web's files at /ort/, on 127.0.0.1. */
function serve(dist: string): Promise<string> {
  server = createServer((req, res) => {
    const url = decodeURIComponent(req.url!.split('?')[0]!);
    const [root, rel] = url.startsWith('/ort/') ? [ORT, url.slice(5)] : [dist, url === '/' ? 'index.html' : url.slice(1)];
    const path = join(root, rel);
    if (!path.startsWith(root) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}/`)));
}

describe.skipIf(!have)('exported models in onnxruntime-web, in Chromium', () => {
  it('the page exports lstmkit models and onnxruntime-web gives TensorFlow.js\' outputs', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'lstmkit-onnx-page-'));
    await build({ root: PAGE, base: './', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 8000 } });
    const url = await serve(dist);
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lstmkit-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => 'onnxResult' in window, null, { timeout: 60_000 }).catch(() => {
        throw new Error(`the page's script did not start: ${errors.join('; ') || 'no page error'}`);
      });
      const result = await page.evaluate(() => (window as unknown as { onnxResult: Promise<PageResult> }).onnxResult);
      expect(result.error).toBeUndefined();
      expect(errors).toEqual([]);
      expect(result.runs.map((r) => r.label)).toHaveLength(2);
      for (const r of result.runs) {
        expect(r.onnx, r.label).toHaveLength(r.tfjs.length);
        expect(r.maxDiff, r.label).toBeLessThan(1e-5);
        expect(r.operators, r.label).toHaveProperty('LSTM');
      }
      expect(result.runs[1]!.operators).toHaveProperty('Gather');
      expect(result.tensorsLeft).toBe(0);
      expect(await page.locator('table').count()).toBe(2);
      if (process.env.LSTMKIT_SCREENSHOT) await page.screenshot({ path: process.env.LSTMKIT_SCREENSHOT, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
