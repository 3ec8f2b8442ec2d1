import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../tests/shared-data.js';
import { open, servedPage, tab as openTab, type OpenPage } from './e2e.js';

// The data a person brings to the page, in Debian's Chromium: the data sets by name through a mirror (here a local
// server of ../shared/data, which has a mirror's layout, sending CORS headers as a real mirror must), a text TSV
// and a time series dropped on the page, each trained for one short epoch and tried. Skips without Chromium, a
// build or the shared data.
const { why: noPage, url: pageUrl } = servedPage();
const why = noPage ?? (hasSharedData('pima') ? undefined : `${SHARED_DATA} is missing`);

/** A server of ../shared/data on localhost, with or without the CORS header a page needs from another origin. */
function mirrorServer(cors: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = join(SHARED_DATA, decodeURIComponent(req.url!.split('?')[0]!));
    if (!file.startsWith(SHARED_DATA) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': statSync(file).size, ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

const servers: Server[] = [];
let mirror = '';
let noCors = '';
beforeAll(async () => {
  if (why) return;
  const started = await Promise.all([mirrorServer(true), mirrorServer(false)]);
  servers.push(...started.map((s) => s.server));
  [mirror, noCors] = started.map((s) => s.url);
});
afterAll(() => servers.forEach((s) => s.close()));

const tab = (p: OpenPage, name: string) => openTab(p.page, name);
const SHOTS = process.env.LSTMKIT_SCREENSHOTS;
const shot = async (p: OpenPage, name: string) => void (SHOTS && (await p.page.screenshot({ path: `${SHOTS}/web-${name}.png`, fullPage: true })));

/**
 * Runs `use` in a fresh Chromium profile, once the page has listed the datasets. No page or console error may occur
 * but those `expected` matches, and no main-thread task may take over 200 ms while data loads, trains or is tried.
 */
async function withPage(use: (p: OpenPage) => Promise<void>, expected?: RegExp): Promise<void> {
  const p = await open(pageUrl());
  try {
    await p.page.getByLabel('dataset').locator('option[value="pima"]').waitFor({ state: 'attached' });
    const from = await p.now();
    await use(p);
    expect(p.errors.filter((e) => !expected?.test(e))).toEqual([]);
    const long = (await p.longTasks()).filter((t) => t.start > from);
    expect(Math.max(0, ...long.map((t) => t.duration)), JSON.stringify(long)).toBeLessThan(200);
  } finally {
    await p.close();
  }
}

/** Drops a file of `kind` on the Data tab's drop zone. */
async function drop(p: OpenPage, kind: 'table' | 'text' | 'series', name: string, text: string) {
  await tab(p, 'Data');
  await p.page.locator(`input[name=file-kind][value=${kind}]`).check();
  await p.page.locator('#dropzone').evaluate(
    (zone, [n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t!], n!));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}

/** One short epoch on wasm from the Train tab; waits for the held-out figures. */
async function trainOneEpoch(p: OpenPage, batchSize = 32) {
  await tab(p, 'Train');
  await p.page.getByRole('radio', { name: 'wasm', exact: true }).check();
  await p.page.getByLabel('epochs').fill('1');
  await p.page.getByLabel('batch size').fill(String(batchSize));
  await p.page.locator('#start').click();
  await p.page.locator('#held-out').waitFor({ timeout: 90_000 });
}

describe.skipIf(!!why)("the page's data: by name through a mirror, and dropped files", () => {
  it('W2 in one click: pima through the mirror set in the Data tab (kept across a reload), its model with the first layer\'s own settings, trained; a mirror without CORS headers is named', async () => {
    await withPage(async (p) => {
      await tab(p, 'Data');
      await p.page.getByLabel('mirror').fill(noCors);
      await p.page.getByLabel('mirror').press('Tab');
      await p.page.getByLabel('dataset').selectOption('pima');
      await p.page.locator('#load-data').click();
      await expect.poll(() => p.page.locator('#panel-Data .error').textContent(), { timeout: 20_000 }).toMatch(/pima-indians-diabetes\.data\.csv: download failed \(Failed to fetch\); check that the mirror .* sends Access-Control-Allow-Origin/);
      await p.page.getByLabel('mirror').fill(mirror);
      await p.page.getByLabel('mirror').press('Tab');
      await p.page.reload();
      await tab(p, 'Data');
      expect(await p.page.getByLabel('mirror').inputValue()).toBe(mirror);

      await tab(p, 'Model');
      await p.page.getByRole('button', { name: 'W2', exact: true }).click();
      await p.page.locator('#preset-status').filter({ hasText: 'pima: 614 train / 154 test loaded' }).waitFor({ timeout: 30_000 });
      expect(await p.page.locator('#layer-settings').textContent()).toContain('layer 1: activation relu, dropout 0.4');
      // Keras' count for W2: LSTM(1) on 2 features 16, BatchNorm 4, LSTM(1) 12, BatchNorm 4, Dense(1) 2.
      await expect.poll(() => p.page.locator('#param-count strong').textContent()).toBe('38');
      expect(await p.page.locator('#data-info').textContent()).toContain('4 timesteps × 2 features');
      await shot(p, 'model-preset');
      await trainOneEpoch(p, 8);
      expect(await p.page.locator('#train-facts').textContent()).toMatch(/1 epoch\(s\) on wasm/);
    }, /blocked by CORS policy|Failed to load resource/);
  });

  it('text: a bad TSV shows its line-numbered error; a good one trains a tiny model, and a sentence typed in Try gets a probability', async () => {
    const lines = readFileSync(join(SHARED_DATA, 'imdb/imdb-train-2k.tsv'), 'utf8').split('\n');
    const reviews = [lines[0]!, ...lines.slice(1, 301)];
    const ragged = [...reviews];
    ragged[5] = '7\t1\tno rating and an extra\tcolumn\there';
    await withPage(async (p) => {
      await drop(p, 'text', 'ragged.tsv', ragged.join('\n'));
      await expect.poll(() => p.page.locator('#file-error').textContent()).toBe('ragged.tsv:6: expected 4 columns, got 5');
      await p.page.getByLabel('words per text').fill('40');
      await drop(p, 'text', 'reviews.tsv', reviews.join('\n'));
      await p.page.locator('#data-info dd').first().filter({ hasText: 'text' }).waitFor();
      expect(await p.page.locator('#data-info').textContent()).toContain('40 timesteps × 1 features');
      await shot(p, 'data-text');
      await tab(p, 'Model');
      await p.page.getByLabel('units').fill('8');
      await p.page.getByLabel('embedding.dim', { exact: true }).fill('8');
      // Embedding(1024 words, 8) is 8,192; LSTM(8) on 8: 544; Dense(1): 9.
      await expect.poll(() => p.page.locator('#param-count strong').textContent()).toBe('8,745');
      await trainOneEpoch(p);
      await tab(p, 'Try');
      await p.page.locator('#try-text').fill('A wonderful film with great acting, I loved it');
      await p.page.locator('#try-tokens .known').first().waitFor({ timeout: 10_000 });
      expect(await p.page.locator('.probabilities li').count()).toBe(2);
      expect(await p.page.locator('.probabilities .value').first().textContent()).toMatch(/^\d+\.\d%$/);
      await shot(p, 'try-text');
    });
  });

  it('time series: a dropped series trains, and Try draws the forecast after it', async () => {
    const series = readFileSync(join(SHARED_DATA, 'timeseries/airline-passengers.csv'), 'utf8');
    await withPage(async (p) => {
      await drop(p, 'series', 'airline-passengers.csv', series);
      await p.page.locator('#data-info dd').first().filter({ hasText: 'timeseries' }).waitFor();
      expect(await p.page.locator('#data-info').textContent()).toContain('12 timesteps × 1 features');
      await tab(p, 'Model');
      await p.page.getByLabel('units').fill('8');
      await p.page.locator('#param-count').waitFor();
      await trainOneEpoch(p, 16);
      await tab(p, 'Try');
      await p.page.locator('#forecast-chart svg').waitFor({ timeout: 20_000 });
      expect((await p.page.locator('#forecast-values').textContent())!.match(/-?\d+(\.\d+)?/g)!.length).toBeGreaterThanOrEqual(6);
      await shot(p, 'try-forecast');
    });
  });
});
