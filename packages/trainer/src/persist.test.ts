import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { ModelFileError, NonFiniteError } from './errors.js';
import { predict } from './evaluate.js';
import { fit } from './fit.js';
import { loadModel, saveModel } from './persist.js';
import { smallDigits, smallModel } from './test-helpers.js';
import { tf } from './tf.js';

const SPEC = { family: 'vanilla', inputShape: [28, 28] as const, units: 16, head: { task: 'multiclass' as const, outputs: 10 }, seed: 1 };
const META = {
  spec: SPEC,
  dataset: { name: 'mnist', source: 'embedded', task: 'multiclass' as const, timesteps: 28, features: 28, trainSamples: 300 },
  backend: 'wasm',
  seed: 1,
  metrics: { testAccuracy: 0.5 },
};

beforeAll(async () => {
  await useBackend('wasm');
});

/** A small untrained model saved in a new folder "m". */
async function savedModel(prefix: string) {
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'm');
  const model = smallModel(4);
  await saveModel(dir, model, META);
  return { dir, model };
}

describe('save and load', () => {
  it('round-trips a trained model: identical predictions, metadata kept, nothing half-written', async () => {
    const { train, test } = await smallDigits(300);
    const model = smallModel(16);
    await fit(model, train, { epochs: 1, batchSize: 50 });
    const parent = mkdtempSync(join(tmpdir(), 'lstmkit-save-'));
    const dir = join(parent, 'model');
    await saveModel(dir, model, META);
    expect(readdirSync(parent)).toEqual(['model']);
    expect(readdirSync(dir).sort()).toEqual(['lstmkit.json', 'model.json', 'weights.bin']);
    const { model: loaded, metadata } = await loadModel(dir);
    expect(metadata.spec).toEqual(SPEC);
    expect(metadata.metrics).toEqual({ testAccuracy: 0.5 });
    expect(metadata.versions['@tensorflow/tfjs-core']).toBe('4.22.0');
    const a = await predict(model, test);
    const b = await predict(loaded, test);
    expect(Array.from(b.outputs)).toEqual(Array.from(a.outputs));
    // Saving again over it replaces it whole.
    await fit(model, train, { epochs: 1, batchSize: 50 });
    await saveModel(dir, model, META);
    expect(readdirSync(parent)).toEqual(['model']);
    const c = await predict((await loadModel(dir)).model, test);
    expect(Array.from(c.outputs)).toEqual(Array.from((await predict(model, test)).outputs));
  });

  it('names the file that is missing or damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-bad-'));
    await expect(loadModel(dir)).rejects.toThrow(/lstmkit\.json: missing: not a saved lstmkit model directory/);
    await saveModel(join(dir, 'm'), smallModel(4), META);
    const weights = join(dir, 'm', 'weights.bin');
    writeFileSync(weights, readFileSync(weights).subarray(0, 100));
    const err = await loadModel(join(dir, 'm')).catch((e) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/weights\.bin: 100 bytes, the marker records \d+: the file is damaged/);
    writeFileSync(join(dir, 'm', 'model.json'), '{oops');
    await expect(loadModel(join(dir, 'm'))).rejects.toThrow(/model\.json: \d+ bytes, the marker records \d+/);
    expect(existsSync(join(dir, 'm', 'lstmkit.json'))).toBe(true);
  });

  it('records the sha256 of every file and refuses a flipped byte or a NaN weight on load, naming the file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-sum-')), 'm');
    await saveModel(dir, smallModel(4), META, { files: { 'notes.svg': '<svg/>' } });
    const meta = JSON.parse(readFileSync(join(dir, 'lstmkit.json'), 'utf8'));
    expect(Object.keys(meta.files).sort()).toEqual(['model.json', 'notes.svg', 'weights.bin']);
    expect(meta.files['weights.bin']).toEqual({ bytes: readFileSync(join(dir, 'weights.bin')).length, sha256: createHash('sha256').update(readFileSync(join(dir, 'weights.bin'))).digest('hex') });
    const weights = join(dir, 'weights.bin');
    const good = readFileSync(weights);
    const flipped = Buffer.from(good);
    flipped[123] = flipped[123]! ^ 0xff;
    writeFileSync(weights, flipped);
    await expect(loadModel(dir)).rejects.toThrow(/weights\.bin: sha256 [0-9a-f]{64} does not match the recorded [0-9a-f]{64}: the file is damaged/);
    // A NaN in the last bias, with the checksum made to match (as an older lstmkit or another tool could write it).
    const nan = Buffer.from(good);
    nan.writeFloatLE(NaN, nan.length - 4);
    writeFileSync(weights, nan);
    writeFileSync(join(dir, 'lstmkit.json'), JSON.stringify({ ...meta, files: { ...meta.files, 'weights.bin': { bytes: nan.length, sha256: createHash('sha256').update(nan).digest('hex') } } }));
    const err = await loadModel(dir).catch((e) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/weights\.bin: weight "dense\/bias" holds NaN \(value 10 of 10\): the model is broken/);
  });

  it('loads a model saved before checksums, with a warning', async () => {
    const { dir, model } = await savedModel('lstmkit-old-');
    const { files: _, ...legacy } = JSON.parse(readFileSync(join(dir, 'lstmkit.json'), 'utf8'));
    writeFileSync(join(dir, 'lstmkit.json'), JSON.stringify(legacy));
    const loaded = await loadModel(dir);
    expect(loaded.warnings).toEqual([expect.stringMatching(/lstmkit\.json: no checksums \(saved by an older lstmkit\)/)]);
    loaded.model.dispose();
    model.dispose();
  });

  it('never saves a model whose weights are not finite, and leaves the earlier one', async () => {
    const { dir, model } = await savedModel('lstmkit-nan-');
    const before = readFileSync(join(dir, 'weights.bin'));
    const weights = model.getWeights();
    model.setWeights(weights.map((w, i) => (i === 1 ? tf.fill(w.shape, Infinity) : w)));
    const err = await saveModel(dir, model, META).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.message).toMatch(/not saved: weight "lstm\/recurrent_kernel" holds Infinity \(value 1 of \d+\)/);
    expect(readFileSync(join(dir, 'weights.bin'))).toEqual(before);
    expect(readdirSync(join(dir, '..'))).toEqual(['m']);
    model.dispose();
  });

  it('loads a folder another tool re-saved in shards (with a warning: its files are not covered by the checksums), never a path outside it', async () => {
    const { dir, model } = await savedModel('lstmkit-shards-');
    const weights = readFileSync(join(dir, 'weights.bin'));
    writeFileSync(join(dir, 'group1-shard1of2.bin'), weights.subarray(0, 1000));
    writeFileSync(join(dir, 'group1-shard2of2.bin'), weights.subarray(1000));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'] }] }));
    const loaded = await loadModel(dir);
    expect(loaded.warnings).toEqual([expect.stringMatching(/model\.json: names weight files lstmkit did not write \(group1-shard1of2\.bin, group1-shard2of2\.bin\)/)]);
    loaded.model.dispose();
    // Without checksums (which would call this model.json damaged), the path itself is refused.
    const { files: _, ...legacy } = JSON.parse(readFileSync(join(dir, 'lstmkit.json'), 'utf8'));
    writeFileSync(join(dir, 'lstmkit.json'), JSON.stringify(legacy));
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: [{ ...json.weightsManifest[0], paths: ['../../etc/passwd'] }] }));
    await expect(loadModel(dir)).rejects.toThrow(/model\.json: weight file "\.\.\/\.\.\/etc\/passwd" is not a name inside the model folder/);
    model.dispose();
  });
});
