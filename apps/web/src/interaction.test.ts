import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, loadData, open, servedPage, startTraining, tab, type OpenPage } from './e2e.js';

// The page's interactions beyond the mouse, in headless Chromium on the built page: the Explore chart's centroids,
// zoom and pan (wheel, buttons, keys), drawing with the keyboard, the backend comparison, and axe-core's
// accessibility rules at desktop and phone width. Small subsets keep the file around half a minute. Skips with a
// message without Chromium or a build, as page.test.ts does.
const { why, url } = servedPage();

// LSTMKIT_SCREENSHOTS=dir saves the README's screenshots of the parts tested here (web-<part>.png).
const SHOTS = process.env.LSTMKIT_SCREENSHOTS;
const shot = async (page: Page, name: string) => void (SHOTS && (await page.screenshot({ path: `${SHOTS}/web-${name}.png`, fullPage: true })));
const TABS = ['Data', 'Model', 'Train', 'Try', 'Explore', 'Keep'];

/** The Explore chart's view transform: its scale and translation. */
async function viewOf(page: Page): Promise<{ scale: number; x: number; y: number }> {
  const style = (await page.locator('.scatter-inner').getAttribute('style')) ?? '';
  const [, x, y, scale] = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(style) ?? [];
  return { scale: Number(scale), x: Number(x), y: Number(y) };
}

/** A point of the chart drawn inside its frame now (its index and its centre on the page). */
async function visiblePoint(page: Page): Promise<{ index: number; x: number; y: number }> {
  return page.locator('#projection-chart').evaluate((frame) => {
    const r = frame.getBoundingClientRect();
    for (const el of frame.querySelectorAll('[data-index]')) {
      const p = el.getBoundingClientRect();
      const [x, y] = [p.left + p.width / 2, p.top + p.height / 2];
      if (x > r.left + 20 && x < r.right - 20 && y > r.top + 20 && y < r.bottom - 20 && document.elementFromPoint(x, y)?.closest('[data-index]') === el) {
        return { index: Number(el.getAttribute('data-index')), x, y };
      }
    }
    throw new Error('no point is visible in the chart');
  });
}

/** The ink on the Try tab's canvas: how many of its pixels are drawn on. */
const ink = (page: Page) =>
  page.locator('#draw').evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((v, i) => i % 4 === 3 && v > 0).length);

/** A vertical stroke on `selector` by a finger or a pen (with its pressure), as Chromium's input pipeline makes them (DevTools protocol). */
async function strokeBy(p: OpenPage, pointer: 'touch' | 'pen', selector: string, force = 1) {
  const cdp = await p.context.newCDPSession(p.page);
  const box = (await p.page.locator(selector).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = (i: number) => box.y + box.height * (0.15 + 0.07 * i);
  for (let i = 0; i <= 10; i++) {
    if (pointer === 'touch') await cdp.send('Input.dispatchTouchEvent', { type: i ? 'touchMove' : 'touchStart', touchPoints: [{ x, y: y(i), id: 1 }] });
    else await cdp.send('Input.dispatchMouseEvent', { type: i ? 'mouseMoved' : 'mousePressed', x, y: y(i), button: 'left', buttons: 1, clickCount: 1, pointerType: 'pen', force });
  }
  if (pointer === 'touch') await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  else await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y: y(10), button: 'left', clickCount: 1, pointerType: 'pen' });
  await cdp.detach();
}

