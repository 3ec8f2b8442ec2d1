import { tf } from '../tf.js';
import { callFused, fusedPlanFor, type Kwargs, type RecurrentLayer } from './fused-recurrent.js';
import type { HostLstmKernel } from './lstm-kernels.js';

// tfjs-layers' own SimpleRNN class, extended like FusedLSTM.
type SimpleRnnArgs = Parameters<typeof tf.layers.simpleRNN>[0];
const StockSimpleRNN = tf.layers.simpleRNN({ units: 1 }).constructor as unknown as new (args: SimpleRnnArgs) => RecurrentLayer;

/**
 * tfjs' SimpleRNN layer that runs the whole sequence in the fused kernel (the input projection of every step in one
 * product, then one recurrent product per step; a hand-written backward through time) when the registered host
 * kernel has a SimpleRNN; otherwise tfjs' own code. Registered under tfjs' class name "SimpleRNN".
 */
export class FusedSimpleRNN extends StockSimpleRNN {
  static className = 'SimpleRNN';

  /** Why this layer runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses. */
  fusedPlan(kwargs?: Kwargs): { kernel: HostLstmKernel } | { reason: string } {
    return fusedPlanFor(this, 'rnn', kwargs);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const plan = Array.isArray(inputs) && inputs.length > 1 ? undefined : this.fusedPlan(kwargs);
    if (!plan || !('kernel' in plan)) return super.call(inputs, kwargs as never);
    return callFused(this, 'rnn', plan.kernel, inputs);
  }
}
tf.serialization.registerClass(FusedSimpleRNN as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A SimpleRNN layer (tfjs' arguments) that uses the fused kernel where it can. */
export const simpleRNN = (args: SimpleRnnArgs): FusedSimpleRNN => new FusedSimpleRNN(args);
