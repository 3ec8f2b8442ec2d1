import { describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { tf } from '../tf.js';
import { hasWebgpu } from '../test-helpers.js';
import { HostAdam } from './host-adam.js';

const webgpu = await hasWebgpu();

/** Weights and optimizer state after `steps` Adam steps from the same start on the same batches, as plain arrays. */
async function train(optimizer: tf.Optimizer, steps: number, switchTo?: { step: number; backend: string }) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 7, inputShape: [5], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), biasInitializer: tf.initializers.randomNormal({ seed: 2 }) }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const before = tf.memory().numTensors;
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    if (i === switchTo?.step) await useBackend(switchTo.backend);
    const [x, y] = tf.tidy(() => [tf.randomNormal([16, 5], 0, 1, 'float32', 10 + i), tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2, 1, 1, 0, 2], 'int32'), 3)]);
    await model.trainOnBatch(x!, y!);
    tf.dispose([x!, y!]);
    counts.push(tf.memory().numTensors);
  }
  // Asynchronous reads: webgpu in Node cannot read synchronously. Names without the layers' per-model numbers.
  const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
  const state = await Promise.all((await optimizer.getWeights()).map(async (w) => [w.name.replace(/\d+\//, '/'), Array.from(await w.tensor.data())] as const));
  model.dispose();
  optimizer.dispose();
  return { weights, state, grew: counts.at(-1)! - counts[0]!, before };
}

/** 6 steps on wasm, or 3 on wasm and 3 on `backend`: the same weights (reset moments would be off by >1e-3). */
async function expectSwitchKeepsState(backend: string, tolerance: number) {
  await useBackend('wasm');
  const straight = await train(new HostAdam(0.01), 6);
  await useBackend('wasm');
  const switched = await train(new HostAdam(0.01), 6, { step: 3, backend });
  expect(maxDiff(switched.weights, straight.weights)).toBeLessThan(tolerance);
  await useBackend('wasm');
}

const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i]![j]!))));

describe('HostAdam', () => {
  it.each(['wasm', 'cpu'])('on %s: the same weights and moments as tfjs Adam after 6 steps, updated on the host, no tensors leaked', async (backend) => {
    await useBackend(backend);
    const stock = await train(tf.train.adam(0.01), 6);
    const host = await train(new HostAdam(0.01), 6);
    // float64 arithmetic in JavaScript against tfjs' float32 kernels: last-bit differences only.
    expect(maxDiff(host.weights, stock.weights)).toBeLessThan(1e-6);
    expect(host.state.map(([name]) => name)).toEqual(stock.state.map(([name]) => name)); // iter, then each weight's m and v
    expect(maxDiff(host.state.map(([, v]) => v), stock.state.map(([, v]) => v))).toBeLessThan(1e-6);
    expect(host.grew).toBe(0);
    // And it moved the weights: a broken update that wrote nothing would also equal a stock run of zero steps.
    const untrained = await train(tf.train.adam(0.01), 0);
    expect(maxDiff(host.weights, untrained.weights)).toBeGreaterThan(1e-3);
  });

  it('updates the moments in place in the wasm heap and by copies on cpu; weights always get new memory', async () => {
    for (const [backend, inPlace] of [['wasm', true], ['cpu', false]] as const) {
      await useBackend(backend);
      const optimizer = new HostAdam(0.1);
      const w = tf.variable(tf.tensor1d([1, -2, 3]), true, `inplace_${backend}`);
      const step = () => optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
      step(); // creates the moments
      const [m] = (optimizer as unknown as { accumulatedFirstMoment: { variable: tf.Variable }[] }).accumulatedFirstMoment;
      const memory = { m: m!.variable.dataId, w: w.dataId };
      step();
      expect(m!.variable.dataId === memory.m, backend).toBe(inPlace);
      // tfjs' wasm kernels cache XNNPACK operators per weight tensor: a weight changed in place would be read stale.
      expect(w.dataId).not.toBe(memory.w);
      // Adam's first steps move each weight by ~lr toward 0, whatever the gradient's size.
      expect(Array.from(w.dataSync()).map((x) => Math.round(x * 10) / 10)).toEqual([0.8, -1.8, 2.8]);
      // A moment whose memory another tensor shares is not written in place (that tensor must not change).
      const alias = tf.reshape(m!.variable, [3, 1]);
      const before = Array.from(alias.dataSync());
      step();
      expect(Array.from(alias.dataSync())).toEqual(before);
      expect(Array.from(m!.variable.dataSync())).not.toEqual(before);
      tf.dispose([alias, w]);
      optimizer.dispose();
    }
    await useBackend('wasm');
  });

  it('carries its state across a backend switch mid-training (the moments are variables, moved with the weights)', async () => {
    await expectSwitchKeepsState('cpu', 1e-6);
  });

  it('runs no tfjs kernel for the update on wasm (tfjs Adam runs ~12 per weight tensor)', async () => {
    await useBackend('wasm');
    const kernelsPerStep = async (optimizer: tf.Optimizer) => {
      const w = tf.variable(tf.ones([4, 3]), true, `w_${optimizer.constructor.name}`);
      const step = () => void optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar);
      step(); // first step creates the moments
      const profile = await tf.profile(step);
      optimizer.dispose();
      w.dispose();
      return profile.kernels.length;
    };
    const stock = await kernelsPerStep(tf.train.adam(0.01));
    const host = await kernelsPerStep(new HostAdam(0.01));
    expect(stock - host).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(!webgpu)('on webgpu (not host memory) it is tfjs Adam', async () => {
    await useBackend('webgpu');
    const stock = await train(tf.train.adam(0.01), 3);
    const host = await train(new HostAdam(0.01), 3);
    expect(maxDiff(host.weights, stock.weights)).toBe(0);
    // Moments made on the host (wasm) carry on in tfjs' code on webgpu.
    await expectSwitchKeepsState('webgpu', 1e-5);
  });
});
