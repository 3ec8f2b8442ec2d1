import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './charts/confusion-matrix.js';
import { embeddingScatter } from './charts/embedding-scatter.js';
import { forecastChart } from './charts/forecast.js';
import { hiddenStateHeatmap } from './charts/hidden-state-heatmap.js';
import { trainingCurves } from './charts/training-curves.js';
import { renderPng, writeChart } from './node.js';
import { listCharts } from './index.js';
import { renderSvg } from './render.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('charts', () => {
  it('are registered by name', () => {
    expect(listCharts().map((c) => c.name)).toEqual(['training-curves', 'confusion-matrix', 'embedding-scatter', 'forecast', 'hidden-state-heatmap']);
  });

  it('training curves: a loss and an accuracy panel, training and validation', async () => {
    const history = [0, 1, 2].map((epoch) => ({ epoch, loss: 1 / (epoch + 1), accuracy: 0.5 + epoch / 10, val_loss: 1.1 / (epoch + 1), val_accuracy: 0.45 + epoch / 10 }));
    const svg = await renderSvg(trainingCurves.spec({ history, title: 'run 7' }));
    for (const text of ['run 7', 'loss', 'accuracy', 'training', 'validation', 'epoch']) expect(svg).toContain(`>${text}<`);
    // Regression histories have MAE instead of accuracy.
    const reg = await renderSvg(trainingCurves.spec({ history: [{ epoch: 0, loss: 2, mae: 1 }] }));
    expect(reg).toContain('>mae<');
    expect(reg).not.toContain('>accuracy<');
    expect(reg).not.toContain('>validation<'); // no validation data, no legend entry for it
  });

  it('confusion matrix: every count in its cell, and each cell says its classes and count for a page to open', async () => {
    const svg = await renderSvg(confusionMatrix.spec({ matrix: [[5, 1], [2, 7]], classNames: ['cat', 'dog'] }));
    for (const text of ['cat', 'dog', '5', '1', '2', '7', 'actual', 'predicted']) expect(svg).toContain(`>${text}<`);
    const cells = [...svg.matchAll(/<path data-true="(\d+)" data-pred="(\d+)" data-count="(\d+)" aria-label="([^"]*)"/g)].map((m) => m.slice(1));
    expect(cells).toEqual([
      ['0', '0', '5', 'actual cat, predicted cat: 5'],
      ['0', '1', '1', 'actual cat, predicted dog: 1'],
      ['1', '0', '2', 'actual dog, predicted cat: 2'],
      ['1', '1', '7', 'actual dog, predicted dog: 7'],
    ]);
    expect(svg).not.toContain('lstmkit-data:');
  });

  it('hidden-state heat map: one cell per unit and step with its data, axis titles, a diverging scale centred on 0', async () => {
    const steps = 5;
    const units = 4;
    // Unit u at step t: (t - 2) * (u + 1) / 12, so step 3 (t = 2) is 0 everywhere, and unit 3 spans -0.67..0.67.
    const values = Float32Array.from({ length: steps * units }, (_, i) => ((Math.floor(i / units) - 2) * ((i % units) + 1)) / 12);
    const svg = await renderSvg(hiddenStateHeatmap.spec({ values, steps, units, title: 'LSTM states' }));
    for (const text of ['LSTM states', 'timestep', 'unit', 'state']) expect(svg).toContain(`>${text}<`);
    const cells = [...svg.matchAll(/<path data-unit="(\d+)" data-step="(\d+)" data-value="([-\d.e]+)" aria-label="[^"]*"[^>]* fill="rgb\((\d+), (\d+), (\d+)\)"/g)];
    expect(cells).toHaveLength(steps * units);
    const fill = (unit: number, step: number) => cells.find((m) => m[1] === String(unit) && m[2] === String(step))!.slice(4).map(Number);
    expect(Number(cells.find((m) => m[1] === '3' && m[2] === '4')![3])).toBeCloseTo(2 / 3, 5);
    const [r0, g0, b0] = fill(3, 2); // 0: near white
    expect(Math.min(r0!, g0!, b0!)).toBeGreaterThan(220);
    const [rp, , bp] = fill(3, 4); // most positive: red
    const [rn, , bn] = fill(3, 0); // most negative: blue
    expect(rp! - bp!).toBeGreaterThan(100);
    expect(bn! - rn!).toBeGreaterThan(100);
    expect(() => hiddenStateHeatmap.spec({ values, steps, units: 3 })).toThrow('hidden-state-heatmap: 20 values for 5 steps x 3 units = 15');
    expect(Array.from((await renderPng(hiddenStateHeatmap.spec({ values, steps, units, stepLabels: ['a', 'b', 'c', 'd', 'e'] }))).subarray(0, 4))).toEqual(PNG_SIGNATURE);
  });

  it('draws control characters in names as their control pictures, so the SVG stays valid XML and renders to PNG', async () => {
    // A character vocabulary's class names hold ESC, tab and the like.
    const spec = confusionMatrix.spec({ matrix: [[1, 0], [0, 1]], classNames: ['\u001b', 'a\u0007b'] });
    const svg = await renderSvg(spec);
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(svg).toContain('>␛<');
    expect(svg).toContain('>a␇b<');
    expect(Array.from((await renderPng(spec)).subarray(0, 4))).toEqual(PNG_SIGNATURE);
  });

  it('embedding scatter: one mark per point, labelled centroids, and PNG + SVG files written whole', async () => {
    const n = 300;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const points = Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? labels[k >> 1]! * 10 : (k % 7) / 7));
    const spec = embeddingScatter.spec({ points, labels, classNames: ['a', 'b', 'c'], centroids: [{ x: 0, y: 0.5, label: 'A' }, { x: 10, y: 0.5, label: 'B' }] });
    const svg = await renderSvg(spec);
    expect(svg.match(/aria-roledescription="circle"/g)!.length).toBeGreaterThanOrEqual(n);
    const indices = [...svg.matchAll(/<path data-index="(\d+)" aria-label="point \d+: ([abc])"/g)].map((m) => Number(m[1]));
    expect(indices).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(svg).toContain('>A<');
    expect(svg).toContain('>B<');
    expect([...svg.matchAll(/data-centroid="(\d+)" aria-label="centroid ([AB])"/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(['0:A', '1:B']);
    const png = await renderPng(spec);
    expect(Array.from(png.subarray(0, 4))).toEqual(PNG_SIGNATURE);
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-plot-'));
    const files = await writeChart(spec, join(dir, 'scatter'));
    expect(readFileSync(files.svg, 'utf8')).toBe(svg);
    expect(Array.from(readFileSync(files.png).subarray(0, 4))).toEqual(PNG_SIGNATURE);
  });

  it('forecast: the series, the model and the persistence baseline as three lines in the data\'s units', async () => {
    const svg = await renderSvg(forecastChart.spec({ actual: [10, 12, 11], model: [10.5, 11.5, 11.2], persistence: [9, 10, 12], unit: 'Temp (°C)', title: 'test windows' }));
    for (const text of ['actual', 'model', 'persistence', 'Temp (°C)', 'test windows', 'step']) expect(svg).toContain(`>${text}<`);
    expect(svg.match(/aria-roledescription="line mark"/g)!.length).toBe(3);
  });
});
