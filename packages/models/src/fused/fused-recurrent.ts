import { tf } from '../tf.js';
import type { CellKind } from '../cell-kind.js';
import { lstmKernelFor, type HostRecurrentKernel, type LstmKernel } from './lstm-kernels.js';
import { sequenceOnTensors } from './tensor-sequence.js';
import { lastStep, onLastStep } from './last-step.js';

// What the fused LSTM, GRU and SimpleRNN layers share: when they can run the host kernel, and the kernel call itself.

export type Kwargs = { mask?: unknown; training?: boolean; initialState?: unknown } | undefined;
type Cell = CellKind;

/**
 * Whether a recurrent layer runs the fused kernel, as Keras 3's `use_cudnn` on LSTM and GRU: 'auto' (the default)
 * runs it where it can and tfjs-layers' step-by-step code otherwise; true requires it and throws, with the reason,
 * where it cannot run; false always runs tfjs-layers' code.
 */
export type FusedOption = 'auto' | boolean;

/** The values of the `fused` option. */
export const FUSED_OPTIONS: readonly FusedOption[] = ['auto', true, false];

/** The `fused` argument every fused layer takes besides tfjs' own. */
export interface FusedArgs {
  /** Whether the layer runs the fused kernel: 'auto' (default), true (or throw, saying why) or false. */
  fused?: FusedOption;
}

/** A layer with `fused: true` met something the fused kernel cannot run; says which layer and why. */
export class FusedKernelError extends Error {
  override readonly name = 'FusedKernelError';
  constructor(readonly layer: string, readonly reason: string) {
    super(`layer "${layer}" has fused: true, but the fused kernel cannot run it: ${reason} (fused: 'auto' runs tfjs-layers' code instead)`);
  }
}

/** The `fused` argument, checked: undefined is 'auto'. */
function fusedOption(value: unknown): FusedOption {
  if (value === undefined) return 'auto';
  if (!FUSED_OPTIONS.includes(value as FusedOption)) throw new TypeError(`fused: expected 'auto', true or false, got ${JSON.stringify(value)}`);
  return value as FusedOption;
}

/** Gates per unit: the kernel has `GATES[cell] * units` columns. */
const GATES: Record<Cell, number> = { lstm: 4, gru: 3, rnn: 1 };

/** The kernel's functions for each cell; LSTM is required of every kernel, the others optional. */
const FUNCTIONS = {
  lstm: ['lstmForward', 'lstmBackward'],
  gru: ['gruForward', 'gruBackward'],
  rnn: ['rnnForward', 'rnnBackward'],
} as const satisfies Record<Cell, readonly [keyof HostRecurrentKernel, keyof HostRecurrentKernel]>;

const CELL_NAMES: Record<Cell, string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'SimpleRNN' };

/** The parts of tfjs-layers' RNN layers (and their cells) the fused path reads (SimpleRNN has no recurrentActivation). */
export interface RecurrentLayer extends tf.layers.Layer {
  cell: {
    units: number;
    useBias: boolean;
    dropout: number;
    recurrentDropout: number;
    activation: { getClassName(): string };
    recurrentActivation?: { getClassName(): string };
    kernel: { read(): tf.Tensor };
    recurrentKernel: { read(): tf.Tensor };
    bias?: { read(): tf.Tensor };
  };
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}

const FUSED_ACTIVATIONS = new Set(['tanh', 'relu']);

/** What in the layer's own configuration the fused kernel does not implement, whatever the backend and the call. */
function configReason(layer: RecurrentLayer, cell: Cell): string | undefined {
  const c = layer.cell;
  const activation = c.activation.getClassName();
  if (!FUSED_ACTIVATIONS.has(activation)) return `activation ${activation} (the fused kernel does tanh or relu)`;
  const gates = c.recurrentActivation?.getClassName();
  if (cell !== 'rnn' && gates !== 'sigmoid') return `recurrent activation ${gates} (the fused kernel's gates are sigmoid)`;
  if (layer.stateful || layer.returnState) return 'stateful or returnState layers';
  return undefined;
}

/** Why `layer` runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses (whatever its `fused` option). */
export function fusedPlanFor(layer: RecurrentLayer, cell: Cell, kwargs?: Kwargs): { kernel: LstmKernel } | { reason: string } {
  const c = layer.cell;
  const config = configReason(layer, cell);
  if (config) return { reason: config };
  if (kwargs?.training && (c.dropout > 0 || c.recurrentDropout > 0)) return { reason: 'dropout inside the layer while training' };
  if (kwargs?.mask != null) return { reason: 'masked (padded) input' };
  if (kwargs?.initialState != null) return { reason: 'an initial state' };
  const found = lstmKernelFor(tf.getBackend());
  if ('kernel' in found && (!found.kernel[FUNCTIONS[cell][0]] || !found.kernel[FUNCTIONS[cell][1]])) return { reason: `the kernel ${found.kernel.name} has no ${CELL_NAMES[cell]}` };
  return found;
}

/** A recurrent layer that can run in the fused kernel. */
export interface FusedRecurrentLayer extends RecurrentLayer {
  /** Whether this layer runs the fused kernel: 'auto', true (or throw) or false; kept in its config when not 'auto'. */
  readonly fused: FusedOption;
  /** Why this layer runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses. */
  fusedPlan(kwargs?: Kwargs): { kernel: LstmKernel } | { reason: string };
}

