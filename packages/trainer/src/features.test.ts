import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@lstmkit/datasets/node';
import { buildModel } from '@lstmkit/models';
import { layerFeatures } from './features.js';
import { fit } from './fit.js';
import { useBackend } from './backends/registry.js';
import { tf } from './tf.js';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Share of samples whose nearest class centroid (in feature space) is their own class. */
function nearestCentroidAccuracy(f: { values: Float32Array; rows: number; cols: number }, y: ArrayLike<number>, classes: number): number {
  const sums = new Float64Array(classes * f.cols);
  const counts = new Float64Array(classes);
  for (let i = 0; i < f.rows; i++) {
    counts[y[i]!]!++;
    for (let c = 0; c < f.cols; c++) sums[y[i]! * f.cols + c]! += f.values[i * f.cols + c]!;
  }
  let hits = 0;
  for (let i = 0; i < f.rows; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < classes; k++) {
      let d = 0;
      for (let c = 0; c < f.cols; c++) d += (f.values[i * f.cols + c]! - sums[k * f.cols + c]! / counts[k]!) ** 2;
      if (d < bestD) [best, bestD] = [k, d];
    }
    if (best === y[i]) hits++;
  }
  return hits / f.rows;
}

describe('layer features of a trained model', () => {
  it('cuts the model at the LSTM, in batches, with no tensors left behind; trained features separate the digits', async () => {
    const { train, test } = await loadDataset('mnist', { seed: 1, limit: 1500 });
    const model = buildModel({ family: 'vanilla', inputShape: [28, 28], units: 32, head: { task: 'multiclass', outputs: 10 }, seed: 1 });
    await fit(model, train, { epochs: 3, batchSize: 50, learningRate: 0.01 });
    const sample = { ...test, x: test.x.subarray(0, 500 * 784), y: test.y.subarray(0, 500), shape: [500, 28, 28] as const };
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const f = await layerFeatures(model, sample, 'lstm', { batchSize: 128, onProgress: (d) => void progress.push(d) });
    expect(tf.memory().numTensors).toBe(before);
    expect([f.rows, f.cols]).toEqual([500, 32]);
    expect(progress).toEqual([128, 256, 384, 500]);
    expect(nearestCentroidAccuracy(f, sample.y, 10)).toBeGreaterThan(0.5); // chance is ~0.1
    await expect(layerFeatures(model, sample, 'gru')).rejects.toThrow(/layer: "gru" is not in the model; its layers are lstm, dense/);
  });
});
