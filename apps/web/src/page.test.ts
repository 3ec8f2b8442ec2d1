import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData, missing, open, serve } from './e2e.js';

// The built page (`pnpm build`) in Debian's Chromium, headless, WebGPU on SwiftShader when there is no GPU.
// Skips with a message without Chromium or a build, unless CI requires the browser (LSTMKIT_REQUIRE_WEBGPU).
const why = missing();
if (why) {
  if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but ${why}`);
  console.warn(`skipping browser tests: ${why}`);
}

let server: Server;
let url: string;
beforeAll(async () => {
  if (!why) ({ server, url } = await serve());
});
afterAll(() => server?.close());

describe.skipIf(!!why)('the web app in headless Chromium', () => {
  it('trains a model in the worker on a chosen backend, with live progress, and shows the held-out accuracy and confusion matrix; no long main-thread task', async () => {
    const p = await open(url);
    try {
      await loadData(p.page, 'echo');
      await p.page.getByRole('tab', { name: 'Model' }).click();
      await p.page.locator('#param-count').waitFor();
      await p.page.getByLabel('units').fill('16');
      await expect.poll(() => p.page.locator('#param-count strong').textContent()).toBe((4 * (16 * (10 + 16) + 16) + 16 * 10 + 10).toLocaleString('en-US'));
      await p.page.getByRole('tab', { name: 'Train' }).click();
      await p.page.getByRole('radio', { name: 'wasm', exact: true }).check();
      await p.page.getByLabel('epochs').fill('2');
      await p.page.locator('#train-limit').fill('512');
      await p.page.locator('#start').click();
      await p.page.locator('#held-out').waitFor({ timeout: 90_000 });
      expect(await p.page.locator('#train-facts').textContent()).toMatch(/2 epoch\(s\) on wasm/);
      expect(await p.page.locator('#epoch-chart svg').count()).toBe(1);
      expect(await p.page.locator('#confusion-chart svg').count()).toBe(1);
      expect(Number.parseFloat((await p.page.locator('#held-out').textContent())!)).toBeGreaterThan(0);
      expect(Math.max(0, ...(await p.longTasks()))).toBeLessThan(200);
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
