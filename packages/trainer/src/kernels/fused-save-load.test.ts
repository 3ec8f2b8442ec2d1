import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '@lstmkit/datasets';
import { buildModel, fusedRecurrentReport, registerRecurrentKernel, type ModelSpec } from '@lstmkit/models';
import { loadWasmKernels, type FusedKernels } from '@lstmkit/native';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { predict } from '../evaluate.js';
import { fit } from '../fit.js';
import { loadModel, saveModel } from '../persist.js';
import type { LayersModel } from '../tf.js';
import { hasWebgpu, nativeKernels } from '../test-helpers.js';
import { hostKernel } from './fused-kernels.js';
import { WGSL_KERNEL_NAME } from './wgsl-recurrent.js';

// FusedLSTM/GRU/SimpleRNN keep tfjs' class and Keras' weight layout whichever implementation runs them — the native
// addon, its WebAssembly build (both on wasm tensors) or the WGSL kernels (on webgpu tensors) — so a model trained
// and saved on one loads, predicts the same and trains on on any other, and ends where staying put ends.

/** One implementation of the fused kernels: host kernels registered on the wasm backend, or WGSL on webgpu. */
interface Implementation {
  readonly label: string;
  readonly backend: 'wasm' | 'webgpu';
  readonly kernels?: FusedKernels;
}

const native = nativeKernels();
const webgpu = await hasWebgpu();
const wasmBuild = await loadWasmKernels({ threads: 2 });
if (!wasmBuild.available) throw new Error(`the WebAssembly kernels did not load: ${wasmBuild.reason}`);
const IMPLEMENTATIONS: Implementation[] = [
  ...(native ? [{ label: 'native addon', backend: 'wasm' as const, kernels: native }] : []),
  { label: 'WebAssembly build', backend: 'wasm', kernels: wasmBuild.kernels },
  ...(webgpu ? [{ label: 'WGSL', backend: 'webgpu' as const }] : []),
];

const { train, test } = await loadDataset('echo', { seed: 2, limit: 24 });
const META = { dataset: { name: 'echo', source: 'synthetic', task: 'multiclass' as const, timesteps: 5, features: 10, trainSamples: 24 }, seed: 1, metrics: {} };
// Each implementation sums in its own order (blocked GEMM, SIMD128, GPU workgroups) and two epochs of Adam amplify
// last-bit differences a little; a wrong gate, a transposed weight or a lost gradient is off by more than 1e-2.
const TOL = 1e-4;

const relativeDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0) / Math.max(1, ...a.map(Math.abs));
const weightsOf = (model: LayersModel) => Promise.all(model.getWeights().map((w) => w.data() as Promise<Float32Array>));
const kernelsOf = (model: LayersModel) => fusedRecurrentReport(model).map((r) => r.kernel ?? r.reason);

/** Makes `impl` the one the fused layers run, and says its kernel's name. */
async function switchTo(impl: Implementation): Promise<string> {
  await useBackend(impl.backend);
  if (!impl.kernels) return WGSL_KERNEL_NAME;
  registerRecurrentKernel(hostKernel(impl.kernels, 'under test')); // the most recent registration wins on wasm
  return impl.kernels.name;
}

/** Every ordered pair of different implementations, or (`cycle`) each to the next: the first to the second, …, the last to the first. */
function moves(cycle: boolean): [Implementation, Implementation][] {
  if (cycle) return IMPLEMENTATIONS.map((from, i) => [from, IMPLEMENTATIONS[(i + 1) % IMPLEMENTATIONS.length]!]);
  return IMPLEMENTATIONS.flatMap((from) => IMPLEMENTATIONS.filter((to) => to !== from).map((to): [Implementation, Implementation] => [from, to]));
}

describe('the fused option across a save and load', () => {
  it.each([true, false, 'auto'] as const)('fused: %s is what the loaded layers have, and what they run', async (fused) => {
    await useBackend('wasm');
    const spec: ModelSpec = { family: 'stacked', inputShape: [5, 10], units: [4, 3], head: { task: 'multiclass', outputs: 10 }, seed: 2, fused };
    const model = buildModel(spec);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-fused-option-')), 'model');
    await saveModel(dir, model, { ...META, spec, backend: 'wasm' });
    const { model: loaded, metadata } = await loadModel(dir);
    expect(metadata.spec.fused).toBe(fused);
    const report = fusedRecurrentReport(loaded);
    expect(report.map((r) => r.fused)).toEqual([fused, fused]);
    expect(report.every((r) => (fused === false ? r.reason === "the layer's option fused: false" : r.kernel !== undefined))).toBe(true);
    expect(relativeDiff((await predict(loaded, test)).outputs, (await predict(model, test)).outputs)).toBeLessThan(1e-5);
    model.dispose();
    loaded.dispose();
  });
});

describe.skipIf(IMPLEMENTATIONS.length < 2)(`one model across the fused kernels: ${IMPLEMENTATIONS.map((i) => i.label).join(', ')}`, () => {
  // Every way for the LSTM; GRU and SimpleRNN around the cycle (each implementation saves once and loads once), which
  // keeps the file to a few minutes on SwiftShader.
  it.each([
    ['LSTM, every pair', { family: 'vanilla', units: 6 }, false],
    ['GRU, around the cycle', { family: 'gru', units: 6 }, true],
    ['SimpleRNN, around the cycle', { family: 'rnn', units: 6, activation: 'relu' }, true],
  ] as const)('%s: trained and saved on one, loaded and trained on another, ends where staying put ends (within 1e-4)', async (_, family, cycle) => {
    const spec = { inputShape: [5, 10], head: { task: 'multiclass', outputs: 10 }, seed: 2, ...family } as ModelSpec;
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-fused-'));

    /** One epoch on `first`, saved; loaded on `second` (same predictions), one more epoch there: the weights then and after. */
    const move = async (first: Implementation, second: Implementation) => {
      const path = join(dir, `${first.label} to ${second.label}`);
      const firstKernel = await switchTo(first);
      const model = buildModel(spec);
      await fit(model, train, { epochs: 1, batchSize: 8, seed: 1 });
      const layers = kernelsOf(model).length;
      expect(layers).toBeGreaterThan(0);
      expect(kernelsOf(model), `${first.label} ran the layers`).toEqual(Array(layers).fill(firstKernel));
      const saved = (await predict(model, test)).outputs;
      await saveModel(path, model, { ...META, spec, backend: first.backend });
      model.dispose();

      const secondKernel = await switchTo(second);
      const { model: loaded } = await loadModel(path);
      expect(kernelsOf(loaded), `${second.label} ran the loaded layers`).toEqual(Array(layers).fill(secondKernel));
      expect(relativeDiff((await predict(loaded, test)).outputs, saved), `${first.label} -> ${second.label}: predictions`).toBeLessThan(TOL);
      const before = await weightsOf(loaded);
      await fit(loaded, train, { epochs: 1, batchSize: 8, seed: 2 });
      const after = await weightsOf(loaded);
      loaded.dispose();
      return { before, after };
    };

    const [home] = IMPLEMENTATIONS as [Implementation];
    const stay = await move(home, home);
    // The second epoch changed the weights, so agreeing after it checks the training, not only the load.
    expect(Math.max(...stay.after.map((w, i) => relativeDiff(w, stay.before[i]!)))).toBeGreaterThan(1e-3);
    for (const [first, second] of moves(cycle)) {
      const { after } = await move(first, second);
      after.forEach((w, i) => expect(relativeDiff(w, stay.after[i]!), `${first.label} -> ${second.label}: weight ${i}`).toBeLessThan(TOL));
    }
  }, 600_000);
});
