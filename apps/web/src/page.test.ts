import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadData, open, servedPage, startTraining as start, tab as openTab, type OpenPage } from './e2e.js';

// The built page (`pnpm build`) in Debian's Chromium, headless, WebGPU on SwiftShader when there is no GPU. Small
// subsets and one short epoch keep the file well under two minutes. Skips with a message without Chromium or a
// build, unless CI requires the browser (LSTMKIT_REQUIRE_WEBGPU).
const { why, url } = servedPage();

const tab = (p: OpenPage, name: string) => openTab(p.page, name);

// LSTMKIT_SCREENSHOTS=dir saves the README's screenshots of each part (web-<part>.png, web-<part>-phone.png).
const SHOTS = process.env.LSTMKIT_SCREENSHOTS;
const shot = async (p: OpenPage, name: string) => void (SHOTS && (await p.page.screenshot({ path: `${SHOTS}/web-${name}.png`, fullPage: true })));
/** Every tab again at a phone's width. */
async function phoneShots(p: OpenPage) {
  if (!SHOTS) return;
  await p.page.setViewportSize({ width: 375, height: 812 });
  for (const t of ['Data', 'Model', 'Train', 'Try', 'Explore', 'Keep']) {
    if (!(await p.page.getByRole('tab', { name: t }).count())) continue;
    await tab(p, t);
    await p.page.waitForTimeout(300);
    await shot(p, `${t.toLowerCase()}-phone`);
  }
}

const CLI = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/** Runs `use` on the page in a fresh Chromium profile, then closes it; no page or console error may occur. */
async function withPage(use: (p: OpenPage) => Promise<void>): Promise<void> {
  const p = await open(url());
  try {
    await use(p);
    expect(p.errors).toEqual([]);
  } finally {
    await p.close();
  }
}

/** Draws a vertical stroke (a "1") on the Try tab's canvas with mouse events and waits for the prediction. */
async function drawOne(p: OpenPage): Promise<string> {
  await tab(p, 'Try');
  const box = (await p.page.locator('#draw').boundingBox())!;
  await p.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await p.page.mouse.down();
  for (let i = 1; i <= 10; i++) await p.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * i));
  await p.page.mouse.up();
  await expect.poll(() => p.page.locator('#prediction').textContent(), { timeout: 10_000 }).toMatch(/^\d$/);
  return (await p.page.locator('#prediction').textContent())!;
}

const startTraining = (p: OpenPage, backend: string, o: { epochs: number; limit: number; lr?: number }) => start(p.page, backend, o);

