import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { buildModel, FusedGRU, FusedKernelError, FusedLSTM, FusedSimpleRNN, registerRecurrentKernel, type FusedOption, type ModelSpec } from '@lstmkit/models';
import { loadWasmKernels, type FusedKernels } from '@lstmkit/native';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { fit } from '../fit.js';
import { tf } from '../tf.js';
import { nativeKernels, smallDigits } from '../test-helpers.js';
import { hostKernel, installFusedKernels } from './fused-kernels.js';

// The same layers on each build of @lstmkit/native's kernels: the addon, and WebAssembly with 1 and 2 threads (the
// WebAssembly builds ship prebuilt, so they always run; the addon needs a compiler at install).
const native = nativeKernels();
const wasm1 = await loadWasmKernels({ threads: 1 });
const wasm2 = await loadWasmKernels({ threads: 2 });
if (!wasm1.available || !wasm2.available) throw new Error('the WebAssembly kernels did not load');
const IMPLEMENTATIONS: [string, FusedKernels | undefined, RegExp][] = [
  ['native addon', native, /^native C\+\+ \((AVX2\+FMA|scalar), \d+ threads?\)$/],
  ['wasm, 1 thread', wasm1.kernels, /^wasm SIMD128 \(1 thread: asked for 1\)$/],
  ['wasm, 2 threads', wasm2.kernels, /^wasm SIMD128 \(2 threads\)$/],
];

// float32 sums in a different order (blocked GEMM vs tfjs' matMul) differ in the last bits; 1e-5 of the largest
// magnitude (at least 1) is float32 tolerance, and errors that matter (a wrong gate, a missing step) are >= 1e-2.
// Relative because relu layers (W4) are unbounded: their weight gradients, summed over every step, reach ~10.
const TOL = 1e-5;

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]! / Math.max(1, tf.max(tf.abs(a)).dataSync()[0]!));
// Seeded weights (the recurrent kernel too), so that a failure reproduces.
const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), recurrentInitializer: tf.initializers.orthogonal({ seed: 3 }), biasInitializer: tf.initializers.randomNormal({ seed: 2 }) };

type Layer = FusedLSTM | FusedGRU | FusedSimpleRNN;

/** Output, input gradient and weight gradients of sum(y * w) for a random w. */
function outputsAndGradients(layer: Layer, x: tf.Tensor): tf.Tensor[] {
  return tf.tidy((): tf.Tensor[] => {
    const y = layer.apply(x) as tf.Tensor;
    const w = tf.randomNormal(y.shape, 0, 1, 'float32', 7);
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, w)) as tf.Scalar;
    const dx = tf.grad(loss)(x);
    const { grads } = tf.variableGrads(() => loss(x));
    return [y, dx, ...layer.trainableWeights.map((v) => grads[v.originalName]!)].map((t) => tf.keep(t));
  });
}

/**
 * The layer `make` gives with fused 'auto' (the default: the kernel, here) gives what the same layer with
 * fused: false (tfjs-layers' code) and the same weights gives: outputs, input gradient and weight gradients on a
 * random input of `shape`.
 */
function expectFusedLikeStock(make: (fused: FusedOption) => Layer, shape: [number, number, number]) {
  const layer = make('auto'), stockLayer = make(false);
  stockLayer.setWeights(layer.getWeights());
  expect(layer.fusedPlan()).toHaveProperty('kernel');
  expect(stockLayer.fusedPlan()).toEqual({ reason: "the layer's option fused: false" });
  const x = tf.randomNormal(shape, 0, 1, 'float32', 3);
  const stock = outputsAndGradients(stockLayer, x);
  const fused = outputsAndGradients(layer, x);
  stock.forEach((t, i) => expect(maxDiff(t, fused[i]!)).toBeLessThan(TOL));
  tf.dispose([x, ...stock, ...fused]);
  layer.dispose();
  stockLayer.dispose();
}

function gruLayer(args: Record<string, unknown> & { inputShape: number[] }) {
  const layer = new FusedGRU({ units: 10, recurrentActivation: 'sigmoid', resetAfter: false, ...seeded, ...args } as never);
  layer.apply(tf.input({ shape: args.inputShape }));
  return layer;
}

function simpleRnnLayer(args: Record<string, unknown> & { inputShape: number[] }) {
  const layer = new FusedSimpleRNN({ units: 9, ...seeded, ...args } as never);
  layer.apply(tf.input({ shape: args.inputShape }));
  return layer;
}

