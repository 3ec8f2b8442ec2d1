// Helper threads for the WebAssembly kernels: Web Workers in browsers, worker_threads in Node. Each instantiates the
// same compiled module over the same shared memory, takes the stack it is given, and calls lstmkit_worker_loop,
// which never returns (csrc/wasm-threads.cc). The worker's code is a string, run from a Blob URL or with
// `eval: true`, so that no bundler has to find a separate worker file.

const WORKER_SOURCE = `
const start = (data, reply) => {
  try {
    const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
    instance.exports.__stack_pointer.value = data.stackTop;
    reply('ready');
    instance.exports.lstmkit_worker_loop();
  } catch (e) {
    reply('failed: ' + (e && e.message));
  }
};
if (typeof require === 'function') {
  const { parentPort } = require('node:worker_threads');
  parentPort.once('message', (data) => start(data, (m) => parentPort.postMessage(m)));
} else {
  self.onmessage = (e) => start(e.data, (m) => self.postMessage(m));
}
`;

/** What a helper needs: the module, the shared memory, and the top of its own stack. */
export interface HelperStart {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly stackTop: number;
}

const isNode = typeof process !== 'undefined' && Boolean(process.versions?.node);
// A variable, so that browser bundlers do not try to resolve a Node built-in.
const WORKER_THREADS = 'node:worker_threads';

// A helper that has not reported within this time (a blocked worker script, a machine swapping) is given up on:
// the kernels run with the threads that did start.
const START_TIMEOUT_MS = 30_000;

/** Starts one helper; resolves once it is inside lstmkit_worker_loop (it then runs for the life of the process or page). */
export async function startHelper(start: HelperStart): Promise<void> {
  if (isNode) {
    const { Worker } = (await import(/* @vite-ignore */ WORKER_THREADS)) as typeof import('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'lstmkit-kernels' });
    worker.unref(); // a helper waiting for work must not keep Node running
    return handshake(start, (m) => worker.postMessage(m), (on) => worker.once('message', on), (on) => worker.once('error', on), () => void worker.terminate());
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'lstmkit-kernels' });
  return handshake(
    start,
    (m) => worker.postMessage(m),
    (on) => (worker.onmessage = (e) => on(e.data)),
    (on) => (worker.onerror = (e) => on(new Error(e.message || 'the worker failed to start (a Content-Security-Policy without worker-src blob:?)'))),
    () => worker.terminate(),
  ).finally(() => URL.revokeObjectURL(url));
}

/** Posts `start` and waits for "ready", an error, or the time limit (then the worker is ended). */
function handshake(start: HelperStart, post: (m: HelperStart) => void, onMessage: (on: (m: unknown) => void) => void, onError: (on: (e: Error) => void) => void, end: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      end();
      reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    (timer as { unref?: () => void }).unref?.();
    const settle = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    onMessage((m) => settle(m === 'ready' ? undefined : new Error(String(m))));
    onError(settle);
    post(start);
  });
}