describe.skipIf(!!why)('the web app in headless Chromium', () => {
  it('first load: under 1 MB of gzipped JavaScript, no data and at most one wasm build fetched, a favicon, no errors', async () => {
    await withPage(async (p) => {
      // The page is ready when the worker has listed the backends and the datasets.
      await p.page.locator('#backend-wasm').waitFor({ state: 'attached' });
      await p.page.getByLabel('dataset').locator('option[value="mnist"]').waitFor({ state: 'attached' });
      await p.page.waitForLoadState('networkidle');
      const js = p.fetched.filter((f) => f.path.endsWith('.js'));
      expect(js.length).toBeGreaterThanOrEqual(2); // the page and its worker
      expect(js.reduce((sum, f) => sum + f.gzipBytes, 0)).toBeLessThan(1_000_000);
      expect(p.fetched.filter((f) => /tfjs-backend-wasm.*\.wasm$/.test(f.path)).length).toBeLessThanOrEqual(1);
      expect(p.fetched.map((f) => f.path)).not.toContain('/digits.bin');
      expect(await p.page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    });
  });

  it('MNIST: one short epoch in the worker, held-out accuracy, confusion samples, a "1" drawn with the mouse read row by row, t-SNE with hover and brushing, a download `lstmkit evaluate` reads, a model kept in IndexedDB across a reload; no main-thread task over 200 ms', async () => {
    await withPage(async (p) => {
      await loadData(p.page, 'mnist');
      expect(await p.page.locator('#data-info').textContent()).toContain('8,000 train, 2,000 held out');
      await shot(p, 'data');
      await tab(p, 'Model');
      await p.page.getByLabel('units').fill('32');
      // LSTM(32) on 28 features + Dense(10): 4·(32·(28+32)+32) + 32·10+10, as Keras counts.
      await expect.poll(() => p.page.locator('#param-count strong').textContent()).toBe((4 * (32 * 60 + 32) + 330).toLocaleString('en-US'));
      await shot(p, 'model');
      // For the screenshots a model worth looking at (all 8,000 digits, 3 epochs); for the test one short epoch.
      const busy: [number, number][] = []; // when the worker trained or projected: no long main-thread task then
      let from = await p.now();
      await startTraining(p, 'wasm', SHOTS ? { epochs: 3, limit: 0, lr: 0.005 } : { epochs: 1, limit: 1500, lr: 0.01 });
      await p.page.locator('#held-out').waitFor({ timeout: SHOTS ? 600_000 : 60_000 });
      busy.push([from, await p.now()]);
      expect(Number.parseFloat((await p.page.locator('#held-out').textContent())!)).toBeGreaterThan(30);
      expect(await p.page.locator('#train-facts').textContent()).toMatch(SHOTS ? /3 epoch\(s\) on wasm/ : /1 epoch\(s\) on wasm/);
      expect(await p.page.locator('#confusion-chart svg').count()).toBe(1);
      // A confusion opens its misclassified test digits.
      await p.page.getByRole('button', { name: /read as/ }).first().click();
      await p.page.locator('.samples canvas.thumb').first().waitFor();
      await shot(p, 'train');

      // Try: a "1" drawn with mouse events; the model's guess after each of the 28 rows.
      await drawOne(p);
      expect(await p.page.locator('.probabilities li').count()).toBe(10);
      expect(await p.page.locator('#after-rows li').count()).toBe(28);
      await shot(p, 'try');

      // Explore: t-SNE of 150 test digits; hovering a point shows its digit.
      await tab(p, 'Explore');
      await p.page.getByLabel('test samples').fill(SHOTS ? '1000' : '150');
      from = await p.now();
      await p.page.locator('#project').click();
      await p.page.locator('#cluster-quality').waitFor({ timeout: SHOTS ? 600_000 : 60_000 });
      busy.push([from, await p.now()]);
      // A point that nothing (a centroid's marker, another point) covers at its centre, as a user would hover.
      const visible = await p.page.evaluate(() => {
        for (const el of document.querySelectorAll('#projection-chart [data-index]')) {
          const r = el.getBoundingClientRect();
          if (document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest('[data-index]') === el) return el.getAttribute('data-index');
        }
        return null;
      });
      expect(visible).not.toBeNull();
      const point = p.page.locator(`#projection-chart [data-index="${visible}"]`).first();
      await point.hover({ force: true });
      await p.page.locator('#point-tooltip canvas.thumb').waitFor({ timeout: 5_000 });
      expect(await p.page.locator('#point-tooltip').textContent()).toMatch(/^#\d+: \d/);
      await shot(p, 'explore');
      // Brushing: a box dragged over the middle of the plot selects the points in it and shows their digits.
      const frame = (await p.page.locator('#projection-chart').boundingBox())!;
      await p.page.mouse.move(frame.x + 5, frame.y + 5);
      await p.page.mouse.down();
      await p.page.mouse.move(frame.x + frame.width * 0.8, frame.y + frame.height * 0.95, { steps: 4 });
      await p.page.mouse.up();
      await p.page.locator('.samples h3').filter({ hasText: /^\d+ selected$/ }).waitFor({ timeout: 5_000 });
      expect(await p.page.locator('.samples li canvas.thumb').count()).toBeGreaterThan(0);

      // Keep: a download is the CLI's model folder (`lstmkit evaluate` reads it); saved in IndexedDB, it is
      // still listed after a reload.
      await tab(p, 'Keep');
      const folder = mkdtempSync(join(tmpdir(), 'lstmkit-page-model-'));
      const downloads: Download[] = [];
      p.page.on('download', (d) => downloads.push(d));
      await p.page.locator('#download-model').click();
      await expect.poll(() => downloads.length).toBe(3);
      for (const d of downloads) await d.saveAs(join(folder, d.suggestedFilename()));
      expect(readdirSync(folder).sort()).toEqual(['lstmkit.json', 'model.json', 'weights.bin']);
      const evaluated = JSON.parse(cli('evaluate', '--model', folder, '--json'));
      expect(evaluated.testAccuracy).toBeGreaterThan(0.3);
      await p.page.getByLabel('name').fill('digits-lstm32');
      await p.page.locator('#save-model').click();
      await p.page.locator('#saved-models td').filter({ hasText: 'digits-lstm32' }).waitFor();
      await shot(p, 'keep');

      const during = (await p.longTasks()).filter((t) => busy.some(([a, b]) => t.start + t.duration > a && t.start < b));
      expect(Math.max(0, ...during.map((t) => t.duration)), JSON.stringify(during)).toBeLessThan(200);
      await phoneShots(p);
      await p.page.reload();
      await tab(p, 'Keep');
      await p.page.locator('#saved-models td').filter({ hasText: 'digits-lstm32' }).waitFor();
    });
  });

  it('opens a model that `lstmkit train` saved (the files of its folder) and reads a drawn digit with it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lstmkit-cli-model-'));
    cli('train', '--dataset', 'mnist', '--limit', '400', '--units', '16', '--epochs', '1', '--batch-size', '50', '--out', folder, '--quiet');
    await withPage(async (p) => {
      await tab(p, 'Keep');
      await p.page.locator('#model-files').setInputFiles(readdirSync(folder).filter((f) => /\.(json|bin)$/.test(f)).map((f) => join(folder, f)));
      await p.page.locator('#keep-message').waitFor();
      expect(await drawOne(p)).toMatch(/^\d$/);
    });
  });

  it('pauses, resumes and stops a run at once when asked, and still scores the model', async () => {
    await withPage(async (p) => {
      await loadData(p.page, 'echo');
      await tab(p, 'Model');
      await p.page.locator('#param-count').waitFor();
      await startTraining(p, 'wasm', { epochs: 50, limit: 4000 });
      await p.page.locator('#train-progress').waitFor();
      await p.page.locator('#pause').click();
      await p.page.getByRole('button', { name: 'Resume' }).waitFor();
      await p.page.waitForTimeout(400); // the batch that was running when the page asked finishes
      const paused = await p.page.locator('#train-progress progress').getAttribute('value');
      await p.page.waitForTimeout(700);
      expect(await p.page.locator('#train-progress progress').getAttribute('value')).toBe(paused);
      await p.page.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => p.page.locator('#train-progress progress').getAttribute('value')).not.toBe(paused);
      await p.page.locator('#stop').click();
      await p.page.locator('#held-out').waitFor({ timeout: 30_000 });
      expect(await p.page.locator('#train-facts').textContent()).toMatch(/^stopped by you after \d+ batches; \d+ epoch\(s\)/);
    });
  });

  it('reads a dropped CSV in the worker, and shows a ragged row as an error naming the file and line', async () => {
    await withPage(async (p) => {
      const drop = (name: string, text: string) =>
        p.page.locator('#dropzone').evaluate(
          (zone, [n, t]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([t!], n!, { type: 'text/csv' }));
            zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          },
          [name, text],
        );
      const rows = ['x1,x2,x3,x4,label', ...Array.from({ length: 30 }, (_, i) => `${i},${i % 3},${i % 5},${i / 4},${i % 2}`)];
      await drop('good.csv', rows.join('\n'));
      await p.page.locator('#data-info dd').first().filter({ hasText: 'csv' }).waitFor();
      expect(await p.page.locator('#data-info').textContent()).toContain('binary');
      rows[9] = '1,2,3';
      await drop('ragged.csv', rows.join('\n'));
      await expect.poll(() => p.page.locator('#file-error').textContent()).toBe('ragged.csv:10: expected 5 columns, got 3');
    });
  });

  it('trains on each browser backend the picker offers: webgpu (SwiftShader here), webgl (SwiftShader), wasm and cpu', async () => {
    await withPage(async (p) => {
      await loadData(p.page, 'echo');
      await tab(p, 'Model');
      await p.page.getByLabel('units').fill('8');
      await p.page.locator('#param-count').waitFor();
      expect(await p.page.locator('#panel-Train input[name=backend]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
      for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
        await startTraining(p, backend, { epochs: 1, limit: 128 });
        await p.page.locator('#train-facts').filter({ hasText: `on ${backend}` }).waitFor({ timeout: 60_000 });
        // The LSTM's fused kernel: lstmkit's WGSL shaders in the browser's own WebGPU, the WebAssembly build on wasm.
        if (backend === 'webgpu') expect(await p.page.locator('#train-facts').textContent()).toContain('recurrent layers: WGSL compute shaders (webgpu)');
        if (backend === 'wasm') expect(await p.page.locator('#train-facts').textContent()).toMatch(/recurrent layers: wasm SIMD128 \([2-9]\d* threads\)/);
      }
    });
  });
});
