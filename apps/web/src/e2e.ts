// Helpers of the browser tests: the built page (dist) served on localhost, opened in Debian's Chromium with
// playwright-core, recording page errors, console errors and main-thread long tasks.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** Why the browser tests cannot run here, or undefined when they can. */
export function missing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(join(DIST, 'index.html'))) return `${DIST} is not built (pnpm build)`;
  return undefined;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.bin': 'application/octet-stream' };
/** What vite.config.ts serves the page with: cross-origin isolation, for SharedArrayBuffer (wasm threads). */
export const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Serves dist on localhost; returns its URL and the server (close it when done). */
export function serve(headers: Record<string, string> = ISOLATED): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = join(DIST, req.url === '/' || req.url?.startsWith('/?') ? 'index.html' : decodeURIComponent(req.url!.split('?')[0]!));
    if (!path.startsWith(DIST) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}

/**
 * The built page served for one test file's browser tests (started before them, closed after): why they skip (or
 * undefined) and its URL. Without Chromium or a build they skip with a message, unless CI requires the browser
 * (LSTMKIT_REQUIRE_WEBGPU).
 */
export function servedPage(): { why: string | undefined; url: () => string } {
  const why = missing();
  if (why) {
    if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but ${why}`);
    console.warn(`skipping browser tests: ${why}`);
  }
  let served: { url: string; server: Server } | undefined;
  beforeAll(async () => void (served = why ? undefined : await serve()));
  afterAll(() => served?.server.close());
  return { why, url: () => served!.url };
}

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Page errors and console errors so far. */
  readonly errors: string[];
  /** Every response so far: its path and its size gzipped (what a compressing server sends). */
  readonly fetched: { path: string; gzipBytes: number }[];
  /** The main thread's long tasks so far (PerformanceObserver 'longtask'): start and duration in ms. */
  longTasks(): Promise<{ start: number; duration: number }[]>;
  /** The page's clock (performance.now()), to mark when something starts and ends. */
  now(): Promise<number>;
  close(): Promise<void>;
}

/** A fresh headless Chromium profile (or `profile`, to reopen one) on `url`. */
export async function open(url: string, profile = mkdtempSync(join(tmpdir(), 'lstmkit-chromium-')), viewport = { width: 1280, height: 900 }): Promise<OpenPage & { profile: string }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const fetched: { path: string; gzipBytes: number }[] = [];
  // Worker scripts and the wasm they fetch count too: they are requests of the page's context.
  context.on('response', async (r) => {
    const body = await r.body().catch(() => undefined);
    if (body) fetched.push({ path: new URL(r.url()).pathname, gzipBytes: gzipSync(body).length });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  return {
    page,
    context,
    errors,
    fetched,
    profile,
    longTasks: () => page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks),
    now: () => page.evaluate(() => performance.now()),
    close: () => context.close(),
  };
}

/** Loads a dataset by name from the Data tab (with `limit` training samples) and waits until it is loaded. */
export async function loadData(page: Page, name: string, limit = 0): Promise<void> {
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByLabel('dataset').selectOption(name);
  await page.getByLabel('training samples').first().fill(String(limit));
  await page.locator('#load-data').click();
  await page.locator('#data-info dd').first().filter({ hasText: name }).waitFor({ timeout: 60_000 });
}

/** Opens a tab of the page by its name. */
export const tab = (page: Page, name: string): Promise<void> => page.getByRole('tab', { name }).click();

/** Sets the Train tab's fields and starts a run on `backend`. */
export async function startTraining(page: Page, backend: string, o: { epochs: number; limit: number; lr?: number }): Promise<void> {
  await tab(page, 'Train');
  await page.getByRole('radio', { name: backend, exact: true }).check();
  await page.getByLabel('epochs').fill(String(o.epochs));
  await page.locator('#train-limit').fill(String(o.limit));
  if (o.lr) await page.getByLabel('learning rate').fill(String(o.lr));
  await page.locator('#start').click();
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's moderate, serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules): rule, impact, where. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact !== 'minor').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 4).join(', ')}`);
}
