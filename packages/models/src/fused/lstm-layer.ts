import { tf } from '../tf.js';
import { callFused, fusedPlanFor, type Kwargs, type RecurrentLayer } from './fused-recurrent.js';
import { FusedGRU } from './gru-layer.js';
import { FusedSimpleRNN } from './simple-rnn-layer.js';
import type { HostLstmKernel } from './lstm-kernels.js';

// tfjs-layers' own LSTM class, extended so that config, weights, serialisation and summary stay exactly tfjs'.
type LstmArgs = Parameters<typeof tf.layers.lstm>[0];
const StockLSTM = tf.layers.lstm({ units: 1 }).constructor as unknown as new (args: LstmArgs) => RecurrentLayer;

/**
 * tfjs' LSTM layer that runs the whole sequence in one fused kernel call (one recurrent product and fused gate
 * math per step, and a hand-written backward through time) when a host kernel is registered for the active
 * backend and the layer uses only what the kernel implements; otherwise tfjs' own code.
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
    return fusedPlanFor(this, 'lstm', kwargs);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const plan = Array.isArray(inputs) && inputs.length > 1 ? undefined : this.fusedPlan(kwargs);
    if (!plan || !('kernel' in plan)) return super.call(inputs, kwargs as never);
    return callFused(this, 'lstm', plan.kernel, inputs);
  }
}
tf.serialization.registerClass(FusedLSTM as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** An LSTM layer (tfjs' arguments) that uses the fused kernel where it can. */
export const lstm = (args: LstmArgs): FusedLSTM => new FusedLSTM(args);

/** For each LSTM, GRU or SimpleRNN layer of a model (inside Bidirectional too): whether training runs the fused kernel, or why not. */
export function fusedLstmReport(model: { layers: tf.layers.Layer[] }): { layer: string; kernel?: string; reason?: string }[] {
  return model.layers.flatMap((layer) => {
    const inner = (layer as unknown as { forwardLayer?: tf.layers.Layer }).forwardLayer ?? layer;
    if (!(inner instanceof FusedLSTM) && !(inner instanceof FusedGRU) && !(inner instanceof FusedSimpleRNN)) return [];
    const plan = inner.fusedPlan({ training: true });
    return [{ layer: layer.name, ...('kernel' in plan ? { kernel: plan.kernel.name } : { reason: plan.reason }) }];
  });
}