/** Two fingers on `selector` spread from 40 px to 120 px apart about its centre. */
async function pinchOut(p: OpenPage, selector: string) {
  const cdp = await p.context.newCDPSession(p.page);
  const box = (await p.page.locator(selector).boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const fingers = (d: number) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
  for (const d of [60, 80, 100, 120]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(d) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** axe-core's serious and critical findings on every tab at the viewport's width. */
async function violationsOnEveryTab(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const t of TABS) {
    await tab(page, t);
    found.push(...(await accessibilityViolations(page)).map((v) => `${t}: ${v}`));
  }
  return found;
}

describe.skipIf(!!why)('the web app without a mouse, and its accessibility', () => {
  it('Explore: k-means or class centroids drawn, zoom and pan by wheel, buttons and keys with points hoverable after; Try: a digit drawn with the keyboard, a finger and a pen; tabs by arrow keys; no axe-core violation above minor on any tab, empty or filled in, at desktop or phone width', async () => {
    const p = await open(url());
    try {
      const { page } = p;
      // The tabs by keyboard: the arrow keys move between them, with a visible focus ring.
      await page.getByRole('tab', { name: 'Data' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('tab', { name: 'Model' }).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement!.id)).toBe('tab-Model');
      await page.keyboard.press('End');
      expect(await page.evaluate(() => [document.activeElement!.id, getComputedStyle(document.activeElement!).outlineStyle])).toEqual(['tab-Keep', 'solid']);
      // Before any data: every tab's empty state.
      await page.locator('#backend-wasm').waitFor({ state: 'attached' });
      expect(await violationsOnEveryTab(page)).toEqual([]);
      // For the screenshots a model worth looking at (all 8,000 digits, 3 epochs); for the test 600 digits, one epoch.
      await loadData(page, 'mnist', SHOTS ? 0 : 600);
      await tab(page, 'Model');
      await page.getByLabel('units').fill(SHOTS ? '32' : '16');
      await page.locator('#param-count').waitFor();
      await startTraining(page, 'wasm', SHOTS ? { epochs: 3, limit: 0, lr: 0.005 } : { epochs: 1, limit: 600, lr: 0.01 });
      await page.locator('#held-out').waitFor({ timeout: SHOTS ? 600_000 : 60_000 });

      // Try: a "1" drawn with the keyboard only: pen down, eighteen cells down, pen up.
      await tab(page, 'Try');
      await page.locator('#draw').focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 18; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      expect(await page.locator('#draw-cursor').textContent()).toBe('cursor at row 23, column 15, pen up');
      await expect.poll(() => page.locator('#prediction').textContent(), { timeout: 10_000 }).toMatch(/^\d$/);
      expect(await page.locator('.headline[aria-live="polite"]').textContent()).toMatch(/^prediction \d$/);
      await shot(page, 'try-keyboard');
      // A finger and a pen draw too (Pointer Events); a pen pressed harder draws a wider line.
      await page.locator('#clear').click();
      await strokeBy(p, 'touch', '#draw');
      await expect.poll(() => page.locator('#prediction').textContent(), { timeout: 10_000 }).toMatch(/^\d$/);
      await page.locator('#clear').click();
      await strokeBy(p, 'pen', '#draw', 0.05);
      const light = await ink(page);
      await page.locator('#clear').click();
      await strokeBy(p, 'pen', '#draw', 1);
      expect(await ink(page)).toBeGreaterThan(light * 1.15);

      // Explore: 120 test digits, k-means with k = 4; its four centroids are drawn, or the ten classes' on request.
      await tab(page, 'Explore');
      await page.getByLabel('test samples').fill(SHOTS ? '1000' : '120');
      await page.getByLabel('k-means clusters').fill('4');
      const from = await p.now();
      await page.locator('#project').click();
      await page.locator('#cluster-quality').waitFor({ timeout: SHOTS ? 600_000 : 60_000 });
      const projecting = [from, await p.now()] as const;
      const centroids = () => page.locator('#projection-chart [data-centroid]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(await centroids()).toHaveLength(4);
      for (const label of await centroids()) expect(label).toMatch(/^centroid c[0-3]→\d$/);
      expect(await page.locator('#cluster-quality').textContent()).toMatch(/k-means clusters4purity0\.\d+NMI/);
      await page.getByRole('radio', { name: 'classes' }).check();
      expect((await centroids()).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `centroid ${i}`));
      await page.getByRole('radio', { name: 'k-means (k=4)' }).check();
      expect(await centroids()).toHaveLength(4);

      // Zoom: the buttons, the wheel about the pointer, the keys; a point drawn in the frame still shows its digit.
      expect(await viewOf(page)).toEqual({ scale: 1, x: 0, y: 0 });
      await page.locator('#zoom-in').click();
      expect((await viewOf(page)).scale).toBeCloseTo(1.25);
      expect(await page.locator('#zoom-level').textContent()).toBe('125%');
      const frame = (await page.locator('#projection-chart').boundingBox())!;
      await page.mouse.move(frame.x + frame.width / 3, frame.y + frame.height / 3);
      await page.mouse.wheel(0, -400);
      await expect.poll(async () => (await viewOf(page)).scale).toBeGreaterThan(3);
      const point = await visiblePoint(page);
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => page.locator('#point-tooltip').textContent(), { timeout: 5_000 }).toMatch(new RegExp(`^#${point.index}: \\d`));
      await page.locator('#point-tooltip canvas.thumb').waitFor();
      await shot(page, 'explore-zoomed');
      await page.locator('#projection-chart').focus();
      const before = await viewOf(page);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      expect(await viewOf(page)).toEqual({ ...before, x: before.x - 40, y: before.y - 40 });
      await page.keyboard.press('-');
      expect((await viewOf(page)).scale).toBeCloseTo(before.scale * 0.8);
      await page.keyboard.press('0');
      expect(await viewOf(page)).toEqual({ scale: 1, x: 0, y: 0 });
      // Two fingers spread three times as far apart: about three times the zoom, about their midpoint.
      await pinchOut(p, '#projection-chart');
      expect((await viewOf(page)).scale).toBeCloseTo(3, 1);
      await page.locator('#zoom-reset').click();

      // Pan by dragging (pan mode): the view moves and nothing is selected; Enter shows the points in view.
      await page.getByRole('radio', { name: 'pan' }).check();
      await page.mouse.move(frame.x + 100, frame.y + 100);
      await page.mouse.down();
      await page.mouse.move(frame.x + 160, frame.y + 130, { steps: 3 });
      await page.mouse.up();
      expect(await viewOf(page)).toEqual({ scale: 1, x: 60, y: 30 });
      expect(await page.locator('.samples').count()).toBe(0);
      await page.locator('#zoom-reset').click();
      await page.locator('#projection-chart').focus();
      await page.keyboard.press('Enter');
      await page.locator('.samples h3').filter({ hasText: /^48 selected$/ }).waitFor({ timeout: 5_000 });

      const during = (await p.longTasks()).filter((t) => t.start + t.duration > projecting[0] && t.start < projecting[1]);
      expect(Math.max(0, ...during.map((t) => t.duration)), JSON.stringify(during)).toBeLessThan(200);

      // Every tab, filled in, at desktop and at a phone's width.
      expect(await violationsOnEveryTab(page)).toEqual([]);
      await page.setViewportSize({ width: 375, height: 812 });
      expect(await violationsOnEveryTab(page)).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('Train: the same model timed on wasm and cpu, ms per step side by side', async () => {
    const p = await open(url());
    try {
      const { page } = p;
      await loadData(page, 'echo', 200);
      await tab(page, 'Model');
      await page.getByLabel('units').fill('8');
      await page.locator('#param-count').waitFor();
      await tab(page, 'Train');
      await page.getByLabel('batch size').fill('16');
      for (const b of ['webgpu', 'webgl']) await page.locator(`input[name=compare-backend][value=${b}]`).uncheck();
      await page.locator('#compare').click();
      await page.locator('#compare-table tbody tr').nth(1).waitFor({ timeout: 60_000 });
      const rows = await page.locator('#compare-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      expect(rows.map((r) => r[0])).toEqual(['wasm', 'cpu']);
      for (const [, ms, ratio] of rows) {
        expect(Number(ms)).toBeGreaterThan(0);
        expect(ratio).toMatch(/^\d+\.\d\d×$/);
      }
      expect(rows.map((r) => r[2])).toContain('1.00×');
      expect(await page.locator('#compare').isEnabled()).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await shot(page, 'compare');
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
