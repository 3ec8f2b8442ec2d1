import { OnnxExportError } from './errors.js';
import type { OnnxGraph } from './graph.js';
import { inLayout, type Value } from './value.js';

type Apply = (graph: OnnxGraph, x: string, hint: string) => string;

const unary =
  (op: string, attrs: Record<string, number | { f: number }> = {}): Apply =>
  (g, x, hint) =>
    g.op(op, [x], attrs, hint);

// Keras activations by the name tfjs saves them under, each as the ONNX ops that compute the same function.
const ACTIVATIONS: Record<string, Apply> = {
  linear: (_, x) => x,
  relu: unary('Relu'),
  relu6: (g, x, hint) => g.op('Clip', [x, g.floats(0), g.floats(6)], {}, hint),
  elu: unary('Elu', { alpha: { f: 1 } }),
  selu: unary('Selu'),
  sigmoid: unary('Sigmoid'),
  // tfjs' hard sigmoid is clip(0.2 x + 0.5, 0, 1) (Keras 3 changed its own to relu6(x + 3) / 6).
  hard_sigmoid: unary('HardSigmoid', { alpha: { f: 0.2 }, beta: { f: 0.5 } }),
  tanh: unary('Tanh'),
  softplus: unary('Softplus'),
  softsign: unary('Softsign'),
  swish: (g, x, hint) => g.op('Mul', [x, g.op('Sigmoid', [x], {}, `${hint}_sigmoid`)], {}, hint),
  mish: (g, x, hint) => g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x], {}, `${hint}_softplus`)], {}, `${hint}_tanh`)], {}, hint),
};

// These normalise over the last Keras axis, so the tensor must have the features last.
const OVER_LAST_AXIS: Record<string, string> = { softmax: 'Softmax', log_softmax: 'LogSoftmax' };

/** The Keras activation `name` applied to `x`; a name with no ONNX form here is refused, naming the layer. */
export function applyActivation(graph: OnnxGraph, x: Value, name: string | undefined, layer: string): Value {
  const activation = name ?? 'linear';
  const axisOp = OVER_LAST_AXIS[activation];
  if (axisOp) {
    const v = x.layout === 'channels-first' ? inLayout(graph, x, 'keras') : x;
    return { ...v, name: graph.op(axisOp, [v.name], { axis: -1 }, `${layer}/${activation}`) };
  }
  const apply = ACTIVATIONS[activation];
  if (!apply) throw new OnnxExportError(layer, `activation "${activation}" has no ONNX form here (supported: ${[...Object.keys(ACTIVATIONS), ...Object.keys(OVER_LAST_AXIS)].join(', ')})`);
  return { ...x, name: apply(graph, x.name, `${layer}/${activation}`) };
}

// The activations ONNX's LSTM, GRU and RNN operators take, by Keras name. Only those whose ONNX defaults equal
// tfjs' definition are listed, so no activation_alpha/beta attribute is needed (HardSigmoid: 0.2, 0.5; Elu: 1).
const RECURRENT: Record<string, string> = { tanh: 'Tanh', relu: 'Relu', sigmoid: 'Sigmoid', hard_sigmoid: 'HardSigmoid', elu: 'Elu', softsign: 'Softsign', softplus: 'Softplus' };

/** The name of Keras activation `name` in a recurrent operator's `activations` attribute. */
export function recurrentActivation(name: string | undefined, layer: string, what: string): string {
  const onnxName = RECURRENT[name ?? ''];
  if (!onnxName) throw new OnnxExportError(layer, `${what} "${name}" is not one of the activations ONNX's recurrent operators take here (${Object.keys(RECURRENT).join(', ')})`);
  return onnxName;
}
