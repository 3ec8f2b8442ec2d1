// The page's side of protocol.ts: one worker, calls as promises, events to listeners.
import type { CallName, Calls, Event, WorkerMessage } from './protocol.js';

const worker = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' });
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const listeners = new Set<(e: Event) => void>();
let next = 1;

worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
  if ('event' in data) return listeners.forEach((l) => l(data));
  const p = pending.get(data.id);
  pending.delete(data.id);
  if (data.ok) p?.resolve(data.value);
  else p?.reject(new Error(data.error));
};
worker.onerror = (e) => {
  const error = new Error(`the worker failed: ${e.message || 'it could not start'}`);
  pending.forEach((p) => p.reject(error));
  pending.clear();
};

/** Calls the worker; transfers are typed-array buffers to move rather than copy. */
export function call<K extends CallName>(name: K, payload: Calls[K][0], transfer: Transferable[] = []): Promise<Calls[K][1]> {
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, call: name, payload }, transfer);
  });
}

/** Listens to the worker's progress events; returns the function that stops listening. */
export function onEvent(listener: (e: Event) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
