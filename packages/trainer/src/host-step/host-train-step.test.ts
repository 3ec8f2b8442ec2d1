import { describe, expect, it } from 'vitest';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { batchArrays, makeBatch } from '../batches.js';
import { useBackend } from '../index.js';
import { compileFor, fit } from '../fit.js';
import { installFusedKernels } from '../kernels/fused-kernels.js';
import { smallDigits } from '../test-helpers.js';
import { tf } from '../tf.js';
import { hostTrainStep } from './host-train-step.js';

const { train } = await smallDigits(96);
await installFusedKernels();

const spec = (family: string, extra: Partial<ModelSpec> = {}): ModelSpec =>
  ({ family, inputShape: [28, 28], units: family === 'stacked' ? [12, 10] : 12, head: { task: 'multiclass', outputs: 10 }, seed: 3, ...(family === 'rnn' ? { activation: 'relu' } : {}), ...extra }) as ModelSpec;

const maxDiff = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.flatMap((w, i) => Array.from(w, (v, j) => Math.abs(v - b[i]![j]!))));
const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => w.dataSync() as Float32Array);

describe('hostTrainStep', () => {
  it.each([
    ['wasm', 'vanilla'],
    ['wasm', 'gru'],
    ['wasm', 'rnn'],
    ['wasm', 'bidirectional'],
    ['wasm', 'stacked'],
    ['cpu', 'vanilla'],
  ])('on %s, %s: the loss, accuracy and weights of trainOnBatch over 4 steps (within 1e-5), no tensors leaked', async (backend, family) => {
    await useBackend(backend);
    const host = buildModel(spec(family)), stock = buildModel(spec(family));
    compileFor(host, 'multiclass');
    compileFor(stock, 'multiclass');
    const plan = hostTrainStep(host);
    if (!('step' in plan)) throw new Error(plan.reason);
    let before = 0;
    for (let s = 0; s < 4; s++) {
      if (s === 1) before = tf.memory().numTensors; // after Adam made its moments
      const indices = Array.from({ length: 24 }, (_, i) => s * 24 + i);
      const { x, y } = makeBatch(train, indices, stock);
      const [stockLoss, stockAcc] = (await stock.trainOnBatch(x, y)) as number[];
      tf.dispose([x, y]);
      const arrays = batchArrays(train, indices);
      const [loss, acc] = plan.step(arrays.x, arrays.y, indices.length);
      expect(Math.abs(loss - stockLoss!)).toBeLessThan(1e-5);
      expect(acc).toBeCloseTo(stockAcc!, 6);
    }
    // Both paths moved the weights the same way, and moved them (4 Adam steps of 0.001 move some by ~0.004).
    expect(maxDiff(weightsOf(host), weightsOf(stock))).toBeLessThan(1e-5);
    const untrained = buildModel(spec(family));
    expect(maxDiff(weightsOf(host), weightsOf(untrained))).toBeGreaterThan(1e-3);
    untrained.dispose();
    expect(tf.memory().numTensors).toBe(before);
    host.dispose();
    stock.dispose();
  });

  it('says why a model trains through trainOnBatch', async () => {
    await useBackend('wasm');
    const cases: [ModelSpec, RegExp][] = [
      [spec('stacked', { units: [8, 8], options: { batchNorm: true } } as Partial<ModelSpec>), /not a stack of fused recurrent layers and a Dense head/],
      [{ ...spec('vanilla'), head: { task: 'binary', outputs: 1 } } as ModelSpec, /categorical cross-entropy/],
      [spec('vanilla', { activation: 'sigmoid' } as Partial<ModelSpec>), /activation sigmoid/],
      [spec('bidirectional', { options: { mergeMode: 'sum' } } as Partial<ModelSpec>), /merges by sum, not concat/],
    ];
    for (const [s, reason] of cases) {
      const model = buildModel(s);
      compileFor(model, s.head.task);
      const plan = hostTrainStep(model);
      expect('reason' in plan && plan.reason).toMatch(reason);
      model.dispose();
    }
    const model = buildModel(spec('vanilla'));
    model.compile({ optimizer: tf.train.adam(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    expect(hostTrainStep(model)).toEqual({ reason: "the optimizer is not lstmkit's Adam" });
    model.dispose();
    await useBackend('cpu');
    const cpuModel = buildModel(spec('vanilla'));
    compileFor(cpuModel, 'multiclass');
    expect('step' in hostTrainStep(cpuModel)).toBe(true);
    cpuModel.dispose();
  });

  it('fit: the same history with the host step as without it', async () => {
    await useBackend('wasm');
    const run = async (hostStep: boolean) => {
      const model = buildModel(spec('vanilla'));
      const h = await fit(model, train, { epochs: 2, batchSize: 32, seed: 1, hostStep });
      model.dispose();
      return h.epochs.map((e) => [e.loss, e.accuracy!]);
    };
    const [on, off] = [await run(true), await run(false)];
    on.flat().forEach((v, i) => expect(Math.abs(v - off.flat()[i]!)).toBeLessThan(1e-5));
  });
});
