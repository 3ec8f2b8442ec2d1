import type { SequenceDataset } from '@lstmkit/datasets';
import { seededRandom } from '@lstmkit/datasets';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { forwardPass } from './evaluate.js';
import { layerFeatures } from './features.js';
import { recurrentTrace } from './recurrent-trace.js';
import { tf } from './tf.js';

const T = 6;
const F = 3;

beforeAll(async () => {
  await useBackend('cpu');
});

function data(n: number, t = T, f = F): SequenceDataset {
  const random = seededRandom(7);
  return { name: 't', source: 'test', x: Float32Array.from({ length: n * t * f }, () => random() * 2 - 1), shape: [n, t, f], y: new Int32Array(n), task: 'multiclass', classNames: ['a', 'b', 'c', 'd'] };
}

const spec = (over: Partial<ModelSpec>): ModelSpec => ({ family: 'vanilla', inputShape: [T, F], units: 5, head: { task: 'multiclass', outputs: 4 }, seed: 3, ...over });

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what = ''): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i], what).toBeCloseTo(expected[i]!, 5);
}

describe('recurrentTrace', () => {
  it('gives an LSTM’s state at every step, and after step t the prediction for the input cut after step t', async () => {
    const model = buildModel(spec({}));
    const ds = data(3);
    const before = tf.memory().numTensors;
    const trace = await recurrentTrace(model, ds, { sample: 2 });
    const again = await recurrentTrace(model, ds, { sample: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(again.hidden).toEqual(trace.hidden);
    expect(trace).toMatchObject({ layer: 'lstm', steps: T, units: 5, outputs: 4 });
    expect(trace.hidden).toHaveLength(T * 5);
    expect(trace.predictions).toHaveLength(T * 4);
    // Last step = what the model gives for the whole sample, at its LSTM and at its output.
    const features = await layerFeatures(model, ds, 'lstm');
    expectClose(trace.hidden.subarray((T - 1) * 5), features.values.subarray(2 * 5, 3 * 5));
    const outputs = await forwardPass(model, ds);
    expectClose(trace.predictions!.subarray((T - 1) * 4), outputs.outputs.subarray(2 * 4, 3 * 4));
    // Step 3 = the same model on the first 4 steps only.
    const short = buildModel(spec({ inputShape: [4, F] }));
    short.setWeights(model.getWeights());
    const prefix = { ...data(3, 4), x: Float32Array.from({ length: 4 * F }, (_, i) => ds.x[2 * T * F + i]!), shape: [1, 4, F] as const };
    const cut = await forwardPass(short, prefix);
    expectClose(trace.predictions!.subarray(3 * 4, 4 * 4), cut.outputs);
    // Every row is a probability distribution.
    for (let t = 0; t < T; t++) expect(trace.predictions!.subarray(t * 4, t * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    short.dispose();
    model.dispose();
  });

  it('traces GRU, SimpleRNN, stacked (any layer) and bidirectional models, with batch norm in the head, leaving no tensors', async () => {
    const ds = data(1);
    const cases: [Partial<ModelSpec>, string | undefined, string, number][] = [
      [{ family: 'gru' }, undefined, 'gru', 5],
      [{ family: 'rnn', units: 7 }, undefined, 'simple_rnn', 7],
      [{ family: 'stacked', units: [6, 4], batchNorm: true }, 'lstm', 'lstm', 6],
      [{ family: 'stacked', units: [6, 4], batchNorm: true }, undefined, 'lstm_1', 4],
      [{ family: 'bidirectional', units: 4 }, undefined, 'bidirectional', 8],
    ];
    for (const [over, layer, name, units] of cases) {
      const model = buildModel(spec(over));
      const before = tf.memory().numTensors;
      const trace = await recurrentTrace(model, ds, { layer });
      expect(tf.memory().numTensors).toBe(before);
      expect({ layer: trace.layer, steps: trace.steps, units: trace.units, hidden: trace.hidden.length }).toEqual({ layer: name, steps: T, units, hidden: T * units });
      expect(trace.predictions).toHaveLength(T * 4);
      const outputs = await forwardPass(model, ds);
      // Cutting the model still works after a trace: the trace left its layers as they were.
      const features = await layerFeatures(model, ds, name);
      if (over.family === 'bidirectional') {
        // predict reads [forward after the last step, backward after the first]: the last and first rows' halves.
        expectClose(trace.hidden.subarray((T - 1) * 8, (T - 1) * 8 + 4), features.values.subarray(0, 4), 'forward');
        expectClose(trace.hidden.subarray(4, 8), features.values.subarray(4, 8), 'backward');
      } else {
        // Feature of a layer that returns sequences: its whole [steps, units] output.
        expectClose(trace.hidden.subarray(-features.values.length), features.values.subarray(-Math.min(features.values.length, T * units)), name);
        expectClose(trace.predictions!.subarray((T - 1) * 4), outputs.outputs, `${over.family} ${name}`);
      }
      model.dispose();
    }
  });

  it('takes plain arrays; without a per-step head it gives the states and says why there are no predictions', async () => {
    const model = buildModel(spec({ family: 'encoder-decoder', outputSteps: 2, head: { task: 'regression', outputs: 1 } }));
    const rows = Array.from({ length: T }, (_, t) => [t / T, 0, 1]);
    const trace = await recurrentTrace(model, rows, { layer: 'lstm' });
    expect(trace.hidden).toHaveLength(T * 5);
    expect(trace.predictions).toBeUndefined();
    expect(trace.note).toMatch(/^no per-step predictions: "time_distributed" \(TimeDistributed\) after the last recurrent layer/);
  });

  it('names the problem with the layer or the sample', async () => {
    const model = buildModel(spec({}));
    await expect(recurrentTrace(model, data(2), { layer: 'gru' })).rejects.toThrow('layer: "gru" is not in the model; its layers are lstm, dense');
    await expect(recurrentTrace(model, data(2), { layer: 'dense' })).rejects.toThrow('layer: "dense" is a Dense, not a recurrent layer; the recurrent ones are lstm');
    await expect(recurrentTrace(model, data(2), { sample: 2 })).rejects.toThrow('sample: 2 is not a sample index 0..1');
    await expect(recurrentTrace(model, data(1, T, 2))).rejects.toThrow(/input: samples are \[6 timesteps x 2 features\] but the model expects \[6 x 3\]/);
    model.dispose();
  });
});
