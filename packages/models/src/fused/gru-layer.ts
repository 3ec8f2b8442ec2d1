import { tf } from '../tf.js';
import { callFused, fusedPlanFor, type Kwargs, type RecurrentLayer } from './fused-recurrent.js';
import type { HostLstmKernel } from './lstm-kernels.js';

// tfjs-layers' own GRU class (reset_after=false, the only one tfjs has), extended like FusedLSTM.
type GruArgs = Parameters<typeof tf.layers.gru>[0];
const StockGRU = tf.layers.gru({ units: 1 }).constructor as unknown as new (args: GruArgs) => RecurrentLayer;

/**
 * tfjs' GRU layer that runs the whole sequence in the fused kernel (two products per step: [z, r] from h, then the
 * candidate from r * h; a hand-written backward through time) when the registered host kernel has a GRU;
 * otherwise tfjs' own code. Registered under tfjs' class name "GRU".
 */
export class FusedGRU extends StockGRU {
  static className = 'GRU';

  /** Why this layer runs tfjs' step-by-step code instead of the fused kernel, or the kernel it uses. */
  fusedPlan(kwargs?: Kwargs): { kernel: HostLstmKernel } | { reason: string } {
    return fusedPlanFor(this, 'gru', kwargs);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const plan = Array.isArray(inputs) && inputs.length > 1 ? undefined : this.fusedPlan(kwargs);
    if (!plan || !('kernel' in plan)) return super.call(inputs, kwargs as never);
    return callFused(this, 'gru', plan.kernel, inputs);
  }
}
tf.serialization.registerClass(FusedGRU as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A GRU layer (tfjs' arguments) that uses the fused kernel where it can. */
export const gru = (args: GruArgs): FusedGRU => new FusedGRU(args);
