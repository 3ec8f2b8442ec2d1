import { tf } from '../tf.js';
import { lstmKernelFor, type HostLstmKernel } from './lstm-kernels.js';

// tfjs-layers' own LSTM class, extended so that config, weights, serialisation and summary stay exactly tfjs'.
type LstmArgs = Parameters<typeof tf.layers.lstm>[0];
type Kwargs = { mask?: unknown; training?: boolean; initialState?: unknown } | undefined;
interface StockLstm extends tf.layers.Layer {
  cell: {
    units: number;
    useBias: boolean;
    dropout: number;
    recurrentDropout: number;
    activation: { getClassName(): string };
    recurrentActivation: { getClassName(): string };
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
const StockLSTM = tf.layers.lstm({ units: 1 }).constructor as unknown as new (args: LstmArgs) => StockLstm;

/**
 * tfjs' LSTM layer that runs the whole sequence in one fused kernel call (one input projection, one recurrent
 * product and fused gate math per step, and a hand-written backward through time) when a host kernel is
 * registered for the active backend and the layer uses only what the kernel implements; otherwise tfjs' own code.
 * Registered under tfjs' class name "LSTM": saved models load into it, and models it saves load in plain tfjs.
 */
export class FusedLSTM extends StockLSTM {
  static className = 'LSTM';

  // tfjs' unit-forget-bias initializer leaves 4 intermediate tensors behind per layer built (a leak across
  // models). Building inside tidy frees them; variables are not tidied. Stateful layers create their state
  // tensors in build, which must survive, so they build as tfjs does.
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    if (this.stateful) return super.build(inputShape);
    tf.tidy(() => super.build(inputShape));
  }

  /** Why this layer runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses. */
  fusedPlan(kwargs?: Kwargs): { kernel: HostLstmKernel } | { reason: string } {
    const c = this.cell;
    if (!FUSED_ACTIVATIONS.has(c.activation.getClassName()) || c.recurrentActivation.getClassName() !== 'sigmoid') {
      return { reason: `activation ${c.activation.getClassName()}/${c.recurrentActivation.getClassName()} (the fused kernel does tanh or relu, with sigmoid gates)` };
    }
    if (kwargs?.training && (c.dropout > 0 || c.recurrentDropout > 0)) return { reason: 'dropout inside the layer while training' };
    if (this.stateful || this.returnState) return { reason: 'stateful or returnState layers' };
    if (kwargs?.mask != null) return { reason: 'masked (padded) input' };
    if (kwargs?.initialState != null) return { reason: 'an initial state' };
    return lstmKernelFor(tf.getBackend());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const plan = Array.isArray(inputs) && inputs.length > 1 ? undefined : this.fusedPlan(kwargs);
    if (!plan || !('kernel' in plan)) return super.call(inputs, kwargs as never);
    const kernel = plan.kernel;
    return tf.tidy(() => {
      let x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor3D;
      if (this.goBackwards) x = tf.reverse(x, 1); // as tfjs: outputs come in the order the steps were processed
      const c = this.cell;
      const bias = c.useBias && c.bias ? c.bias.read() : tf.zeros([4 * c.units]);
      const h = fusedSequence(kernel, x, c.kernel.read(), c.recurrentKernel.read(), bias, c.activation.getClassName() as 'tanh' | 'relu');
      if (this.returnSequences) return h;
      const [b, t, u] = h.shape;
      return tf.reshape(tf.slice(h, [0, t - 1, 0], [b, 1, u]), [b, u]);
    });
  }
}
tf.serialization.registerClass(FusedLSTM as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** h at every step, [B, T, U], with the gradient computed by the kernel's backward pass through time. */
function fusedSequence(kernel: HostLstmKernel, x: tf.Tensor3D, w: tf.Tensor, r: tf.Tensor, b: tf.Tensor, activation: 'tanh' | 'relu'): tf.Tensor3D {
  const [batch, steps, features] = x.shape;
  const units = r.shape[0]!;
  const dims = { batch, steps, features, units, activation };
  const op = tf.customGrad(((xT: tf.Tensor, wT: tf.Tensor, rT: tf.Tensor, bT: tf.Tensor) => {
    const xs = xT.dataSync() as Float32Array;
    const ws = wT.dataSync() as Float32Array;
    const rs = rT.dataSync() as Float32Array;
    const forward = kernel.lstmForward(xs, ws, rs, bT.dataSync() as Float32Array, dims);
    return {
      value: tf.tensor3d(forward.h, [batch, steps, units]),
      gradFunc: (dy: tf.Tensor) => {
        const g = kernel.lstmBackward(xs, ws, rs, forward, dy.dataSync() as Float32Array, dims);
        return [
          tf.tensor3d(g.dx, [batch, steps, features]),
          tf.tensor2d(g.dKernel, [features, 4 * units]),
          tf.tensor2d(g.dRecurrentKernel, [units, 4 * units]),
          tf.tensor1d(g.dBias),
        ];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, w, r, b) as tf.Tensor3D;
}

/** An LSTM layer (tfjs' arguments) that uses the fused kernel where it can. */
export const lstm = (args: LstmArgs): FusedLSTM => new FusedLSTM(args);

/** For each LSTM layer of a model (inside Bidirectional too): whether training runs the fused kernel, or why not. */
export function fusedLstmReport(model: { layers: tf.layers.Layer[] }): { layer: string; kernel?: string; reason?: string }[] {
  return model.layers.flatMap((layer) => {
    const inner = (layer as unknown as { forwardLayer?: tf.layers.Layer }).forwardLayer ?? layer;
    if (!(inner instanceof FusedLSTM)) return [];
    const plan = inner.fusedPlan({ training: true });
    return [{ layer: layer.name, ...('kernel' in plan ? { kernel: plan.kernel.name } : { reason: plan.reason }) }];
  });
}
