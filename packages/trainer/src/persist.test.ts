import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { ModelFileError } from './errors.js';
import { predict } from './evaluate.js';
import { fit } from './fit.js';
import { loadModel, saveModel } from './persist.js';
import { smallDigits, smallModel } from './test-helpers.js';

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
    expect(err.message).toMatch(/weights\.bin: 100 bytes, the manifest in model\.json needs \d+/);
    writeFileSync(join(dir, 'm', 'model.json'), '{oops');
    await expect(loadModel(join(dir, 'm'))).rejects.toThrow(/model\.json: not valid JSON/);
    expect(existsSync(join(dir, 'm', 'lstmkit.json'))).toBe(true);
  });
});
