import { loadDataset } from '@lstmkit/datasets/node';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { describe, expect, it } from 'vitest';
import { fit } from '../fit.js';
import { tf } from '../tf.js';
import { hasWebgpu } from '../test-helpers.js';
import { useBackend } from './registry.js';
import { backendInstantiated } from './switch.js';

// Every backend computes in float32, but with its own kernels (XNNPACK, plain JS loops, WGSL shaders; exp and
// tanh approximations differ), so sums and activations differ in the last bits: 1e-4 absolute on outputs and
// weights of order 1 allows that, while a wrong kernel (a transposed matrix, a missing bias) is off by > 1e-2.
const TOL = 1e-4;
const backends = ['cpu', 'wasm', ...((await hasWebgpu()) ? ['webgpu'] : [])];
const spec: ModelSpec = { family: 'stacked', inputShape: [5, 10], units: [8, 6], head: { task: 'multiclass', outputs: 10 }, seed: 3 };
const { train } = await loadDataset('echo', { seed: 2, limit: 24 });

/** Forward output, loss, and weights after 3 SGD steps, on one backend, from the same initial weights. */
async function runOn(backend: string, initial: Float32Array[]) {
  await useBackend(backend);
  const tensors = tf.memory().numTensors;
  const model = buildModel(spec);
  const values = initial.map((w, i) => tf.tensor(w, model.getWeights()[i]!.shape));
  model.setWeights(values); // copies them into the model's variables
  tf.dispose(values);
  const [out, lossTensor] = tf.tidy(() => {
    const x = tf.tensor3d(train.x, [train.shape[0], 5, 10]);
    const y = tf.oneHot(tf.tensor1d(Array.from(train.y), 'int32'), 10);
    const probabilities = model.predict(x) as tf.Tensor;
    // softmax(log p) = p: the categorical cross-entropy of the model's probabilities.
    return [probabilities, tf.losses.softmaxCrossEntropy(y, tf.log(probabilities))];
  });
  const output = await out!.data();
  const loss = (await lossTensor!.data())[0]!;
  tf.dispose([out!, lossTensor!]);
  await fit(model, train, { epochs: 1, batchSize: 8, optimizer: 'sgd', learningRate: 0.5, seed: 1 });
  const weights = await Promise.all(model.getWeights().map((w) => w.data() as Promise<Float32Array>));
  model.dispose();
  expect(tf.memory().numTensors, `tensors left on ${backend}`).toBe(tensors);
  return { output, loss, weights };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe(`the same model on ${backends.join(', ')}`, () => {
  it('gives the same forward output and loss, and 3 SGD steps move the weights the same way', async () => {
    await useBackend('cpu');
    const seedModel = buildModel(spec);
    const initial = seedModel.getWeights().map((w) => w.dataSync() as Float32Array);
    seedModel.dispose();
    const results = [];
    for (const b of backends) results.push({ b, ...(await runOn(b, initial)) });
    const [ref, ...others] = results;
    for (const r of others) {
      expect(maxDiff(r.output, ref!.output), `${r.b} output`).toBeLessThan(TOL);
      expect(Math.abs(r.loss - ref!.loss), `${r.b} loss`).toBeLessThan(TOL);
      r.weights.forEach((w, i) => expect(maxDiff(w, ref!.weights[i]!), `${r.b} weight ${i}`).toBeLessThan(TOL));
      // The weights did move (the check above is not comparing untouched copies).
      expect(maxDiff(r.weights[0]!, initial[0]!)).toBeGreaterThan(1e-3);
    }
  });

  it('moves a trained model from backend to backend, keeps training it, and frees the backend it left', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const model = buildModel(spec);
    await fit(model, train, { epochs: 1, batchSize: 8, seed: 1 });
    const x = () => tf.tensor3d(train.x.subarray(0, 4 * 50), [4, 5, 10]);
    const outputOn = async () => {
      const out = tf.tidy(() => model.predict(x()) as tf.Tensor);
      const values = await out.data();
      out.dispose();
      return values;
    };
    let previous = 'wasm';
    let expected = await outputOn();
    const live = tf.memory().numTensors;
    // wasm -> cpu -> webgpu -> wasm: from webgpu, tfjs alone would fail in Node (a webgpu tensor cannot be read
    // synchronously there), so this also checks that the weights really moved.
    for (const b of ['cpu', ...backends.filter((n) => n === 'webgpu'), 'wasm']) {
      await useBackend(b);
      expect(tf.getBackend()).toBe(b);
      // The same weights give the same output on the new backend.
      expect(maxDiff(await outputOn(), expected), `${previous} -> ${b}`).toBeLessThan(TOL);
      // The backend it left is disposed (its buffers, pools, heap), except cpu, which holds no pools.
      expect(backendInstantiated(previous), `${previous} after switching to ${b}`).toBe(previous === 'cpu');
      const w0 = await model.getWeights()[0]!.data();
      await fit(model, train, { epochs: 1, batchSize: 8, seed: 1 });
      expect(maxDiff(await model.getWeights()[0]!.data(), w0), `trained on ${b}`).toBeGreaterThan(1e-5);
      expect(tf.memory().numTensors, `tensors after training on ${b}`).toBe(live);
      expected = await outputOn();
      previous = b;
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds and trains fresh models back and forth without keeping tensors alive', async () => {
    const counts = [];
    for (const b of [...backends, ...backends]) {
      await useBackend(b);
      const model = buildModel(spec);
      await fit(model, train, { epochs: 1, batchSize: 8, seed: 1 });
      model.dispose();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
  });
});
