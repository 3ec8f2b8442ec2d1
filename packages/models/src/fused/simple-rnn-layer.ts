import { tf } from '../tf.js';
import { withFusedKernel, type FusedArgs, type RecurrentLayer } from './fused-recurrent.js';

// tfjs-layers' own SimpleRNN class, extended like FusedLSTM.
/** tfjs' SimpleRNN arguments, and `fused` (whether the layer runs the fused kernel). */
export type SimpleRnnArgs = Parameters<typeof tf.layers.simpleRNN>[0] & FusedArgs;
const StockSimpleRNN = tf.layers.simpleRNN({ units: 1 }).constructor as new (args: SimpleRnnArgs) => RecurrentLayer;

/**
 * tfjs' SimpleRNN layer that runs the whole sequence in the fused kernel (the input projection of every step in one
 * product, then one recurrent product per step; a hand-written backward through time) when the registered host
 * kernel has a SimpleRNN; otherwise tfjs' own code. Registered under tfjs' class name "SimpleRNN".
 */
export class FusedSimpleRNN extends withFusedKernel(StockSimpleRNN, 'rnn') {
  static className = 'SimpleRNN';
  constructor(args: SimpleRnnArgs) {
    super(args);
  }
}
tf.serialization.registerClass(FusedSimpleRNN as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** A SimpleRNN layer (tfjs' arguments, and `fused`: 'auto', true or false) that uses the fused kernel as `fused` says. */
export const simpleRNN = (args: SimpleRnnArgs): FusedSimpleRNN => new FusedSimpleRNN(args);
