import { tf } from '../tf.js';
import { withFusedKernel, type FusedArgs, type FusedOption, type RecurrentLayer } from './fused-recurrent.js';
import { FusedGRU } from './gru-layer.js';
import { FusedSimpleRNN } from './simple-rnn-layer.js';

// tfjs-layers' own LSTM class, extended so that config, weights, serialisation and summary stay exactly tfjs'.
/** tfjs' LSTM arguments, and `fused` (whether the layer runs the fused kernel). */
export type LstmArgs = Parameters<typeof tf.layers.lstm>[0] & FusedArgs;
const StockLSTM = tf.layers.lstm({ units: 1 }).constructor as new (args: LstmArgs) => RecurrentLayer;

/**
 * tfjs' LSTM layer that runs the whole sequence in one fused kernel call (one recurrent product and fused gate
 * math per step, and a hand-written backward through time) when a host kernel is registered for the active
 * backend and the layer uses only what the kernel implements; otherwise tfjs' own code.
 * Registered under tfjs' class name "LSTM": saved models load into it, and models it saves load in plain tfjs.
 */
export class FusedLSTM extends withFusedKernel(StockLSTM, 'lstm') {
  static className = 'LSTM';
  constructor(args: LstmArgs) {
    super(args);
  }

  // tfjs' unit-forget-bias initializer leaves 4 intermediate tensors behind per layer built (a leak across
  // models). Building inside tidy frees them; variables are not tidied. Stateful layers create their state
  // tensors in build, which must survive, so they build as tfjs does.
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    if (this.stateful) return super.build(inputShape);
    tf.tidy(() => super.build(inputShape));
  }
}
tf.serialization.registerClass(FusedLSTM as unknown as Parameters<typeof tf.serialization.registerClass>[0]);

/** An LSTM layer (tfjs' arguments, and `fused`: 'auto', true or false) that uses the fused kernel as `fused` says. */
export const lstm = (args: LstmArgs): FusedLSTM => new FusedLSTM(args);

/**
 * One recurrent layer in fusedRecurrentReport: its `fused` option, and the kernel it runs and why that one
 * (`note`), or why it runs tfjs-layers' code (`reason`; with `fused: true`, why it fails instead).
 */
export interface FusedLayerReport {
  readonly layer: string;
  readonly fused: FusedOption;
  readonly kernel?: string;
  readonly note?: string;
  readonly reason?: string;
}

/**
 * For each LSTM, GRU or SimpleRNN layer of a model (inside Bidirectional too), while training on the active
 * backend: its `fused` option, and the fused kernel it runs and why that implementation (`note`), or why the layer
 * runs tfjs-layers' step-by-step code (`reason`) — or, for a layer with `fused: true`, why it will throw.
 */
export function fusedRecurrentReport(model: { layers: tf.layers.Layer[] }): FusedLayerReport[] {
  return model.layers.flatMap((layer): FusedLayerReport[] => {
    const inner = (layer as unknown as { forwardLayer?: tf.layers.Layer }).forwardLayer ?? layer;
    if (!(inner instanceof FusedLSTM) && !(inner instanceof FusedGRU) && !(inner instanceof FusedSimpleRNN)) return [];
    const plan = inner.fusedPlan({ training: true });
    const fused = inner.fused;
    if (!('kernel' in plan)) return [{ layer: layer.name, fused, reason: plan.reason }];
    return [{ layer: layer.name, fused, kernel: plan.kernel.name, ...(plan.kernel.note ? { note: plan.kernel.note } : {}) }];
  });
}

/** @deprecated use fusedRecurrentReport (it reports the LSTM, GRU and SimpleRNN layers) */
export const fusedLstmReport = fusedRecurrentReport;
