import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import { tf } from '../tf.js';
import { currentEnvironment, listBackendPlugins, probeBackends, registerBackendPlugin, runsIn, useBackend } from './registry.js';

describe('backend registry', () => {
  it('lists the plugins in auto order and probes them; tfjs-node packages are reported as not installed', async () => {
    expect(listBackendPlugins().map((p) => p.name)).toEqual(['webgpu', 'node-gpu', 'node', 'webgl', 'wasm', 'cpu']);
    const probes = Object.fromEntries((await probeBackends()).map((p) => [p.name, p]));
    expect(probes.wasm).toMatchObject({ available: true, device: expect.stringMatching(/WebAssembly \((SIMD|no SIMD), 1 thread\)/) });
    expect(probes.cpu!.available).toBe(true);
    // They cannot be installed on these machines (their install downloads libtensorflow): the probe says how.
    expect(probes['node-gpu']).toMatchObject({ available: false, reason: expect.stringMatching(/^not installed — npm i @tensorflow\/tfjs-node-gpu@4\.22\.0 \(needs an NVIDIA GPU with CUDA 11\.2/) });
    expect(probes.node).toMatchObject({ available: false, reason: expect.stringMatching(/^not installed — npm i @tensorflow\/tfjs-node@4\.22\.0/) });
    await expect(useBackend('node-gpu')).rejects.toThrow(/backend "node-gpu" is not available: not installed — npm i @tensorflow\/tfjs-node-gpu/);
  });

  it('says which backends run where: webgl only in a browser (it says so here), tfjs-node only in Node', async () => {
    const probes = Object.fromEntries((await probeBackends()).map((p) => [p.name, p]));
    expect(probes.webgl).toMatchObject({ available: false, environments: ['browser'], reason: expect.stringMatching(/^WebGL needs a browser/) });
    await expect(useBackend('webgl')).rejects.toThrow(/backend "webgl" is not available: WebGL needs a browser/);
    expect(currentEnvironment()).toBe('node');
    const inBrowser = listBackendPlugins().filter((p) => runsIn(p, 'browser')).map((p) => p.name);
    expect(inBrowser).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(listBackendPlugins().filter((p) => runsIn(p)).map((p) => p.name)).toEqual(['webgpu', 'node-gpu', 'node', 'wasm', 'cpu']);
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
    expect(choice.skipped[0]).toEqual({ name: 'imaginary', reason: 'not installed: npm i imaginary-backend' });
    // webgpu here is either absent or SwiftShader (a CPU emulation, slower than wasm): auto passes over it.
    expect(choice.skipped.map((s) => s.name)).toEqual(['imaginary', 'webgpu', 'node-gpu', 'node', 'webgl']);
    await expect(useBackend('imaginary')).rejects.toThrow(/backend "imaginary" is not available: not installed: npm i imaginary-backend/);
    await expect(useBackend('quantum')).rejects.toThrowError(BackendUnavailableError);
    await expect(useBackend('quantum')).rejects.toThrow(/unknown backend "quantum"; registered: auto, webgpu, node-gpu, node, webgl, wasm, cpu, imaginary/);
  });
});
