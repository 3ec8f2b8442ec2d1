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

/** Starts one helper; resolves once it is inside lstmkit_worker_loop (it then runs for the life of the process or page). */
export async function startHelper(start: HelperStart): Promise<void> {
  if (isNode) {
    const { Worker } = (await import(/* @vite-ignore */ WORKER_THREADS)) as typeof import('node:worker_threads');
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'lstmkit-kernels' });
    worker.unref(); // a helper waiting for work must not keep Node running
    return new Promise((resolve, reject) => {
      worker.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
      worker.once('error', reject);
      worker.postMessage(start);
    });
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'lstmkit-kernels' });
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (e) => (e.data === 'ready' ? resolve() : reject(new Error(String(e.data))));
    worker.onerror = (e) => reject(new Error(e.message || 'the worker failed to start (a Content-Security-Policy without worker-src blob:?)'));
    worker.postMessage(start);
  }).finally(() => URL.revokeObjectURL(url));
}
