import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, FusedLSTM, type ModelSpec } from '@lstmkit/models';
import { expect, it } from 'vitest';
import { loadModel, saveModel } from '../node.js';
import { tf } from '../tf.js';

// A program that only loads a saved model and predicts, as a user's script does: no useBackend(), no fit(). Importing
// the trainer starts registering the fused kernels (this file runs in a process of its own), and loadModel waits
// for them, so model.predict() right after runs them.

const SPEC: ModelSpec = { family: 'vanilla', inputShape: [6, 3], units: 8, head: { task: 'multiclass', outputs: 4 }, seed: 1 };

it('loadModel + model.predict run the fused kernels without useBackend()', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-import-')), 'model');
  const model = buildModel(SPEC);
  await saveModel(dir, model, { spec: SPEC, dataset: { name: 'test', source: 'memory', task: 'multiclass', timesteps: 6, features: 3, trainSamples: 0 }, backend: 'cpu', seed: 1 });
  model.dispose();

  const { model: loaded } = await loadModel(dir);
  expect(tf.getBackend()).toBe('cpu'); // tfjs' default in Node: nothing chose a backend
  const layer = loaded.layers.find((l) => l instanceof FusedLSTM) as FusedLSTM;
  expect(layer.fusedPlan()).toMatchObject({ kernel: { name: expect.stringMatching(/^(native C\+\+|wasm SIMD128) \(/), note: expect.any(String) } });
  const x = tf.randomNormal([5, 6, 3], 0, 1, 'float32', 2);
  const fused = loaded.predict(x) as tf.Tensor;
  // The same weights in layers that run tfjs-layers' code.
  const stockModel = buildModel({ ...SPEC, fused: false });
  stockModel.setWeights(loaded.getWeights());
  const stock = stockModel.predict(x) as tf.Tensor;
  expect(tf.max(tf.abs(tf.sub(fused, stock))).dataSync()[0]).toBeLessThan(1e-5);
  tf.dispose([x, fused, stock]);
  loaded.dispose();
  stockModel.dispose();
});
