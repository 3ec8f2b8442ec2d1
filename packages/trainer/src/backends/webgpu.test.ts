import { describe, expect, it } from 'vitest';
import { webgpu } from './webgpu.js';

describe('webgpu probe', () => {
  it('only looks: no environment variable, global or GPU instance changes until activate', async () => {
    const env = { ...process.env };
    const globals = new Set(Object.getOwnPropertyNames(globalThis));
    const navigatorBefore = JSON.stringify(Object.keys((globalThis as { navigator?: object }).navigator ?? {}));
    const probe = await webgpu.probe();
    expect(probe.available ? probe.device : probe.reason).toBeTruthy();
    expect(process.env).toEqual(env);
    expect(Object.getOwnPropertyNames(globalThis).filter((g) => !globals.has(g))).toEqual([]);
    expect(JSON.stringify(Object.keys((globalThis as { navigator?: object }).navigator ?? {}))).toBe(navigatorBefore);
    expect('GPUBufferUsage' in globalThis).toBe(false);
  });
});
