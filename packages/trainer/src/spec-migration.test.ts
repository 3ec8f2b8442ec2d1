import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildModel, fusedRecurrentReport, resolveSpec, summarizeModel } from '@lstmkit/models';
import { describe, expect, it } from 'vitest';
import { useBackend } from './index.js';
import { loadModel } from './persist.js';
import { tf } from './tf.js';

// Models saved by lstmkit before each family had its own options (fixtures/spec-before-options/make.mjs says how):
// their lstmkit.json has batchNorm, conv, mergeMode, outputSteps, embedding… at the top level of the spec.
const FIXTURES = fileURLToPath(new URL('./fixtures/spec-before-options/', import.meta.url));
const saved = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'presets').map((d) => d.name);

describe('models saved before family options', () => {
  it('are five, one per family field that moved', () => {
    expect(saved.sort()).toEqual(['bidirectional', 'cnn-lstm', 'encoder-decoder', 'stacked', 'vanilla-embedding']);
  });

  it.each(saved)('%s: loads, its spec reads in today\'s form, and that spec rebuilds the same model', async (name) => {
    await useBackend('cpu');
    const before = tf.memory().numTensors;
    const { model, metadata } = await loadModel(`${FIXTURES}${name}`);
    const old = JSON.parse(readFileSync(`${FIXTURES}${name}/lstmkit.json`, 'utf8')).spec;
    expect(Object.keys(old).some((k) => ['batchNorm', 'conv', 'mergeMode', 'outputSteps', 'embedding', 'dense', 'layerDropout'].includes(k))).toBe(true);
    const spec = metadata.spec;
    expect(Object.keys(spec)).not.toContain('conv');
    // Saved before recurrent layers had a fused option: they load with the default, 'auto'.
    expect(spec.fused).toBeUndefined();
    expect(fusedRecurrentReport(model).map((r) => r.fused)).toEqual(fusedRecurrentReport(model).map(() => 'auto'));
    expect(fusedRecurrentReport(model).length).toBeGreaterThan(0);
    resolveSpec(spec); // valid today
    // The spec builds the layers the saved model has, and with its weights gives the same outputs.
    const rebuilt = buildModel(spec);
    expect(summarizeModel(rebuilt).layers.map((l) => `${l.type}:${l.outputShape}:${l.params}`)).toEqual(summarizeModel(model).layers.map((l) => `${l.type}:${l.outputShape}:${l.params}`));
    rebuilt.setWeights(model.getWeights());
    const [t, f] = spec.inputShape;
    const x = tf.tidy(() => (spec.options?.embedding ? tf.tensor2d(Array.from({ length: 2 * t }, (_, i) => i % 5), [2, t]) : tf.randomUniform([2, t, f], 0, 1, 'float32', 3)));
    const [a, b] = tf.tidy(() => [model.predict(x) as tf.Tensor, rebuilt.predict(x) as tf.Tensor]);
    expect(Array.from(await b!.data())).toEqual(Array.from(await a!.data()));
    tf.dispose([x, a!, b!]);
    model.dispose();
    rebuilt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('their options are where the families read them', async () => {
    const spec = async (name: string) => (await loadModel(`${FIXTURES}${name}`)).metadata.spec;
    expect((await spec('cnn-lstm')).options).toEqual({ filters: 2, kernelSize: 2, poolSize: 2 });
    expect((await spec('stacked')).options).toEqual({ batchNorm: true, layerDropout: 0.1, dense: [4] });
    expect((await spec('bidirectional')).options).toEqual({ mergeMode: 'ave' });
    expect((await spec('encoder-decoder')).options).toEqual({ outputSteps: 2 });
    expect((await spec('vanilla-embedding')).options).toMatchObject({ embedding: { dim: 3, maskZero: true } });
  });
});
