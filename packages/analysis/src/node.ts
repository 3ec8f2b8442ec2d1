import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Threads, workerSource, type ThreadPort } from './parallel/threads.js';

/**
 * Threads on Node's worker_threads, `size` in all with the calling one (default: the machine's cores). Pass them
 * to `tsne` as `threads`, and `close()` them when done. With one core this returns undefined (t-SNE then runs on
 * the calling thread).
 */
export function nodeThreads(size = availableParallelism()): Threads | undefined {
  if (size < 2) return undefined;
  const source = workerSource("const port = require('node:worker_threads').parentPort; const receive = (f) => port.on('message', f); const reply = (m) => port.postMessage(m);");
  const ports = Array.from({ length: size - 1 }, (): ThreadPort => {
    // Its own flags, not the parent's: a parent run with --input-type=module would make the source an ES module.
    const worker = new Worker(source, { eval: true, execArgv: [] });
    worker.unref();
    let inFlight = 0; // runs awaiting this worker's reply keep the process alive; an idle worker does not
    return {
      post: (m) => worker.postMessage(m),
      listen: (onReply, onError) => {
        worker.on('message', onReply);
        worker.on('error', onError);
      },
      busy: (on) => {
        inFlight += on ? 1 : -1;
        if (inFlight > 0) worker.ref();
        else worker.unref();
      },
      terminate: () => void worker.terminate(),
    };
  });
  return new Threads(ports);
}

export { Threads } from './parallel/threads.js';
