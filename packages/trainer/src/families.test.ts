import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, type SequenceDataset } from '@lstmkit/datasets/node';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { hasSharedData, SHARED_DATA } from '../../../tests/shared-data.js';
import { useBackend } from './backends/registry.js';
import { evaluate, predict } from './evaluate.js';
import { fit } from './fit.js';
import { loadModel, saveModel } from './persist.js';
import { outputsFor } from './batches.js';

/** Trains a few epochs, checks the loss fell, saves, loads, and checks the predictions are identical. */
async function trainsAndRoundTrips(spec: Omit<ModelSpec, 'inputShape' | 'head'>, data: SequenceDataset, epochs = 3, learningRate = 0.01) {
  const full = { ...spec, inputShape: [data.shape[1], data.shape[2]], head: { task: data.task, outputs: outputsFor(data) }, seed: 1 } as ModelSpec;
  await useBackend('wasm');
  const model = buildModel(full);
  const choice = await useBackend('auto', { model });
  const before = await evaluate(model, data);
  await fit(model, data, { epochs, batchSize: 25, seed: 1, learningRate });
  const after = await evaluate(model, data);
  expect(after.loss, `${spec.family} on ${choice.name}`).toBeLessThan(before.loss);
  const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-family-')), spec.family);
  const meta = { spec: full, dataset: { name: data.name, source: data.source, task: data.task, timesteps: data.shape[1], features: data.shape[2], trainSamples: data.shape[0] }, backend: choice.name, seed: 1 };
  await saveModel(dir, model, meta);
  const loaded = await loadModel(dir);
  expect(Array.from((await predict(loaded.model, data)).outputs)).toEqual(Array.from((await predict(model, data)).outputs));
  return { before, after, backend: choice.name };
}

const digits = async () => (await loadDataset('mnist', { seed: 2, limit: 150 })).train;

describe('every model family trains on tiny real data and round-trips save/load', () => {
  it('stacked, with BatchNorm and Dropout between layers', async () => {
    await trainsAndRoundTrips({ family: 'stacked', units: [12, 8], batchNorm: true, layerDropout: 0.1, dense: [8] }, await digits());
  });

  it('bidirectional (ave) and gru and rnn', async () => {
    const data = await digits();
    await trainsAndRoundTrips({ family: 'bidirectional', units: 8, mergeMode: 'ave' }, data);
    await trainsAndRoundTrips({ family: 'gru', units: 8 }, data);
    await trainsAndRoundTrips({ family: 'rnn', units: 16, activation: 'relu' }, data);
  });

  it('cnn-lstm trains on the backend that has the conv gradient', async () => {
    const r = await trainsAndRoundTrips({ family: 'cnn-lstm', units: 8, conv: { filters: 4, kernelSize: 3 } }, await digits(), 2);
    expect(r.backend).toBe('cpu');
  });

  it.runIf(hasSharedData('timeseries'))('encoder-decoder forecasts several steps of a real series', async () => {
    const { train } = await loadDataset('timeseries', { source: `${SHARED_DATA}/timeseries/airline-passengers.csv`, lookback: 12, horizon: 3 });
    await trainsAndRoundTrips({ family: 'encoder-decoder', units: [16, 16], outputSteps: 3 }, train, 5);
  });

  it.runIf(hasSharedData('imdb'))('vanilla LSTM behind an Embedding, on token ids of real reviews', async () => {
    const { train } = await loadDataset('text', { source: `${SHARED_DATA}/imdb/imdb-train-2k.tsv`, vocabulary: 200, length: 20, limit: 150 });
    await trainsAndRoundTrips({ family: 'vanilla', units: 8, embedding: { vocabulary: 200, dim: 8, maskZero: true } }, train);
  });

  it('generative: next word of a text, then sampling', async () => {
    const text = 'the cat sat on the mat and the dog sat on the log and the cat saw the dog on the mat'.split(' ');
    const vocab = [...new Set(text)];
    const ids = text.map((w) => vocab.indexOf(w));
    const window = 4;
    const n = ids.length - window;
    const data: SequenceDataset = {
      name: 'words',
      source: 'test sentence',
      x: Float32Array.from({ length: n * window }, (_, k) => ids[Math.floor(k / window) + (k % window)]!),
      shape: [n, window, 1],
      y: Int32Array.from({ length: n }, (_, i) => ids[i + window]!),
      task: 'multiclass',
      classNames: vocab,
    };
    const r = await trainsAndRoundTrips({ family: 'generative', units: 16, embedding: { vocabulary: vocab.length, dim: 8 } }, data, 30, 0.05);
    expect(r.after.accuracy!).toBeGreaterThan(r.before.accuracy!);
  });
});