/** fusedPlan's reason for a layer whose option turns the kernel off. */
export const FUSED_OFF = "the layer's option fused: false";

/**
 * tfjs-layers' recurrent layer class `Stock`, extended to run the whole sequence in the registered host kernel's
 * `cell` functions when it can and its `fused` option lets it (`fusedPlan` says whether, or why not), and tfjs' own
 * code otherwise. Subclasses keep tfjs' weights, serialisation and summary; the config has `fused` only when it
 * is not 'auto', so a model saved with the default is exactly tfjs' (and Keras') LSTM, and one saved before the
 * option existed loads as 'auto'.
 */
export function withFusedKernel(Stock: new (args: never) => RecurrentLayer, cell: Cell): new (...args: any[]) => FusedRecurrentLayer {
  // TypeScript's mixin rule: the base must be typed as a constructor of `...args: any[]`.
  return class extends (Stock as new (...args: any[]) => RecurrentLayer) {
    readonly fused: FusedOption;

    constructor(...args: any[]) {
      super(...args);
      this.fused = fusedOption((args[0] as FusedArgs | undefined)?.fused);
    }

    override getConfig(): tf.serialization.ConfigDict {
      const config = super.getConfig();
      return this.fused === 'auto' ? config : { ...config, fused: this.fused };
    }

    /** Why this layer runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses. */
    fusedPlan(kwargs?: Kwargs): { kernel: LstmKernel } | { reason: string } {
      return this.fused === false ? { reason: FUSED_OFF } : fusedPlanFor(this, cell, kwargs);
    }

    // fused: true fails as early as it can: what the configuration decides at build, the rest (the backend's
    // kernel, dropout while training, a mask) at the call.
    override build(inputShape: tf.Shape | tf.Shape[]): void {
      const reason = this.fused === true ? configReason(this, cell) : undefined;
      if (reason) throw new FusedKernelError(this.name, reason);
      super.build(inputShape);
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      const plan = Array.isArray(inputs) && inputs.length > 1 ? { reason: 'an initial state' } : this.fusedPlan(kwargs);
      if ('kernel' in plan) return callFused(this, cell, plan.kernel, inputs);
      if (this.fused === true) throw new FusedKernelError(this.name, plan.reason);
      return super.call(inputs, kwargs as never);
    }
  };
}

/** The layer's output through the fused kernel: every step, or the last one. */
export function callFused(layer: RecurrentLayer, cell: Cell, kernel: LstmKernel, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return tf.tidy(() => {
    let x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
    if (layer.goBackwards) x = tf.reverse(x, 1); // as tfjs: outputs come in the order the steps were processed
    const c = layer.cell;
    const bias = c.useBias && c.bias ? c.bias.read() : tf.zeros([GATES[cell] * c.units]);
    const args = [x, c.kernel.read(), c.recurrentKernel.read(), bias, c.activation.getClassName() as 'tanh' | 'relu', !layer.returnSequences] as const;
    return kernel.memory === 'tensors' ? sequenceOnTensors(FUNCTIONS[cell], kernel, ...args) : fusedSequence(cell, kernel, ...args);
  });
}

/**
 * h at every step, [B, T, U], or only at the last one, [B, U] (taken on the host: tfjs' Slice of the last step and
 * its gradient's PadV2 cost ~1.6 ms of a ~30 ms W1 step on wasm), with the gradient computed by the kernel's
 * backward pass through time.
 */
function fusedSequence(cell: Cell, kernel: HostRecurrentKernel, x: tf.Tensor3D, w: tf.Tensor, r: tf.Tensor, b: tf.Tensor, activation: 'tanh' | 'relu', lastOnly: boolean): tf.Tensor {
  const [batch, steps, features] = x.shape;
  const units = r.shape[0]!;
  const dims = { batch, steps, features, units, activation };
  const [forwardName, backwardName] = FUNCTIONS[cell];
  const forwardPass = kernel[forwardName]!, backwardPass = kernel[backwardName]!;
  const columns = GATES[cell] * units;
  // Outside a gradient computation (inference) no backward pass will run: the kernel can free what it kept for one
  // at once (the WebAssembly build keeps it in its own memory, which never shrinks).
  const recording = tf.engine().isTapeOn();
  const op = tf.customGrad(((xT: tf.Tensor, wT: tf.Tensor, rT: tf.Tensor, bT: tf.Tensor) => {
    const xs = xT.dataSync() as Float32Array;
    const ws = wT.dataSync() as Float32Array;
    const rs = rT.dataSync() as Float32Array;
    const forward = forwardPass.call(kernel, xs, ws, rs, bT.dataSync() as Float32Array, dims);
    if (!recording) kernel.release?.(forward);
    return {
      value: lastOnly ? tf.tensor2d(lastStep(forward.h, batch, steps, units), [batch, units]) : tf.tensor3d(forward.h, [batch, steps, units]),
      gradFunc: (dy: tf.Tensor) => {
        const dH = lastOnly ? onLastStep(dy.dataSync() as Float32Array, batch, steps, units) : (dy.dataSync() as Float32Array);
        const g = backwardPass.call(kernel, xs, ws, rs, forward, dH, dims);
        return [
          tf.tensor3d(g.dx, [batch, steps, features]),
          tf.tensor2d(g.dKernel, [features, columns]),
          tf.tensor2d(g.dRecurrentKernel, [units, columns]),
          tf.tensor1d(g.dBias),
        ];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, w, r, b) as tf.Tensor;
}
