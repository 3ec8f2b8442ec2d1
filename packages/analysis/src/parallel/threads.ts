import { claimParts, KERNELS, type Job } from './kernels.js';

/** One worker thread as the pool sees it: Node's worker_threads and the browser's Web Workers both fit. */
export interface ThreadPort {
  /** Sends the worker one part to run. */
  post(message: unknown): void;
  /** Registers the handler of the worker's replies and of its failure. */
  listen(onReply: (data: unknown) => void, onError: (error: unknown) => void): void;
  /** Called with true as a part is sent and false as its reply arrives: while any is in flight the worker keeps the process alive (Node). */
  busy(on: boolean): void;
  /** Ends the worker. */
  terminate(): void;
}

/**
 * The calling thread plus some workers sharing the loops of t-SNE. Arrays the kernels read or write come from
 * `float64` and `int32` (shared memory); each run cuts its kernels into parts that every thread claims one at a
 * time until none is left, so the threads finish together whatever the parts cost, and the result does not depend
 * on which thread ran which part. Made by `webThreads` (browser) or `nodeThreads` (`@lstmkit/analysis/node`);
 * `close` ends the workers.
 */
export class Threads {
  /** Threads taking part in each run, the calling one included. */
  readonly size: number;
  private readonly ports: readonly ThreadPort[];
  private pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  private nextId = 0;

  constructor(ports: readonly ThreadPort[]) {
    this.ports = ports;
    this.size = ports.length + 1;
    for (const port of ports) {
      port.listen(
        (data) => {
          const { id, error } = data as { id: number; error?: string };
          const job = this.pending.get(id);
          this.pending.delete(id);
          if (error === undefined) job?.resolve();
          else job?.reject(new Error(`analysis thread: ${error}`));
        },
        (error) => {
          for (const job of this.pending.values()) job.reject(error);
          this.pending.clear();
        },
      );
    }
  }

  /** A zeroed Float64Array that every thread sees (shared memory). */
  float64 = (length: number): Float64Array => new Float64Array(new SharedArrayBuffer(8 * length));
  /** A zeroed Int32Array that every thread sees (shared memory). */
  int32 = (length: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * length));
  /** A zeroed Float32Array that every thread sees (shared memory). */
  float32 = (length: number): Float32Array => new Float32Array(new SharedArrayBuffer(4 * length));

  /**
   * Runs every part of `jobs` on all threads; the calling thread first runs `meanwhile` (work that is not cut
   * into parts, e.g. an FFT) while the workers start on the parts, then joins them. Resolves when all is done.
   */
  async run(jobs: readonly Job[], meanwhile?: () => void): Promise<void> {
    const counter = this.int32(1);
    const done = this.ports.map((port) => this.send(port, jobs, counter));
    let failure: unknown;
    try {
      meanwhile?.();
      claimParts(jobs, counter, KERNELS);
    } catch (e) {
      failure = e;
    }
    // Every part settles before the run does, so no reply arrives after a failed run.
    const parts = await Promise.allSettled(done);
    if (failure !== undefined) throw failure;
    for (const part of parts) if (part.status === 'rejected') throw part.reason;
  }

  private send(port: ThreadPort, jobs: readonly Job[], counter: Int32Array): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      port.busy(true);
      port.post({ id, jobs, counter });
    }).finally(() => port.busy(false));
  }

  /** Ends the workers (runs after this fail). */
  close(): void {
    for (const port of this.ports) port.terminate();
  }
}

/** What t-SNE needs of a pool: `Threads`, or `oneThread`. */
export type KernelRunner = Pick<Threads, 'size' | 'run' | 'float64' | 'int32' | 'float32'>;

/** Runs every part on the calling thread, in order: t-SNE without threads (the same parts, the same result). */
export const oneThread: KernelRunner = {
  size: 1,
  float64: (length) => new Float64Array(length),
  int32: (length) => new Int32Array(length),
  float32: (length) => new Float32Array(length),
  run: async (jobs, meanwhile) => {
    meanwhile?.();
    claimParts(jobs, new Int32Array(1), KERNELS);
  },
};

/**
 * The source of a worker: every kernel, and a loop that claims the parts of the jobs it is sent. Kernels travel as their
 * source text, so the package needs no separate worker file that bundlers would have to find.
 * `wire` defines the environment's `receive(handler)` and `reply(message)` (Node's parentPort, a Web Worker's self).
 */
export function workerSource(wire: string): string {
  const kernels = Object.entries(KERNELS).map(([name, f]) => `${JSON.stringify(name)}: ${f.toString()}`);
  return `${wire}
const kernels = {${kernels.join(',\n')}};
const claimParts = ${claimParts.toString()};
receive((m) => {
  try {
    claimParts(m.jobs, m.counter, kernels);
    reply({ id: m.id });
  } catch (e) {
    reply({ id: m.id, error: String((e && e.stack) || e) });
  }
});`;
}

/**
 * Threads on Web Workers (the browser), `size` in all with the calling one; default: the browser's
 * hardwareConcurrency. Needs shared memory (a cross-origin-isolated page); without it, or with one core, t-SNE
 * runs on the calling thread only, and this returns undefined.
 */
export function webThreads(size = globalThis.navigator?.hardwareConcurrency ?? 1): Threads | undefined {
  if (size < 2 || typeof SharedArrayBuffer === 'undefined' || typeof Worker === 'undefined' || globalThis.crossOriginIsolated === false) return undefined;
  const source = workerSource('const receive = (f) => { self.onmessage = (e) => f(e.data); }; const reply = (m) => self.postMessage(m);');
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const ports = Array.from({ length: size - 1 }, (): ThreadPort => {
    const worker = new Worker(url);
    return {
      post: (m) => worker.postMessage(m),
      listen: (onReply, onError) => {
        worker.onmessage = (e) => onReply(e.data);
        worker.onerror = (e) => onError(new Error(`analysis thread: ${e.message}`));
      },
      busy: () => undefined,
      terminate: () => worker.terminate(),
    };
  });
  return new Threads(ports);
}
