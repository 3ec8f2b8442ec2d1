import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hasWebgpu } from '../test-helpers.js';
import { tf } from '../tf.js';
import { useBackend } from './registry.js';

const here = createRequire(import.meta.url);
const webgpuHere = await hasWebgpu();

/** The tfjs-core file a package gets when it imports '@tensorflow/tfjs-core'. */
const coreOf = (pkg: string) => realpathSync(createRequire(here.resolve(pkg)).resolve('@tensorflow/tfjs-core'));

describe('one TensorFlow.js engine', () => {
  it('tfjs-layers and every backend plugin share one copy of @tensorflow/tfjs-core', () => {
    const copies = new Set(['@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'].map(coreOf));
    expect([...copies]).toHaveLength(1);
  });

  it('the wasm plugin activates its backend in the engine of the trainer\'s tf', async () => {
    await useBackend('wasm');
    const { BackendWasm } = await import('@tensorflow/tfjs-backend-wasm');
    expect(tf.backend()).toBeInstanceOf(BackendWasm);
  });

  // A second tfjs-core would hold its own engine: the backend would register there and tf.setBackend would fail.
  it.skipIf(!webgpuHere)('the webgpu plugin activates its backend in the engine of the trainer\'s tf', async () => {
    await useBackend('webgpu');
    const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(tf.backend()).toBeInstanceOf(WebGPUBackend);
    const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1));
    expect(Array.from(await t.data())).toEqual([2, 3]);
    t.dispose();
  });
});
