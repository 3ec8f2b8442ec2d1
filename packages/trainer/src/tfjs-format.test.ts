import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { useBackend } from './backends/registry.js';
import { forwardPass } from './evaluate.js';
import { loadModel, saveModel, METADATA_FILE } from './persist.js';
import { tf } from './tf.js';

// A saved lstmkit model is a plain tfjs LayersModel folder: the way to Keras (tensorflowjs_converter reads it) and
// back (the converter writes the same format, in shards). Here, for every family: lstmkit saves; a separate Node
// process with nothing but @tensorflow/tfjs loads the folder over HTTP with tf.loadLayersModel (as a web page
// would), predicts the same inputs, and saves it again in the converter's sharded layout; lstmkit loads that back.
const multiclass = { task: 'multiclass' as const, outputs: 3 };
const FAMILIES: Record<string, ModelSpec> = {
  vanilla: { family: 'vanilla', inputShape: [5, 3], units: 4, dense: [5], head: multiclass },
  stacked: { family: 'stacked', inputShape: [5, 3], units: [4, 3], activation: 'relu', batchNorm: true, layerDropout: 0.2, head: { task: 'binary', outputs: 1 } },
  bidirectional: { family: 'bidirectional', inputShape: [5, 3], units: 4, mergeMode: 'ave', head: multiclass },
  rnn: { family: 'rnn', inputShape: [5, 3], units: 4, activation: 'relu', head: multiclass },
  gru: { family: 'gru', inputShape: [5, 3], units: [4, 3], head: multiclass },
  'cnn-lstm': { family: 'cnn-lstm', inputShape: [4, 16], units: 4, conv: { filters: 2, kernelSize: 3, frame: [4, 4] }, head: multiclass },
  'encoder-decoder': { family: 'encoder-decoder', inputShape: [5, 2], units: [4, 3], outputSteps: 2, head: { task: 'regression', outputs: 2 } },
  generative: { family: 'generative', inputShape: [5, 1], units: 4, embedding: { vocabulary: 9, dim: 3, maskZero: true }, head: { task: 'multiclass', outputs: 9 } },
};

// Plain tfjs, nothing of lstmkit: load over HTTP, predict, save as tensorflowjs_converter lays a model out.
const PLAIN_TFJS = `
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const { url, families, out } = JSON.parse(process.argv[1]);
const results = {};
for (const [name, { shape, x }] of Object.entries(families)) {
  const model = await tf.loadLayersModel(url + name + '/model.json');
  const y = model.predict(tf.tensor(x, shape));
  results[name] = Array.from(await y.data());
  await model.save(tf.io.withSaveHandler(async (a) => {
    const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(a.weightData));
    const half = 4 * Math.ceil(data.length / 8);
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'group1-shard1of2.bin'), data.subarray(0, half));
    writeFileSync(join(dir, 'group1-shard2of2.bin'), data.subarray(half));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'layers-model', generatedBy: a.generatedBy, convertedBy: 'test', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: a.weightSpecs }] }));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
}
console.log(JSON.stringify(results));
`;

/** Seeded weights in [-0.5, 0.5] (variances in [0.5, 1.5]), so every weight matters in the comparison. */
function randomize(model: tf.LayersModel, seed: number): void {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const values = model.weights.map((w) => tf.tensor(Float32Array.from({ length: w.shape.reduce((a, b) => a! * b!, 1)! }, () => (w.originalName.endsWith('moving_variance') ? 0.5 : -0.5) + next()), w.shape as number[]));
  model.setWeights(values);
  tf.dispose(values);
}

describe('the tfjs LayersModel format, both ways', () => {
  it('every family: lstmkit saves, plain tfjs loads it over HTTP with the same predictions, and its sharded save loads back into lstmkit', async () => {
    await useBackend('wasm');
    const root = mkdtempSync(join(tmpdir(), 'lstmkit-tfjs-format-'));
    const inputs: Record<string, { shape: number[]; x: number[] }> = {};
    const expected: Record<string, Float32Array> = {};
    for (const [name, spec] of Object.entries(FAMILIES)) {
      const model = buildModel({ ...spec, seed: 1 });
      randomize(model, 17);
      const [t, f] = spec.inputShape;
      const tokens = Boolean(spec.embedding);
      const x = Array.from({ length: 4 * t * f }, (_, i) => (tokens ? (i % t < Math.floor(i / t) ? 0 : 1 + (i % 8)) : Math.sin(i)));
      inputs[name] = { shape: tokens ? [4, t] : [4, t, f], x };
      expected[name] = (await forwardPass(model, { name, source: 'test', x: Float32Array.from(x), shape: [4, t, f], y: new Int32Array(4), task: 'multiclass' })).outputs;
      await saveModel(join(root, 'lstmkit', name), model, { spec, dataset: { name: 'test', source: 'test', task: spec.head.task, timesteps: t, features: f, trainSamples: 0 }, backend: 'wasm', seed: 1 });
      model.dispose();
    }

    const server = createServer((req, res) => {
      const file = join(root, 'lstmkit', decodeURIComponent(req.url!));
      if (!file.startsWith(join(root, 'lstmkit')) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(file));
    });
    const url = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)));
    const cwd = fileURLToPath(new URL('..', import.meta.url)); // where @tensorflow/tfjs resolves
    const args = JSON.stringify({ url, families: inputs, out: join(root, 'converted') });
    const child = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', PLAIN_TFJS, args], { cwd, maxBuffer: 1 << 24 }).finally(() => server.close());
    const plain = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Record<string, number[]>;

    for (const name of Object.keys(FAMILIES)) {
      // Plain tfjs' own LSTM/GRU/SimpleRNN code against lstmkit's fused kernels: the same up to float32 rounding.
      plain[name]!.forEach((v, i) => expect(Math.abs(v - expected[name]![i]!), `${name} in plain tfjs, output ${i}`).toBeLessThan(1e-5));
      const back = join(root, 'converted', name);
      expect(readdirSync(back).sort()).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'model.json']);
      copyFileSync(join(root, 'lstmkit', name, METADATA_FILE), join(back, METADATA_FILE));
      const { model } = await loadModel(back);
      const { shape, x } = inputs[name]!;
      const again = await forwardPass(model, { name, source: 'test', x: Float32Array.from(x), shape: [4, shape[1]!, FAMILIES[name]!.inputShape[1]], y: new Int32Array(4), task: 'multiclass' });
      expect(Array.from(again.outputs), `${name} back in lstmkit`).toEqual(Array.from(expected[name]!));
      model.dispose();
    }
  });

  it('names a missing shard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-shards-'));
    await saveModel(dir, buildModel({ ...FAMILIES.rnn!, seed: 1 }), { spec: FAMILIES.rnn!, dataset: { name: 't', source: 't', task: 'multiclass', timesteps: 5, features: 3, trainSamples: 0 }, backend: 'wasm', seed: 1 });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['group1-shard1of1.bin'];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'group1-shard1of1.bin')}: missing`);
  });
});
