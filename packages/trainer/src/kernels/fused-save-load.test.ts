import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '@lstmkit/datasets';
import { buildModel, fusedLstmReport, type ModelSpec } from '@lstmkit/models';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backends/registry.js';
import { predict } from '../evaluate.js';
import { fit } from '../fit.js';
import { loadModel, saveModel } from '../persist.js';
import type { LayersModel } from '../tf.js';
import { hasWebgpu, nativeKernels } from '../test-helpers.js';
import { WGSL_KERNEL_NAME } from './wgsl-recurrent.js';

// FusedLSTM/GRU/SimpleRNN keep tfjs' class and Keras' weight layout whichever kernel runs them, so a model saved
// where one kernel trained it loads, predicts the same and trains on where another runs it.

const webgpu = await hasWebgpu();
const native = nativeKernels() !== undefined;
const { train, test } = await loadDataset('echo', { seed: 2, limit: 24 });
const META = { dataset: { name: 'echo', source: 'synthetic', task: 'multiclass' as const, timesteps: 5, features: 10, trainSamples: 24 }, backend: 'webgpu', seed: 1, metrics: {} };
const TOL = 1e-4;

const outputs = async (model: LayersModel) => (await predict(model, test)).outputs;
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
const kernelsOf = (model: LayersModel) => fusedLstmReport(model).map((r) => r.kernel ?? r.reason);

describe.skipIf(!webgpu)('a model moves between the fused kernels through save and load', () => {
  it.each([
    ['LSTM', { family: 'stacked', units: [6, 4] }],
    ['GRU', { family: 'gru', units: 6 }],
    ['SimpleRNN', { family: 'rnn', units: 6, activation: 'relu' }],
  ] as const)('%s: trained and saved on webgpu (WGSL), loaded on wasm and cpu (native), trained there, back on webgpu', async (_, family) => {
    const spec = { inputShape: [5, 10], head: { task: 'multiclass', outputs: 10 }, seed: 2, ...family } as ModelSpec;
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-fused-'));
    await useBackend('webgpu');
    const model = buildModel(spec);
    await fit(model, train, { epochs: 1, batchSize: 8, seed: 1 });
    expect(kernelsOf(model).every((k) => k === WGSL_KERNEL_NAME)).toBe(true);
    const onWebgpu = await outputs(model);
    await saveModel(join(dir, 'webgpu'), model, { ...META, spec });
    model.dispose();

    for (const backend of ['wasm', 'cpu']) {
      await useBackend(backend);
      const { model: loaded } = await loadModel(join(dir, 'webgpu'));
      if (native) expect(kernelsOf(loaded).every((k) => k?.startsWith('native C++'))).toBe(true);
      expect(maxDiff(await outputs(loaded), onWebgpu), `webgpu -> ${backend}`).toBeLessThan(TOL);
      if (backend === 'wasm') {
        await fit(loaded, train, { epochs: 1, batchSize: 8, seed: 2 });
        expect(maxDiff(await outputs(loaded), onWebgpu), 'trained on wasm').toBeGreaterThan(TOL);
        await saveModel(join(dir, 'wasm'), loaded, { ...META, spec, backend });
      }
      loaded.dispose();
    }

    const onWasm = await (async () => {
      await useBackend('wasm');
      const { model: m } = await loadModel(join(dir, 'wasm'));
      const o = await outputs(m);
      m.dispose();
      return o;
    })();
    await useBackend('webgpu');
    const { model: back } = await loadModel(join(dir, 'wasm'));
    expect(kernelsOf(back).every((k) => k === WGSL_KERNEL_NAME)).toBe(true);
    expect(maxDiff(await outputs(back), onWasm), 'wasm -> webgpu').toBeLessThan(TOL);
    await fit(back, train, { epochs: 1, batchSize: 8, seed: 3 });
    expect(maxDiff(await outputs(back), onWasm), 'trained on webgpu').toBeGreaterThan(TOL);
    back.dispose();
  });
});