function lstm(args: Partial<ConstructorParameters<typeof FusedLSTM>[0]> & { inputShape: number[] }) {
  const layer = new FusedLSTM({ units: 12, recurrentActivation: 'sigmoid', ...seeded, ...args } as never);
  layer.apply(tf.input({ shape: args.inputShape }));
  return layer;
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe.each(IMPLEMENTATIONS)('fused layers on the %s against tfjs-layers', (_, k, name) => {
  beforeAll(async () => {
    await installFusedKernels(); // the trainer's own registration (started at import) must not land after this one
    if (k) registerRecurrentKernel(hostKernel(k, 'under test'));
  });

  it.skipIf(!k)('is the kernel the wasm and cpu backends report', async () => {
    expect(lstm({ inputShape: [3, 2] }).fusedPlan()).toMatchObject({ kernel: { name: expect.stringMatching(name) } });
    await useBackend('cpu');
    expect(lstm({ inputShape: [3, 2] }).fusedPlan()).toMatchObject({ kernel: { name: expect.stringMatching(name) } });
    await useBackend('wasm');
  });

  it.skipIf(!k).each([
    ['last output', { returnSequences: false }, 5],
    ['every step', { returnSequences: true }, 5],
    ['goBackwards', { returnSequences: true, goBackwards: true }, 5],
    ['no bias', { useBias: false }, 5],
    ['relu activation (W4)', { activation: 'relu', returnSequences: true }, 5],
    ['one sample', {}, 1],
    ['33 samples (uneven thread split)', { returnSequences: true }, 33],
  ] as [string, Record<string, unknown>, number][])('%s: same outputs, input gradient and weight gradients', (_, args, batch) => {
    expectFusedLikeStock((fused) => lstm({ ...(args as object), fused, inputShape: [7, 3] }), [batch, 7, 3]);
  });

  it.skipIf(!k).each([
    ['last output', { returnSequences: false }, 5],
    ['every step, goBackwards', { returnSequences: true, goBackwards: true }, 5],
    ['no bias', { useBias: false, returnSequences: true }, 7],
    ['relu activation', { activation: 'relu', returnSequences: true }, 13],
  ] as [string, Record<string, unknown>, number][])('GRU, %s: same outputs, input gradient and weight gradients', (_, args, batch) => {
    expectFusedLikeStock((fused) => gruLayer({ ...args, fused, inputShape: [6, 4] }), [batch, 6, 4]);
  });

  it.skipIf(!k).each([
    ['last output', { returnSequences: false }, 5],
    ['every step, goBackwards', { returnSequences: true, goBackwards: true }, 5],
    ['no bias', { useBias: false, returnSequences: true }, 7],
    ['relu activation (W4 baseline)', { activation: 'relu', returnSequences: true }, 13],
    ['33 samples (uneven thread split)', { activation: 'relu' }, 33],
  ] as [string, Record<string, unknown>, number][])('SimpleRNN, %s: same outputs, input gradient and weight gradients', (_, args, batch) => {
    expectFusedLikeStock((fused) => simpleRnnLayer({ ...args, fused, inputShape: [6, 4] }), [batch, 6, 4]);
  });

  it.skipIf(!k).each([
    ['rnn', { family: 'rnn', units: [8, 6], activation: 'relu' }],
    ['gru', { family: 'gru', units: [8, 6] }],
    ['stacked', { family: 'stacked', units: [16, 8] }],
    ['bidirectional', { family: 'bidirectional', units: 8 }],
    ['encoder-decoder', { family: 'encoder-decoder', units: 8, head: { task: 'regression', outputs: 1 }, options: { outputSteps: 3 } }],
  ])('%s family predicts the same', (_, spec) => {
    const full = { inputShape: [6, 4], head: { task: 'multiclass', outputs: 3 }, seed: 4, ...spec } as ModelSpec;
    const model = buildModel(full), stockModel = buildModel({ ...full, fused: false });
    stockModel.setWeights(model.getWeights());
    const x = tf.randomNormal([9, 6, 4], 0, 1, 'float32', 5);
    const stock = stockModel.predict(x) as tf.Tensor;
    const fused = model.predict(x) as tf.Tensor;
    expect(maxDiff(stock, fused)).toBeLessThan(TOL);
    tf.dispose([x, stock, fused]);
    model.dispose();
    stockModel.dispose();
  });

  it.skipIf(!k)('trains the same: a few Adam steps from the same weights end at the same weights, without leaking tensors', async () => {
    const { train } = await smallDigits(256);
    const spec: ModelSpec = { family: 'vanilla', inputShape: [28, 28], units: 32, head: { task: 'multiclass', outputs: 10 }, seed: 3 };
    const weightsAfter = async (fused: FusedOption) => {
      const model = buildModel({ ...spec, fused });
      const history = await fit(model, train, { epochs: 2, batchSize: 64, seed: 1 });
      const weights = model.getWeights().map((w) => w.clone());
      model.dispose();
      return { weights, history };
    };
    const stock = await weightsAfter(false);
    const before = tf.memory().numTensors;
    const fused = await weightsAfter('auto');
    expect(tf.memory().numTensors - before).toBe(fused.weights.length); // only the clones are left
    // 8 steps of Adam amplify last-bit differences a little (Adam divides by sqrt(v)): 1e-4 still catches any bug.
    stock.weights.forEach((w, i) => expect(maxDiff(w, fused.weights[i]!)).toBeLessThan(1e-4));
    expect(new Set(fused.history.epochs.map((e) => e.numTensors)).size).toBe(1);
    tf.dispose([...stock.weights, ...fused.weights]);
  });

  it.skipIf(!k)('does not leak tensors across forward and backward calls', () => {
    const layer = lstm({ inputShape: [5, 2] });
    const x = tf.randomNormal([4, 5, 2]);
    const step = () => tf.dispose(outputsAndGradients(layer, x));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    layer.dispose();
  });
});

describe('when the fused kernel cannot run the layer', () => {
  it('uses tfjs-layers code and says why: dropout while training, a mask, other activations', () => {
    expect(lstm({ inputShape: [3, 2], dropout: 0.2 }).fusedPlan({ training: true })).toEqual({ reason: 'dropout inside the layer while training' });
    expect(lstm({ inputShape: [3, 2], dropout: 0.2 }).fusedPlan({ training: false })).toHaveProperty('kernel');
    expect(lstm({ inputShape: [3, 2] }).fusedPlan({ mask: tf.ones([1, 3]) })).toEqual({ reason: 'masked (padded) input' });
    expect(lstm({ inputShape: [3, 2], activation: 'elu' }).fusedPlan()).toEqual({ reason: 'activation elu (the fused kernel does tanh or relu)' });
    expect(lstm({ inputShape: [3, 2], recurrentActivation: 'hardSigmoid' }).fusedPlan()).toEqual({ reason: "recurrent activation hardSigmoid (the fused kernel's gates are sigmoid)" });
    expect(lstm({ inputShape: [3, 2], fused: false }).fusedPlan()).toEqual({ reason: "the layer's option fused: false" });
  });

  it('with fused: true, what the kernel cannot run throws with the reason: dropout while training at the call, an activation at build', async () => {
    const { train } = await smallDigits(16);
    const spec: ModelSpec = { family: 'vanilla', inputShape: [28, 28], units: 4, dropout: 0.2, head: { task: 'multiclass', outputs: 10 }, seed: 1, fused: true };
    const model = buildModel(spec);
    await expect(fit(model, train, { epochs: 1, batchSize: 8 })).rejects.toThrow(new FusedKernelError('lstm', 'dropout inside the layer while training'));
    model.dispose();
    expect(() => lstm({ inputShape: [3, 2], activation: 'elu', fused: true })).toThrow(/has fused: true, but the fused kernel cannot run it: activation elu/);
  });

  it('on a backend no fused kernel is registered for, fused: true throws naming the backends the kernels run on', async () => {
    // tfjs' own cpu backend and kernels under another name: a backend lstmkit has registered no fused kernel for,
    // as a third party's would be.
    tf.registerBackend('cpu-unlisted', () => new MathBackendCPU(), 0);
    for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'cpu-unlisted' });
    try {
      await tf.setBackend('cpu-unlisted');
      const x = tf.zeros([1, 3, 2]);
      expect(lstm({ inputShape: [3, 2] }).fusedPlan()).toEqual({ reason: expect.stringMatching(/^the fused kernels run on [\w/]*cpu[\w/]* tensors, not cpu-unlisted$/) });
      expect(() => lstm({ inputShape: [3, 2], fused: true, name: 'strict' }).apply(x)).toThrow(/^layer "strict" has fused: true, but the fused kernel cannot run it: the fused kernels run on [\w/]+ tensors, not cpu-unlisted/);
      tf.dispose(lstm({ inputShape: [3, 2] }).apply(x) as tf.Tensor); // 'auto' runs tfjs-layers' code there
      tf.dispose(x);
    } finally {
      await useBackend('wasm');
      tf.removeBackend('cpu-unlisted');
      for (const k of tf.getKernelsForBackend('cpu-unlisted')) tf.unregisterKernel(k.kernelName, 'cpu-unlisted');
    }
  });

  it('masked input (Embedding maskZero) gives the stock result', () => {
    const spec: ModelSpec = { family: 'vanilla', inputShape: [6, 1], units: 8, head: { task: 'binary', outputs: 1 }, options: { embedding: { vocabulary: 20, dim: 4, maskZero: true } }, seed: 2 };
    const model = buildModel(spec), stockModel = buildModel({ ...spec, fused: false });
    stockModel.setWeights(model.getWeights());
    const x = tf.tensor2d([[0, 0, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]);
    const stock = stockModel.predict(x) as tf.Tensor;
    const fused = model.predict(x) as tf.Tensor;
    expect(maxDiff(stock, fused)).toBe(0);
    tf.dispose([x, stock, fused]);
    model.dispose();
    stockModel.dispose();
  });
});
