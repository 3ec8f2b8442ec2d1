import { tf } from '../tf.js';
import { withFusedKernel, type FusedArgs, type RecurrentLayer } from './fused-recurrent.js';

// tfjs-layers' own GRU class (reset_after=false, the only one tfjs has), extended like FusedLSTM.
/** tfjs' GRU arguments, and `fused` (whether the layer runs the fused kernel). */
export type GruArgs = Parameters<typeof tf.layers.gru>[0] & FusedArgs;
const StockGRU = tf.layers.gru({ units: 1 }).constructor as new (args: GruArgs) => RecurrentLayer;

/**
 * tfjs' GRU layer that runs the whole sequence in the fused kernel (two products per step: [z, r] from h, then the
 * candidate from r * h; a hand-written backward through time) when the registered host kernel has a GRU;
 * otherwise tfjs' own code. Registered under tfjs' class name "GRU".
 */
export class FusedGRU extends withFusedKernel(StockGRU, 'gru') {
  static className = 'GRU';
  constructor(args: GruArgs) {
    super(args);
  }
}
tf.serialization.registerClass(FusedGRU as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A GRU layer (tfjs' arguments, and `fused`: 'auto', true or false) that uses the fused kernel as `fused` says. */
export const gru = (args: GruArgs): FusedGRU => new FusedGRU(args);
