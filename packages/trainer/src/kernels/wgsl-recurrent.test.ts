import { loadDataset } from '@lstmkit/datasets';
import { buildModel, FusedGRU, FusedLSTM, FusedSimpleRNN, fusedRecurrentReport, type FusedOption, type ModelSpec } from '@lstmkit/models';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { fit } from '../fit.js';
import { tf } from '../tf.js';
import { hasWebgpu } from '../test-helpers.js';
import { capWgslLimits, WGSL_KERNEL_NAME, WGSL_KERNEL_NOTE } from './wgsl-recurrent.js';

const webgpu = await hasWebgpu();

// The WGSL kernels and tfjs-layers' cells both compute in float32 on the GPU (here SwiftShader), with sums in a
// different order and their own exp: 1e-4 of the largest magnitude (at least 1) allows that, while a wrong gate,
// a missing step or a transposed weight is off by more than 1e-2.
const TOL = 1e-4;

type Layer = FusedLSTM | FusedGRU | FusedSimpleRNN;
const CLASSES = { lstm: FusedLSTM, gru: FusedGRU, rnn: FusedSimpleRNN } as const;
// Seeded weights (the recurrent kernel too) and a random bias, so that a failure reproduces and the bias matters.
const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: tf.initializers.orthogonal({ seed: 3 }), biasInitializer: tf.initializers.randomNormal({ seed: 2 }) };

function layerOf(cell: keyof typeof CLASSES, args: Record<string, unknown>, inputShape: number[]): Layer {
  const gates = cell === 'rnn' ? {} : { recurrentActivation: 'sigmoid' };
  const layer = new CLASSES[cell]({ units: 6, ...gates, ...seeded, ...args } as never);
  layer.apply(tf.input({ shape: inputShape }));
  return layer;
}

/** Output, input gradient and weight gradients of sum(y * w) for a random w (one forward and one backward pass). */
async function outputsAndGradients(layer: Layer, x: tf.Variable): Promise<Float32Array[]> {
  const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const tensors = tf.tidy((): tf.Tensor[] => {
    let y: tf.Tensor | undefined;
    const { grads } = tf.variableGrads(() => {
      y = tf.keep(layer.apply(x) as tf.Tensor);
      return tf.sum(tf.mul(y, tf.randomNormal(y.shape, 0, 1, 'float32', 7))) as tf.Scalar;
    }, [x, ...weights]);
    return [y!, ...[x, ...weights].map((v) => tf.keep(grads[v.name]!))];
  });
  // webgpu tensors can only be read asynchronously in Node.
  const values = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(tensors);
  return values;
}

const relativeDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0) / Math.max(1, ...a.map(Math.abs));

/**
 * The layer `make` gives with fused 'auto' (the WGSL kernels, here) gives what the same layer with fused: false
 * (tfjs-layers' cells) and the same weights gives: outputs, input gradient and weight gradients on a random input.
 */
async function expectFusedLikeStock(make: (fused: FusedOption) => Layer, shape: [number, number, number]) {
  const layer = make('auto'), stockLayer = make(false);
  stockLayer.setWeights(layer.getWeights());
  expect(layer.fusedPlan()).toMatchObject({ kernel: { name: WGSL_KERNEL_NAME } });
  const x = tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 3)));
  const stock = await outputsAndGradients(stockLayer, x);
  const fused = await outputsAndGradients(layer, x);
  const names = ['output', 'input gradient', ...layer.trainableWeights.map((w) => `${w.originalName} gradient`)];
  stock.forEach((s, i) => expect(relativeDiff(s, fused[i]!), names[i]).toBeLessThan(TOL));
  tf.dispose(x);
  layer.dispose();
  stockLayer.dispose();
}

beforeAll(async () => {
  if (webgpu) await useBackend('webgpu');
});
afterEach(() => {
  capWgslLimits();
});

