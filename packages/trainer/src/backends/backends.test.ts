import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import { tf } from '../tf.js';
import { listBackendPlugins, probeBackends, registerBackendPlugin, useBackend } from './registry.js';

describe('backend registry', () => {
  it('lists wasm above cpu and probes both as available here', async () => {
    expect(listBackendPlugins().map((p) => p.name)).toEqual(['wasm', 'cpu']);
    const probes = await probeBackends();
    expect(probes.every((p) => p.available)).toBe(true);
    expect(probes[0]!.device).toMatch(/WebAssembly \((SIMD|no SIMD), 1 thread\)/);
  });

  it('auto picks the best available backend, an explicit name that one', async () => {
    expect((await useBackend('auto')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect((await useBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('skips an unavailable plugin in auto with its reason, and fails with it when asked by name', async () => {
    registerBackendPlugin({
      name: 'imaginary',
      priority: 99,
      description: 'a backend this machine does not have',
      probe: async () => ({ available: false, reason: 'not installed: npm i imaginary-backend' }),
      activate: async () => {},
    });
    const choice = await useBackend('auto');
    expect(choice.name).toBe('wasm');
    expect(choice.skipped).toEqual([{ name: 'imaginary', reason: 'not installed: npm i imaginary-backend' }]);
    await expect(useBackend('imaginary')).rejects.toThrow(/backend "imaginary" is not available: not installed: npm i imaginary-backend/);
    await expect(useBackend('quantum')).rejects.toThrowError(BackendUnavailableError);
    await expect(useBackend('quantum')).rejects.toThrow(/unknown backend "quantum"; registered: auto, wasm, cpu, imaginary/);
  });
});
