import { recurrentActivation } from '../activations.js';
import type { LayerJson, LayerWeights } from '../artifacts.js';
import { OnnxExportError } from '../errors.js';
import type { Attr } from '../graph.js';

/** One direction of a recurrent layer, in ONNX's terms. */
export interface Cell {
  readonly op: 'LSTM' | 'GRU' | 'RNN';
  readonly units: number;
  /** Input features per step. */
  readonly features: number;
  /** ONNX names of the activations of one direction: LSTM [f, g, h], GRU [f, g], RNN [f]. */
  readonly activations: readonly string[];
  readonly attrs: Readonly<Record<string, Attr>>;
  /** Input weights [gates * units, features] in ONNX's gate order. */
  readonly w: Float32Array;
  /** Recurrent weights [gates * units, units]. */
  readonly r: Float32Array;
  /** [Wb, Rb] = [Keras' bias, zeros] ([2 * gates * units]); undefined when the layer has no bias. */
  readonly b?: Float32Array;
  readonly goBackwards: boolean;
  readonly returnSequences: boolean;
}

// ONNX gate g holds Keras gate ORDER[g]. Keras' LSTM kernel columns are [i, f, c, o], ONNX's rows [i, o, f, c];
// Keras' GRU (reset_after=false) and ONNX's GRU both use [z, r, h].
const GATE_ORDER: Record<Cell['op'], readonly number[]> = { LSTM: [0, 3, 1, 2], GRU: [0, 1, 2], RNN: [0] };
const OPS: Record<string, Cell['op']> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'RNN' };

export const RECURRENT_CLASSES = Object.keys(OPS);

/** Keras' x @ kernel [inputs, gates * units] as ONNX's W [gates * units, inputs] in ONNX's gate order. */
function toOnnxGates(kernel: Float32Array, inputs: number, units: number, order: readonly number[]): Float32Array {
  const columns = order.length * units;
  const out = new Float32Array(columns * inputs);
  order.forEach((src, g) => {
    for (let u = 0; u < units; u++) {
      const row = (g * units + u) * inputs;
      const col = src * units + u;
      for (let k = 0; k < inputs; k++) out[row + k] = kernel[k * columns + col]!;
    }
  });
  return out;
}

/** A Keras LSTM, GRU or SimpleRNN layer as an ONNX cell; what ONNX cannot express the same way is refused. */
export function recurrentCell(layer: LayerJson, weights: LayerWeights, features: number): Cell {
  const c = layer.config;
  const name = c.name;
  const op = OPS[layer.class_name];
  if (!op) throw new OnnxExportError(name, `${layer.class_name} is not a recurrent layer the exporter knows`);
  if (c.stateful) throw new OnnxExportError(name, 'it is stateful (its state carries over between calls, which an ONNX model does not keep)');
  if (c.return_state) throw new OnnxExportError(name, 'it returns its states as extra outputs (return_state)');
  if (c.time_major) throw new OnnxExportError(name, 'time_major layers are not supported');
  if (op === 'GRU' && c.reset_after) throw new OnnxExportError(name, 'a GRU with reset_after=true (tfjs has only reset_after=false)');
  const units: number = c.units;
  const order = GATE_ORDER[op];
  const gates = order.length;
  const activation = recurrentActivation(c.activation, name, 'activation');
  const gate = op === 'RNN' ? undefined : recurrentActivation(c.recurrent_activation, name, 'recurrent_activation');
  const kernel = weights.get('kernel', [features, gates * units]);
  const recurrent = weights.get('recurrent_kernel', [units, gates * units]);
  const bias = c.use_bias === false ? undefined : weights.get('bias', [gates * units]);
  let b: Float32Array | undefined;
  if (bias) {
    b = new Float32Array(2 * gates * units);
    b.set(toOnnxGates(bias.data, 1, units, order));
  }
  return {
    op,
    units,
    features,
    activations: op === 'LSTM' ? [gate!, activation, activation] : op === 'GRU' ? [gate!, activation] : [activation],
    attrs: op === 'GRU' ? { linear_before_reset: 0 } : {},
    w: toOnnxGates(kernel.data, features, units, order),
    r: toOnnxGates(recurrent.data, units, units, order),
    b,
    goBackwards: Boolean(c.go_backwards),
    returnSequences: Boolean(c.return_sequences),
  };
}
