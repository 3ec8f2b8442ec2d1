import { installedFusedKernels } from '../kernels/fused-kernels.js';
import { tf } from '../tf.js';

// tfjs' Adam runs ~12 small kernels per weight tensor per step (mul, add, square, div, sqrt, …), each with ~20 us
// of engine overhead however small the tensor: most of a small model's training step on wasm (W4's SimpleRNN: ~1.2
// of ~2.5 ms). On wasm and cpu this subclass does the same update in one loop per weight tensor (the native
// addon's where it loaded, else JavaScript): on wasm the moments in place in the heap, the weights into a new tensor
// (tfjs' wasm kernels cache XNNPACK operators per weight tensor, so a weight changed in place would be read stale);
// on cpu by copies. Elsewhere (webgpu, tfjs-node) it is tfjs' Adam. State, class name and serialisation are tfjs' own (the moments are tf.Variables), so
// switching backends mid-training and getWeights/setWeights work unchanged.

type MomentSlot = { originalName: string; variable: tf.Variable };
/** The parts of tfjs' AdamOptimizer this uses (all set by its constructor or applyGradients). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: MomentSlot[];
  accumulatedSecondMoment: MomentSlot[];
  incrementIterations(): void;
}

/** tfjs internals the in-place path reads: which backend holds a tensor, and the wasm heap (guarded: undefined if absent). */
interface WasmBackend {
  refCount(dataId: object): number;
  typedArrayFromHeap?(t: { shape: number[]; dtype: string; dataId: object }): Float32Array;
}
type EngineInternals = { state?: { tensorInfo?: WeakMap<object, { backend: unknown }> } };

/**
 * A Float32Array over `t`'s memory in the wasm heap, when `t` lives there and (for writing) no other tensor shares
 * that memory; otherwise undefined and the caller copies. Valid until the heap grows: use it at once.
 */
function wasmMemory(t: tf.Tensor, writable: boolean): Float32Array | undefined {
  if (tf.getBackend() !== 'wasm' || t.dtype !== 'float32') return undefined;
  const backend = tf.backend() as unknown as WasmBackend;
  const info = (tf.engine() as unknown as EngineInternals).state?.tensorInfo?.get(t.dataId);
  if (info?.backend !== backend || typeof backend.typedArrayFromHeap !== 'function') return undefined;
  if (writable && backend.refCount(t.dataId) !== 1) return undefined;
  return backend.typedArrayFromHeap(t);
}

/** tfjs' Adam (same defaults as tf.train.adam), updating on the host for wasm and cpu tensors. */
export class HostAdam extends tf.AdamOptimizer {
  /**
   * The first weight that the last host-side step made NaN or infinite, or undefined: seen inside the update loop,
   * so fit's TerminateOnNaN catches it at that batch without reading the weights again (undefined on other backends).
   */
  nonFiniteWeight: string | undefined;

  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
  }

  /** Applies one Adam step: on wasm and cpu as one host loop per weight, elsewhere as tfjs' Adam. */
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const backend = tf.getBackend();
    if (backend !== 'wasm' && backend !== 'cpu') {
      this.nonFiniteWeight = undefined;
      return super.applyGradients(variableGradients);
    }
    const named = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
    this.applyHostGradients(named);
  }

  /**
   * One Adam step from gradients already on the host (or as wasm/cpu tensors), named by variable and in the order
   * tfjs would pass them (the i-th gradient updates the i-th pair of moments). Only on the wasm and cpu backends.
   */
  applyHostGradients(named: ReadonlyArray<readonly [string, Float32Array | tf.Tensor | null | undefined]>): void {
    this.nonFiniteWeight = undefined;
    const s = this as unknown as AdamState;
    const registered = tf.engine().registeredVariables;
    const accBeta1 = s.accBeta1.dataSync()[0]!, accBeta2 = s.accBeta2.dataSync()[0]!;
    const step = { beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, learningRate: s.learningRate, c1: 1 / (1 - accBeta1), c2: 1 / (1 - accBeta2) };
    // The native addon's update where it loaded (~10x faster than the JavaScript loop below, the same arithmetic).
    const update = installedFusedKernels()?.adam ?? adamUpdate;
    named.forEach(([name, gradient], i) => {
      const value = registered[name]!;
      s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      if (gradient == null) return;
      const m = s.accumulatedFirstMoment[i]!.variable, v = s.accumulatedSecondMoment[i]!.variable;
      const w = new Float32Array(value.size);
      const g = gradient instanceof Float32Array ? gradient : wasmMemory(gradient, false);
      const mw = wasmMemory(m, true), vw = wasmMemory(v, true), w0 = wasmMemory(value, false);
      let finite: boolean;
      if (g && mw && vw && w0) {
        finite = update(g, mw, vw, w0, w, step);
      } else {
        // Copies (dataSync may return the backend's own array: never written): update them, then point the
        // variables at new tensors.
        const mc = Float32Array.from(m.dataSync()), vc = Float32Array.from(v.dataSync());
        finite = update(g ?? ((gradient as tf.Tensor).dataSync() as Float32Array), mc, vc, value.dataSync() as Float32Array, w, step);
        assign(m, mc);
        assign(v, vc);
      }
      if (!finite) this.nonFiniteWeight ??= name;
      assign(value, w);
    });
    assign(s.accBeta1, Float32Array.of(accBeta1 * s.beta1));
    assign(s.accBeta2, Float32Array.of(accBeta2 * s.beta2));
    s.incrementIterations();
  }
}

/**
 * tfjs' Adam step on arrays: m and v updated in place from g, the new weights written to w (c1, c2: the bias
 * corrections). Returns whether every new weight is finite (x - x is 0 for a number, NaN for NaN and infinities).
 */
function adamUpdate(
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  w0: Float32Array,
  w: Float32Array,
  { beta1, beta2, epsilon, learningRate, c1, c2 }: { beta1: number; beta2: number; epsilon: number; learningRate: number; c1: number; c2: number },
): boolean {
  const b1 = 1 - beta1, b2 = 1 - beta2;
  let probe = 0;
  for (let j = 0; j < g.length; j++) {
    const gj = g[j]!;
    const mj = (m[j] = m[j]! * beta1 + gj * b1);
    const vj = (v[j] = v[j]! * beta2 + gj * gj * b2);
    const wj = (w[j] = w0[j]! - (learningRate * mj * c1) / (Math.sqrt(vj * c2) + epsilon));
    probe += wj - wj;
  }
  return probe === 0;
}

/** Points variable `x` at new values (a fresh tensor on the active backend, then freed: assign keeps its data). */
function assign(x: tf.Variable, values: Float32Array): void {
  const t = tf.tensor(values, x.shape, 'float32');
  x.assign(t);
  t.dispose();
}
