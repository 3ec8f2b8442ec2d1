import { tf } from '../tf.js';

// Switching backends in one process. tfjs moves a tensor to the active backend only when a kernel next uses it,
// reading it synchronously from its old backend: a webgpu tensor cannot be read synchronously in Node (tfjs'
// webgpu readSync needs OffscreenCanvas), so a model trained on webgpu would fail on wasm. And a backend keeps its
// memory pools (GPU buffers, the wasm heap) as long as it exists. So on a switch the trainer moves every variable
// (model weights, optimizer state) with an asynchronous read, then disposes the old backend if nothing is left on it.

// Only tfjs' public API: tf.removeBackend/registerBackend, and the Engine's public fields (`registry`,
// `registryFactory`, `state.tensorInfo`, `registeredVariables`, typed in tfjs-core 4.22's engine.d.ts).
const engine = () => tf.engine();

/** Moves every live tf.Variable that is on another backend to the active one; returns how many moved. */
export async function moveVariablesToActiveBackend(): Promise<number> {
  const e = engine();
  const active = e.backend;
  let moved = 0;
  for (const v of Object.values(e.registeredVariables)) {
    const home = e.state.tensorInfo.get(v.dataId)?.backend;
    if (v.isDisposed || !home || home === active) continue;
    // Read asynchronously (works on every backend), write on the active one, and point the variable at the copy:
    // the old data loses its last reference and its backend frees it.
    const copy = tf.tensor(await v.data(), v.shape, v.dtype);
    v.assign(copy);
    copy.dispose();
    moved++;
  }
  return moved;
}

/**
 * Disposes backend `name`'s instance (its buffers, pools and heap) if it exists, is not active and holds no
 * tensors, keeping its factory so that it can be activated again. `cpu` is kept: it holds no pools, and other
 * backends may keep a reference to it for work they hand to the CPU.
 */
export function releaseBackend(name: string): boolean {
  const e = engine();
  const instance = e.registry[name];
  if (!instance || name === 'cpu' || name === e.backendName || instance.numDataIds() > 0) return false;
  const { factory, priority } = e.registryFactory[name];
  // tfjs' removeBackend disposes the instance and its kernels' per-backend state (the kernels stay registered),
  // and forgets the factory too: register it again so that the backend can be activated again.
  tf.removeBackend(name);
  tf.registerBackend(name, factory, priority);
  return true;
}

/** Whether tfjs has a live instance of backend `name` (not only its factory). */
export const backendInstantiated = (name: string): boolean => name in engine().registry;
