// Training speed of W1 (LSTM(128) on 28x28 MNIST rows -> Dense(10), Adam, batch 128) in Chromium: stock
// tfjs-layers and lstmkit on tfjs' wasm backend, with the fused kernels off and with their WebAssembly build on 1
// and 2 threads (the page served cross-origin isolated, so it has SharedArrayBuffer); beside them, in the same run,
// lstmkit in Node with the native addon and PyTorch CPU, the baselines of the ratios.
//   pnpm bench:browser                 # ~3 min on 2 cores
//   STEPS=n pnpm bench:browser         # timed steps per engine (default 20; the stock LSTM gets 5)
// Needs Debian's Chromium (/usr/bin/chromium; CHROMIUM=path) and, for the PyTorch row, `pnpm bench:setup`.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { EPOCH, kernelShort, runEngine, torchMissing, writeDigits } from './engines.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const STEPS = Number(process.env.STEPS ?? 20);
const BATCH = 128;
if (!existsSync(CHROMIUM)) {
  console.error(`bench:browser: ${CHROMIUM} is missing (apt-get install chromium, or CHROMIUM=path)`);
  process.exit(1);
}

// The page (bench/browser/page.js, made of the packages' built dist) bundled by Vite, as an app would be.
const dist = mkdtempSync(join(tmpdir(), 'lstmkit-bench-page-'));
await build({ root: fileURLToPath(new URL('browser', import.meta.url)), logLevel: 'error', build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 8000 } });
const data = await writeDigits();

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  const file = path.startsWith('/data/') ? join(data, path.slice(6)) : join(dist, path === '/' ? 'index.html' : path);
  if (!existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...ISOLATED }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;

/** One engine in a fresh headless Chromium profile: its JSON result or { error }. */
async function inChromium(query) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lstmkit-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}?${query}`);
    await page.waitForFunction(() => 'benchResult' in window, null, { timeout: 60_000 });
    return await page.evaluate(() => window.benchResult);
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

const rows = [
  { label: 'PyTorch CPU, 1 thread (Node side)', torch: true, run: () => (torchMissing() ? { error: torchMissing() } : runEngine({ engine: 'pytorch', model: 'vanilla', batch: BATCH, steps: 40, threads: 1 }, data)) },
  { label: 'lstmkit in Node, native addon', native: true, run: () => runEngine({ engine: 'lstmkit', backend: 'wasm', model: 'vanilla', batch: BATCH, steps: 40 }, data) },
  { label: 'Chromium: stock tfjs-layers (wasm)', run: () => inChromium(`engine=stock&steps=5`) },
  { label: 'Chromium: lstmkit wasm, fused kernel off', fusedOff: true, run: () => inChromium(`engine=lstmkit&fused=off&steps=8`) },
  { label: 'Chromium: lstmkit wasm', run: () => inChromium(`engine=lstmkit&threads=1&steps=${STEPS}`) },
  { label: 'Chromium: lstmkit wasm', run: () => inChromium(`engine=lstmkit&threads=2&steps=${STEPS}`) },
];

const pad = (s, n) => String(s).padStart(n);
const version = (await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox'] }).then(async (b) => [b.version(), await b.close()]))[0];
console.log(`lstmkit bench:browser — ${new Date().toISOString().slice(0, 10)}, Chromium ${version}, Node ${process.versions.node}; W1 LSTM(128) -> Dense(10), batch ${BATCH}; s/epoch = 60,000 samples`);
console.log(`${'engine'.padEnd(52)}${pad('ms/step', 9)}${pad('s/epoch', 9)}${pad('vs torch', 10)}${pad('vs native', 11)}`);
let torch, native;
for (const row of rows) {
  const r = await row.run();
  const kernel = row.fusedOff ? undefined : kernelShort(r.fusedLstm);
  const label = `${row.label}${kernel && !row.native ? `, LSTM on ${kernel}` : ''}`;
  if (r.error) {
    console.log(`${label.padEnd(52)}skipped: ${r.error}`);
    continue;
  }
  const perEpoch = ((EPOCH / BATCH) * r.msPerStep) / 1000;
  if (row.torch) torch = perEpoch;
  if (row.native && kernel?.startsWith('native')) native = perEpoch;
  const ratio = (to) => (to ? `${(perEpoch / to).toFixed(2)}x` : '-');
  console.log(`${label.padEnd(52)}${pad(r.msPerStep.toFixed(1), 9)}${pad(perEpoch.toFixed(1), 9)}${pad(ratio(torch), 10)}${pad(ratio(native), 11)}`);
  if (row.native && !kernel?.startsWith('native')) console.log(`    the native addon did not run: ${r.fusedLstm}`);
  if (r.crossOriginIsolated === false) console.log('    the page was not cross-origin isolated');
}
server.close();
