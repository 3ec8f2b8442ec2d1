// Seconds per epoch of W1 (LSTM(128) on 28x28 MNIST rows -> Dense(10), Adam, batch 128) in the web app, on the
// 8,000 embedded training digits, on each browser backend, driven through the page itself in Debian's Chromium
// (the W1 preset, one epoch, no validation); and, in the same run on the same machine, the CLI's figure for the
// same training (`lstmkit train`, Node, auto backend), the baseline of the ratios.
//   pnpm bench:web                          # needs `pnpm build` (the script runs it); ~5 min on 2 cores
//   BACKENDS=wasm,webgl pnpm bench:web      # the backends to time (default webgpu,webgl,wasm)
//   MAX_SECONDS=n pnpm bench:web            # a run still going after n s (default 180; an emulated GPU) is stopped
//                                           # and its s/epoch taken from the page's samples/s so far
// Needs Debian's Chromium (/usr/bin/chromium; CHROMIUM=path).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BACKENDS = (process.env.BACKENDS ?? 'webgpu,webgl,wasm').split(',');
const MAX_SECONDS = Number(process.env.MAX_SECONDS ?? 180);
const TRAIN = 8000;
const web = fileURLToPath(new URL('../apps/web', import.meta.url));
if (!existsSync(CHROMIUM)) {
  console.error(`bench:web: ${CHROMIUM} is missing (apt-get install chromium, or CHROMIUM=path)`);
  process.exit(1);
}
if (!existsSync(join(web, 'dist/index.html'))) {
  console.error('bench:web: apps/web/dist is not built (pnpm build)');
  process.exit(1);
}

// The built page as vite.config.ts previews it (cross-origin isolated, so wasm has SharedArrayBuffer).
const server = await preview({ root: web, logLevel: 'error', preview: { port: 0, host: '127.0.0.1' } });
const origin = server.resolvedUrls.local[0];

/** One epoch of W1 in the page on `backend`, in a fresh Chromium profile: seconds per epoch, or an error. */
async function inPage(backend) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lstmkit-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin);
    await page.getByLabel('dataset').selectOption('mnist');
    await page.locator('#load-data').click();
    await page.locator('#data-info dd').first().filter({ hasText: 'mnist' }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'W1', exact: true }).click();
    await page.locator('#param-count').filter({ hasText: '81,674' }).waitFor();
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByRole('radio', { name: backend, exact: true }).check({ timeout: 10_000 });
    await page.getByLabel('epochs').fill('1');
    await page.getByLabel('validation split').fill('0');
    await page.locator('#start').click();
    const done = await page.locator('#seconds-per-epoch').waitFor({ timeout: MAX_SECONDS * 1000 }).then(() => true, () => false);
    if (!done) {
      // Too slow for a whole epoch here: the rate over the batches so far (the page's own samples/s), then stop.
      const progress = await page.locator('#train-progress').textContent();
      const [, batch, batches] = progress.match(/batch (\d+)\/(\d+)/);
      const rate = Number(progress.match(/(\d+) samples\/s/)[1]);
      await page.locator('#stop').click();
      await page.locator('#train-facts').waitFor({ timeout: 10 * 60_000 });
      return { seconds: TRAIN / rate, accuracy: '—', facts: `${(await page.locator('#train-facts').textContent()).replace(/^stopped by you[^;]*; /, '')} — estimated from ${batch} of ${batches} batches in ${MAX_SECONDS} s` };
    }
    const facts = await page.locator('#train-facts').textContent();
    return { seconds: Number.parseFloat(await page.locator('#seconds-per-epoch').textContent()), accuracy: await page.locator('#held-out').textContent(), facts };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

/** The CLI on the same training, in Node: seconds per epoch from its JSON result. */
function cli() {
  const out = mkdtempSync(join(tmpdir(), 'lstmkit-bench-web-cli-'));
  const r = spawnSync(process.execPath, ['apps/cli/dist/bin.js', 'train', '--dataset', 'mnist', '--model', 'vanilla', '--units', '128', '--epochs', '1', '--batch-size', '128', '--seed', '0', '--json', '--quiet', '--out', out], { encoding: 'utf8', timeout: 30 * 60_000 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').at(-1) };
  const j = JSON.parse(r.stdout);
  return { seconds: j.secondsPerEpoch, accuracy: `${(100 * j.testAccuracy).toFixed(2)}%`, facts: `Node, ${j.backend}` };
}

console.log(`W1 on the 8,000 embedded training digits, 1 epoch, batch 128; ${cpus().length} cores (${cpus()[0].model}), load ${loadavg()[0].toFixed(1)}`);
const baseline = cli();
console.log('| engine | s / epoch | vs CLI | held-out accuracy | ran on |\n| --- | ---: | ---: | ---: | --- |');
// One at a time, so no two runs share the cores.
for (const [name, run] of [['CLI (Node)', () => baseline], ...BACKENDS.map((b) => [`page, ${b}`, () => inPage(b)])]) {
  const r = await run();
  if (r.error) console.log(`| ${name} | — | | | ${r.error} |`);
  else console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${baseline.seconds ? `${(r.seconds / baseline.seconds).toFixed(2)}×` : ''} | ${r.accuracy} | ${r.facts.replace(/\s+/g, ' ')} |`);
}
await server.close();
