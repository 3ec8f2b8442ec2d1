import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import { buildModel } from '../registry.js';
import { sampleIndex, sampleTokens } from '../sample.js';
import type { ModelSpec } from '../spec.js';
import { summarizeModel } from '../summary.js';

// Keras' parameter formulas (d = input features, u = units).
const lstm = (d: number, u: number) => 4 * (u * (d + u) + u);
const gru = (d: number, u: number) => 3 * (u * (d + u) + u); // reset_after=False
const rnn = (d: number, u: number) => u * (d + u) + u;
const dense = (d: number, u: number) => d * u + u;
const batchNorm = (d: number) => 4 * d;

const params = (spec: ModelSpec) => summarizeModel(buildModel(spec));
const multiclass = { task: 'multiclass' as const, outputs: 10 };

describe('every family has the parameter counts Keras computes', () => {
  it('W2: stacked LSTM(1, relu, dropout 0.4) -> BatchNorm -> LSTM(1) -> BatchNorm -> Dense(1, sigmoid)', () => {
    const s = params({
      family: 'stacked',
      inputShape: [4, 2],
      units: [1, 1],
      layers: [{ activation: 'relu', dropout: 0.4 }],
      batchNorm: true,
      head: { task: 'binary', outputs: 1 },
    });
    expect(s.layers.map((l) => `${l.name}:${l.params}`)).toEqual(['lstm:16', 'batch_normalization:4', 'lstm_1:12', 'batch_normalization_1:4', 'dense:2']);
    expect([lstm(2, 1), batchNorm(1), lstm(1, 1), dense(1, 1)]).toEqual([16, 4, 12, 2]);
    expect(s.nonTrainableParams).toBe(4); // the moving mean and variance of both BatchNorms
  });

  it('W4: SimpleRNN(32, relu) baseline and the stacked LSTM(128, relu) x2 with dropout 0.2', () => {
    const r = params({ family: 'rnn', inputShape: [28, 28], units: 32, activation: 'relu', head: multiclass });
    expect(r.layers.map((l) => l.params)).toEqual([rnn(28, 32), dense(32, 10)]);
    expect(r.totalParams).toBe(1_952 + 330);
    const s = params({ family: 'stacked', inputShape: [28, 28], units: [128, 128], activation: 'relu', layerDropout: 0.2, dense: [32], head: multiclass });
    expect(s.layers.map((l) => `${l.type}:${l.params}`)).toEqual([
      `LSTM:${lstm(28, 128)}`, 'Dropout:0', `LSTM:${lstm(128, 128)}`, 'Dropout:0', `Dense:${dense(128, 32)}`, 'Dropout:0', `Dense:${dense(32, 10)}`,
    ]);
    expect(s.totalParams).toBe(216_426);
  });

  it('W5: Embedding(1024, 256) -> LSTM(128) -> Dropout(0.5) -> Dense(1, sigmoid)', () => {
    const s = params({ family: 'vanilla', inputShape: [100, 1], units: 128, embedding: { vocabulary: 1024, dim: 256 }, layerDropout: 0.5, head: { task: 'binary', outputs: 1 } });
    expect(s.layers.map((l) => `${l.name}:${l.outputShape}:${l.params}`)).toEqual(['embedding:(None, 100, 256):262144', 'lstm:(None, 128):197120', 'dropout:(None, 128):0', 'dense:(None, 1):129']);
  });

  it('masks padded timesteps with a Keras Masking layer (no parameters)', () => {
    const s = params({ family: 'vanilla', inputShape: [10, 3], units: 4, masking: true, head: multiclass });
    expect(s.layers.map((l) => `${l.type}:${l.params}`)).toEqual(['Masking:0', `LSTM:${lstm(3, 4)}`, `Dense:${dense(4, 10)}`]);
  });

  it('gru (reset_after=false), stacked', () => {
    const s = params({ family: 'gru', inputShape: [28, 28], units: [64, 32], head: multiclass });
    expect(s.layers.map((l) => l.params)).toEqual([gru(28, 64), gru(64, 32), dense(32, 10)]);
  });

  it('bidirectional with every merge mode', () => {
    const out = { concat: 128, sum: 64, mul: 64, ave: 64 };
    for (const [mode, width] of Object.entries(out)) {
      const s = params({ family: 'bidirectional', inputShape: [28, 28], units: 64, mergeMode: mode as 'sum', head: multiclass });
      expect(s.layers.map((l) => `${l.type}:${l.outputShape}:${l.params}`), mode).toEqual([`Bidirectional:(None, ${width}):${2 * lstm(28, 64)}`, `Dense:(None, 10):${dense(width, 10)}`]);
    }
  });

  it('cnn-lstm: Conv1D over timesteps, or TimeDistributed Conv2D over image frames', () => {
    const s = params({ family: 'cnn-lstm', inputShape: [28, 28], units: 64, conv: { filters: 32, kernelSize: 3 }, head: multiclass });
    expect(s.layers.map((l) => `${l.type}:${l.outputShape}:${l.params}`)).toEqual([
      `Conv1D:(None, 26, 32):${3 * 28 * 32 + 32}`, 'MaxPooling1D:(None, 13, 32):0', `LSTM:(None, 64):${lstm(32, 64)}`, `Dense:(None, 10):${dense(64, 10)}`,
    ]);
    const t = params({ family: 'cnn-lstm', inputShape: [4, 64], units: 16, conv: { filters: 8, kernelSize: 3, frame: [8, 8] }, head: multiclass });
    // 8x8 frame -> conv 3x3 valid -> 6x6x8 -> pool 2 -> 3x3x8 = 72 features per step.
    expect(t.layers.map((l) => l.params)).toEqual([0, 3 * 3 * 1 * 8 + 8, 0, 0, lstm(72, 16), dense(16, 10)]);
    expect(() => buildModel({ family: 'cnn-lstm', inputShape: [4, 60], units: 16, conv: { filters: 8, kernelSize: 3, frame: [8, 8] }, head: multiclass })).toThrow(/conv.frame.*64 pixels, but each timestep has 60 features/);
  });

  it('encoder-decoder: encoder LSTM -> RepeatVector -> decoder LSTM -> TimeDistributed(Dense)', () => {
    const s = params({ family: 'encoder-decoder', inputShape: [12, 1], units: [32, 16], outputSteps: 3, head: { task: 'regression', outputs: 1 } });
    expect(s.layers.map((l) => `${l.type}:${l.outputShape}:${l.params}`)).toEqual([
      `LSTM:(None, 32):${lstm(1, 32)}`, 'RepeatVector:(None, 3, 32):0', `LSTM:(None, 3, 16):${lstm(32, 16)}`, `TimeDistributed:(None, 3, 1):${dense(16, 1)}`,
    ]);
  });

  it('generative: Embedding -> LSTM -> softmax over the vocabulary, and temperature sampling', () => {
    const spec: ModelSpec = { family: 'generative', inputShape: [20, 1], units: 64, embedding: { vocabulary: 50, dim: 16 }, head: { task: 'multiclass', outputs: 50 }, seed: 1 };
    const model = buildModel(spec);
    expect(summarizeModel(model).layers.map((l) => l.params)).toEqual([50 * 16, lstm(16, 64), dense(64, 50)]);
    const tokens = sampleTokens(model, [1, 2, 3], { length: 5, temperature: 0.8 });
    expect(tokens).toHaveLength(5);
    expect(tokens.every((t) => Number.isInteger(t) && t >= 0 && t < 50)).toBe(true);
    expect(sampleIndex([0.1, 0.7, 0.2], 0, Math.random)).toBe(1);
    // A low temperature concentrates the draws on the most likely token.
    let r = 0;
    const rand = () => ((r = (r * 9301 + 49297) % 233280) / 233280);
    const cold = Array.from({ length: 200 }, () => sampleIndex([0.3, 0.4, 0.3], 0.1, rand)).filter((i) => i === 1).length;
    const hot = Array.from({ length: 200 }, () => sampleIndex([0.3, 0.4, 0.3], 5, rand)).filter((i) => i === 1).length;
    expect(cold).toBeGreaterThan(hot);
    expect(() => buildModel({ ...spec, head: { task: 'multiclass', outputs: 10 } })).toThrow(/predicts one of the 50 tokens/);
  });
});