describe.skipIf(!webgpu)('fused layers on webgpu (WGSL kernels) against tfjs-layers cells', () => {
  it.each([
    ['lstm', 'tanh, last output', { returnSequences: false }, 3],
    ['lstm', 'tanh, every step, goBackwards', { returnSequences: true, goBackwards: true }, 3],
    ['lstm', 'relu, every step', { activation: 'relu', returnSequences: true }, 2],
    ['lstm', 'relu, last output, no bias', { activation: 'relu', useBias: false }, 2],
    ['gru', 'tanh, last output', { returnSequences: false }, 3],
    ['gru', 'tanh, every step, goBackwards', { returnSequences: true, goBackwards: true }, 3],
    ['gru', 'relu, every step, no bias', { activation: 'relu', returnSequences: true, useBias: false }, 2],
    ['gru', 'relu, last output', { activation: 'relu' }, 2],
    ['rnn', 'tanh, last output', { returnSequences: false }, 3],
    ['rnn', 'relu, every step, goBackwards', { activation: 'relu', returnSequences: true, goBackwards: true }, 2],
  ] as const)('%s, %s: same outputs, input gradient and weight gradients', async (cell, _, args, batch) => {
    await expectFusedLikeStock((fused) => layerOf(cell, { ...args, fused }, [5, 3]), [batch, 5, 3]);
  });

  // Layers wider than a workgroup (> 256 units) have several units per lane, and those too wide for workgroup memory
  // (LSTM > 1024 units) read rows back from the output buffer: the same code paths, run here on 6 units.
  it.each(['lstm', 'gru', 'rnn'] as const)('%s with two units per lane and without workgroup memory matches too', async (cell) => {
    capWgslLimits({ lanes: 4 });
    await expectFusedLikeStock((fused) => layerOf(cell, { returnSequences: true, fused }, [4, 3]), [3, 4, 3]);
    capWgslLimits({ lanes: 4, workgroupFloats: 0 });
    await expectFusedLikeStock((fused) => layerOf(cell, { activation: 'relu', fused }, [4, 3]), [3, 4, 3]);
  });

  it('is the kernel webgpu reports, for every recurrent layer of a model', async () => {
    const choice = await useBackend('webgpu');
    expect(choice.fusedLstm).toEqual({ kernel: expect.objectContaining({ name: WGSL_KERNEL_NAME }) });
    const model = buildModel({ family: 'bidirectional', inputShape: [5, 3], units: 4, head: { task: 'multiclass', outputs: 2 } });
    expect(fusedRecurrentReport(model)).toEqual([{ layer: 'bidirectional', fused: 'auto', kernel: WGSL_KERNEL_NAME, note: WGSL_KERNEL_NOTE }]);
    model.dispose();
  });

  it('runs the same few dispatches for any number of timesteps, where tfjs-layers runs more for each step', async () => {
    // Every dispatch tfjs records goes through runWebGPUProgram: count the calls (the function still runs).
    const backend = tf.backend() as unknown as { runWebGPUProgram: (...args: unknown[]) => unknown };
    const runProgram = backend.runWebGPUProgram;
    let dispatches = 0;
    backend.runWebGPUProgram = function (this: unknown, ...args: unknown[]) {
      dispatches++;
      return runProgram.apply(this, args);
    };
    const count = async (steps: number, fused: FusedOption) => {
      const layer = layerOf('lstm', { fused }, [steps, 3]);
      const x = tf.tidy(() => tf.variable(tf.randomNormal([2, steps, 3])));
      dispatches = 0;
      await outputsAndGradients(layer, x);
      tf.dispose(x);
      layer.dispose();
      return dispatches;
    };
    try {
      const [fused3, fused9, stock3, stock9] = [await count(3, 'auto'), await count(9, 'auto'), await count(3, false), await count(9, false)];
      expect(fused9).toBe(fused3);
      expect(fused3).toBeLessThan(25); // 15 here: the layer's and the test's loss
      expect(stock9 - stock3).toBeGreaterThan(6 * 20); // tfjs-layers: dozens more for each added step
    } finally {
      backend.runWebGPUProgram = runProgram;
    }
  });

  it('does not leak tensors across forward and backward calls', async () => {
    const layer = layerOf('lstm', {}, [5, 2]);
    const x = tf.tidy(() => tf.variable(tf.randomNormal([4, 5, 2])));
    await outputsAndGradients(layer, x);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await outputsAndGradients(layer, x);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    layer.dispose();
  });

  it('fit trains through them as through the stock cells: same weights after 4 Adam steps, no tensors left behind', async () => {
    const { train } = await loadDataset('echo', { seed: 2, limit: 16 });
    const spec: ModelSpec = { family: 'stacked', inputShape: [5, 10], units: [8, 6], head: { task: 'multiclass', outputs: 10 }, seed: 3 };
    const weightsAfter = async (fused: FusedOption) => {
      const model = buildModel({ ...spec, fused });
      const history = await fit(model, train, { epochs: 2, batchSize: 8, seed: 1 });
      const weights = await Promise.all(model.getWeights().map((w) => w.data() as Promise<Float32Array>));
      model.dispose();
      return { weights, history };
    };
    const stock = await weightsAfter(false);
    const before = tf.memory().numTensors;
    const fused = await weightsAfter(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(fused.history.epochs.map((e) => e.numTensors)).size).toBe(1);
    stock.weights.forEach((w, i) => expect(relativeDiff(w, fused.weights[i]!), `weight ${i}`).toBeLessThan(TOL));
  });
});
