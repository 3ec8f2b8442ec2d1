import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
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

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
let server: Server | undefined;
afterAll(() => server?.close());

function serve(): Promise<string> {
  server = createServer((req, res) => {
    const path = join(DIST, req.url === '/' ? 'index.html' : decodeURIComponent(req.url!.split('?')[0]!));
    if (!path.startsWith(DIST) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}/`)));
}

describe.skipIf(!have)('the web app in headless Chromium', () => {
  it('trains an LSTM on WebGPU in the page and draws the three charts as SVG', async () => {
    const url = await serve();
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
      const result = await page.evaluate(() => (window as unknown as { lstmkitResult: Promise<{ backend: string; losses: number[]; charts: number; error?: string }> }).lstmkitResult);
      expect(result.error).toBeUndefined();
      expect(errors).toEqual([]);
      expect(result.backend).toBe('webgpu');
      expect(result.losses).toHaveLength(8);
      expect(result.losses.at(-1)!).toBeLessThan(result.losses[0]! * 0.9);
      const svgs = await page.locator('#charts svg').count();
      expect(svgs).toBe(3);
      const text = await page.locator('#charts').innerText().catch(() => '');
      const markup = await page.locator('#charts').innerHTML();
      expect(markup).toContain('training on webgpu');
      expect(markup).toContain('confusion matrix');
      expect(markup.match(/<path/g)!.length).toBeGreaterThan(50); // marks were drawn, not just axes
      expect(text).toBeDefined();
      if (process.env.LSTMKIT_SCREENSHOT) await page.screenshot({ path: process.env.LSTMKIT_SCREENSHOT, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
