/** What a backend's probe found on this machine. */
export interface BackendProbe {
  readonly available: boolean;
  /** Why it is not available and how to get it, or a note on how it runs. */
  readonly reason?: string;
  /** The device it computes on, e.g. "WebAssembly (SIMD, 1 thread)". */
  readonly device?: string;
  /** Set when it runs but "auto" should pass over it (e.g. WebGPU emulated on the CPU): why. */
  readonly notForAuto?: string;
}

/** A kind of JavaScript runtime a backend can run in. */
export type BackendEnvironment = 'node' | 'browser';

/**
 * A compute backend plugin, one file each. Mirrors tfjs' own `registerBackend(name, factory, priority)`, plus a
 * probe that says whether it can run here and, if not, how to get it.
 */
export interface BackendPlugin {
  /** The tfjs backend name, e.g. "wasm". */
  readonly name: string;
  /** Higher wins in "auto": webgpu > node-gpu > node > wasm > cpu. */
  readonly priority: number;
  readonly description: string;
  /**
   * Where it can run at all: `['node']` for backends that bind native libraries, `['browser']` for those that need
   * a page (WebGL). Absent: both. Apps hide the others (a browser app lists no Node-only backend).
   */
  readonly environments?: readonly BackendEnvironment[];
  /**
   * Reports whether it can run here, and on what. It only looks: it sets no environment variables or globals and
   * starts no device or GPU instance (that is `activate`'s job); importing the backend's tfjs package to see that it
   * loads is fine. After activation it may report more (the device it found). Never throws.
   */
  probe(): Promise<BackendProbe>;
  /** Makes this the active tfjs backend, with any kernels lstmkit adds to it. Throws if it cannot. */
  activate(): Promise<void>;
}

/** The result of picking a backend: which one, and why the better ones were skipped. */
export interface BackendChoice {
  readonly name: string;
  readonly device?: string;
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  /** The fused kernel LSTM, GRU and SimpleRNN layers use on this backend, or why they run tfjs-layers' step-by-step code. */
  readonly fusedLstm?: { readonly kernel: { readonly name: string } } | { readonly reason: string };
}
