import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '@lstmkit/datasets/node';
import { buildModel, FusedLSTM } from '@lstmkit/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { datasetInfo } from './dataset-info.js';
import { evaluate, forecastsInUnits, predict } from './evaluate.js';
import { fit } from './fit.js';
import { forecast } from './forecast.js';
import { loadModel, saveModel } from './persist.js';
import { smallDigits, smallModel } from './test-helpers.js';
import { tf } from './tf.js';

beforeAll(async () => {
  await useBackend('wasm');
});

/** A seasonal series of 120 steps (period 12) with a trend, as a CSV the timeseries plugin reads. */
function seriesCsv(): { path: string; values: number[] } {
  const values = Array.from({ length: 120 }, (_, i) => 100 + i + 20 * Math.sin((2 * Math.PI * i) / 12));
  const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-series-')), 'series.csv');
  writeFileSync(path, `"t","v"\n${values.map((v, i) => `${i},${v}`).join('\n')}`);
  return { path, values };
}

describe('inference on plain arrays', () => {
  it('predicts one sequence or a batch as number arrays, as it does a dataset', async () => {
    const { test } = await smallDigits(100);
    const model = smallModel(8);
    const rows = (i: number) => Array.from({ length: 28 }, (_, t) => Array.from(test.x.subarray((i * 28 + t) * 28, (i * 28 + t + 1) * 28)));
    const ds = await predict(model, { ...test, x: test.x.subarray(0, 3 * 784), y: test.y.subarray(0, 3), shape: [3, 28, 28] });
    const batch = await predict(model, [rows(0), rows(1), rows(2)]);
    const one = await predict(model, rows(1));
    expect(batch.shape).toEqual([3, 10]);
    expect(Array.from(batch.outputs)).toEqual(Array.from(ds.outputs));
    expect(Array.from(batch.classes!)).toEqual(Array.from(ds.classes!));
    expect(one.shape).toEqual([1, 10]);
    expect(Array.from(one.outputs)).toEqual(Array.from(ds.outputs.subarray(10, 20)));
    await expect(predict(model, [rows(0).slice(1)])).rejects.toThrow(/input sequence 0: 27 timesteps, the model reads 28/);
    await expect(predict(model, [[1, 2]])).rejects.toThrow(/input sequence 0: 1 timesteps, the model reads 28/);
    await expect(predict(model, [1, 2, 3])).rejects.toThrow(/input: expected one sequence \[28 timesteps\]\[28 features\] \(number\[\]\[\]\) or an array of them; got arrays nested 1 deep/);
  });

  it('reads token ids for a model with an Embedding, and binary classes from one sigmoid', async () => {
    const model = buildModel({ family: 'vanilla', inputShape: [6, 1], units: 4, embedding: { vocabulary: 20, dim: 3 }, head: { task: 'binary', outputs: 1 }, seed: 1 });
    const p = await predict(model, [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]);
    expect(p.shape).toEqual([2, 1]);
    expect(Array.from(p.classes!)).toEqual(Array.from(p.outputs, (v) => (v > 0.5 ? 1 : 0)));
    expect((await predict(model, [1, 2, 3, 4, 5, 6])).shape).toEqual([1, 1]);
  });
});

describe('time series', () => {
  it('evaluates in the data\'s units beside the persistence baseline, and forecasts in those units', async () => {
    const { path, values } = seriesCsv();
    const { train, test } = await loadDataset('timeseries', { source: path, lookback: 12, testFraction: 0.2 });
    const model = buildModel({ family: 'vanilla', inputShape: [12, 1], units: 8, head: { task: 'regression', outputs: 1 }, seed: 1 });
    await fit(model, train, { epochs: 2, batchSize: 16, seed: 1 });
    const e = await evaluate(model, test);
    const p = train.preprocessing!;
    if (p.kind !== 'minmax') throw new Error('expected min-max scaling');
    const range = p.max[0]! - p.min[0]!;
    expect(e.inUnits!.column).toBe('v');
    expect(e.inUnits!.mae).toBeCloseTo(e.mae! * range, 4);
    expect(e.inUnits!.loss).toBeCloseTo(e.loss * range * range, 2);
    // Persistence: each test window's last value as the forecast, measured here by hand in the series' units.
    const firstTarget = 120 - test.shape[0];
    let abs = 0;
    for (let w = 0; w < test.shape[0]; w++) abs += Math.abs(values[firstTarget + w]! - values[firstTarget + w - 1]!);
    expect(e.persistence!.inUnits!.mae).toBeCloseTo(abs / test.shape[0], 3);
    const series = forecastsInUnits(test, await predict(model, test))!;
    expect(series.actual[0]).toBeCloseTo(values[firstTarget]!, 3);
    expect(series.persistence[0]).toBeCloseTo(values[firstTarget - 1]!, 3);

    const next = await forecast(model, values, 3, { scaling: p });
    expect(next).toHaveLength(3);
    // The first step by hand: the last 12 values scaled, one prediction, scaled back.
    const window = values.slice(-12).map((v) => [(v - p.min[0]!) / range]);
    const out = await predict(model, window);
    expect(next[0]).toBeCloseTo(out.outputs[0]! * range + p.min[0]!, 3);
    const before = tf.memory().numTensors;
    await forecast(model, values, 5, { scaling: p });
    expect(tf.memory().numTensors).toBe(before);
    await expect(forecast(model, values.slice(0, 5), 1)).rejects.toThrow(/series: 5 values; the model looks back 12 steps/);
    await expect(forecast(smallModel(4), values, 1)).rejects.toThrow(/forecast: feeds its forecasts back in, so the model must read one series/);
  });
});

describe('saving with the dataset', () => {
  it('saveModel takes the dataset (or datasetInfo) and loadModel builds the fused layers', async () => {
    const { train } = await smallDigits(100);
    const model = smallModel(4);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-info-')), 'm');
    await saveModel(dir, model, { spec: { family: 'vanilla', inputShape: [28, 28], units: 4, head: { task: 'multiclass', outputs: 10 }, seed: 1 }, dataset: train, seed: 1 });
    const { model: loaded, metadata } = await loadModel(dir);
    expect(metadata.dataset).toEqual(datasetInfo(train));
    expect(metadata.dataset).toMatchObject({ name: 'mnist', task: 'multiclass', timesteps: 28, features: 28, trainSamples: 100, classNames: train.classNames });
    expect(metadata.backend).toBe('wasm');
    expect(loaded.layers[0]).toBeInstanceOf(FusedLSTM);
    expect(datasetInfo(train, { trainSamples: 90 }).trainSamples).toBe(90);
  });
});
