import { OnnxExportError } from '../errors.js';
import type { OnnxGraph } from '../graph.js';
import { inLayout, type Value } from '../value.js';
import { RECURRENT_CLASSES, recurrentCell, type Cell } from './cells.js';
import type { LayerConverter } from './types.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

/** The weights of cells as one ONNX operator's W, R and B inputs ([directions, ...]). */
function weightInputs(graph: OnnxGraph, cells: readonly Cell[], hint: string): string[] {
  const { units, features } = cells[0]!;
  const rows = cells[0]!.w.length / features;
  const stack = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const d = cells.length;
  const inputs = [graph.tensor(`${hint}/W`, [d, rows, features], stack(cells.map((c) => c.w))), graph.tensor(`${hint}/R`, [d, rows, units], stack(cells.map((c) => c.r)))];
  if (cells.every((c) => c.b)) inputs.push(graph.tensor(`${hint}/B`, [d, 2 * rows], stack(cells.map((c) => c.b!))));
  return inputs;
}

/** The outputs a direction produced: every step [time, batch, units], or the last [batch, units]. */
type DirectionOutput = string;

/**
 * Without a mask: one ONNX LSTM/GRU/RNN node over the whole sequence (both directions for a bidirectional
 * layer), split into one output per direction.
 */
function wholeSequence(graph: OnnxGraph, xt: string, cells: readonly Cell[], hint: string): DirectionOutput[] {
  const cell = cells[0]!;
  const bidirectional = cells.length === 2;
  let input = xt;
  // Keras' go_backwards reads the steps last to first and returns its outputs in that order: a forward pass
  // over the reversed sequence.
  if (!bidirectional && cell.goBackwards) input = graph.op('Slice', [xt, graph.int64s([-1]), graph.int64s([Number.MIN_SAFE_INTEGER]), graph.int64s([0]), graph.int64s([-1])], {}, `${hint}/reversed`);
  const attrs = { hidden_size: cell.units, direction: bidirectional ? 'bidirectional' : 'forward', activations: cells.flatMap((c) => c.activations), ...cell.attrs };
  const all = cell.returnSequences;
  const [y, yh] = graph.node(cell.op, [input, ...weightInputs(graph, cells, hint)], attrs, all ? [`${hint}/Y`] : ['', `${hint}/Y_h`]);
  // Y is [time, directions, batch, units]; Y_h is [directions, batch, units].
  const out = all ? y! : yh!;
  const axis = all ? 1 : 0;
  const parts = bidirectional ? graph.node('Split', [out], { axis }, [`${hint}/forward`, `${hint}/backward`]) : [out];
  return parts.map((p) => graph.op('Squeeze', [p, graph.int64s([axis])], {}, `${hint}/out`));
}

/**
 * With a mask: the steps unrolled, each one ONNX LSTM/GRU/RNN node of one step that starts from the state so far,
 * and where a step is masked the state and output stay as they were (what Keras and tfjs do, wherever the padded
 * steps are; ONNX's sequence_lens only skips trailing ones).
 */
function maskedSteps(graph: OnnxGraph, xt: string, mask: string, steps: number, cells: readonly Cell[], hint: string): DirectionOutput[] {
  const split = (t: string, what: string) => (steps === 1 ? [t] : graph.node('Split', [t], { axis: 0 }, Array.from({ length: steps }, (_, i) => `${hint}/${what}_${i}`)));
  const xs = split(xt, 'x');
  const ms = split(mask, 'mask');
  const zero = graph.floats(0, [1, 1, 1]);
  return cells.map((cell, d) => {
    const dir = cells.length === 2 ? (d === 0 ? 'forward' : 'backward') : 'step';
    const weights = weightInputs(graph, [cell], `${hint}/${dir}`);
    const backwards = cells.length === 2 ? d === 1 : cell.goBackwards;
    const order = Array.from({ length: steps }, (_, i) => (backwards ? steps - 1 - i : i));
    const attrs = { hidden_size: cell.units, direction: 'forward', activations: [...cell.activations], ...cell.attrs };
    let h: string | undefined;
    let c: string | undefined;
    const outputs: string[] = new Array(steps);
    order.forEach((t, k) => {
      const state = h ? (cell.op === 'LSTM' ? ['', h, c!] : ['', h]) : [];
      const bias = weights[2] ?? (state.length ? '' : undefined);
      const inputs = [xs[t]!, weights[0]!, weights[1]!, ...(bias === undefined ? [] : [bias]), ...state];
      const [, yh, yc] = graph.node(cell.op, inputs, attrs, cell.op === 'LSTM' ? ['', `${hint}/${dir}_h${t}`, `${hint}/${dir}_c${t}`] : ['', `${hint}/${dir}_h${t}`]);
      h = graph.op('Where', [ms[t]!, yh!, h ?? zero], {}, `${hint}/${dir}_masked_h${t}`);
      if (yc) c = graph.op('Where', [ms[t]!, yc, c ?? zero], {}, `${hint}/${dir}_masked_c${t}`);
      // Keras' output of a step is h; a bidirectional layer puts the backward outputs back in time order, a
      // go_backwards layer keeps them in the order it read the steps.
      outputs[cells.length === 2 ? t : k] = h;
    });
    if (!cell.returnSequences) return graph.op('Squeeze', [h!, graph.int64s([0])], {}, `${hint}/${dir}_last`);
    return steps === 1 ? outputs[0]! : graph.op('Concat', outputs, { axis: 0 }, `${hint}/${dir}_sequence`);
  });
}

/** Keras' Bidirectional merge of the forward and backward outputs (on the last axis). */
function merge(graph: OnnxGraph, [f, b]: DirectionOutput[], mode: MergeMode, hint: string): string {
  if (mode === 'concat') return graph.op('Concat', [f!, b!], { axis: -1 }, `${hint}/concat`);
  if (mode === 'sum') return graph.op('Add', [f!, b!], {}, `${hint}/sum`);
  if (mode === 'mul') return graph.op('Mul', [f!, b!], {}, `${hint}/mul`);
  return graph.op('Mul', [graph.op('Add', [f!, b!], {}, `${hint}/sum`), graph.floats(0.5)], {}, `${hint}/ave`);
}

/**
 * One recurrent layer (one cell, or a forward and a backward cell merged by `mergeMode`) on `x`: every step's
 * output time-major, or the last step's [batch, units].
 */
export function recurrentLayer(graph: OnnxGraph, x: Value, cells: readonly Cell[], hint: string, mergeMode: MergeMode = 'concat'): Value {
  const steps = x.shape[1];
  const xt = inLayout(graph, x, 'time-major');
  let outputs: DirectionOutput[];
  if (x.mask) {
    if (typeof steps !== 'number') throw new OnnxExportError(hint, 'a masked input needs a fixed number of timesteps');
    outputs = maskedSteps(graph, xt.name, x.mask, steps, cells, hint);
  } else outputs = wholeSequence(graph, xt.name, cells, hint);
  const units = cells[0]!.units * (cells.length === 2 && mergeMode === 'concat' ? 2 : 1);
  const name = cells.length === 2 ? merge(graph, outputs, mergeMode, hint) : outputs[0]!;
  if (cells[0]!.returnSequences) return { name, shape: [null, steps, units], layout: 'time-major', type: 'float', mask: x.mask };
  return { name, shape: [null, units], layout: 'keras', type: 'float' };
}

/** Keras' LSTM, GRU and SimpleRNN layers, as ONNX's own LSTM, GRU and RNN operators. */
export const recurrent: LayerConverter = {
  classNames: RECURRENT_CLASSES,
  mask: 'uses',
  convert(x, { graph, layer, weights }) {
    const features = x.shape.at(-1);
    if (x.shape.length !== 3 || typeof features !== 'number') throw new OnnxExportError(layer.config.name, `expected a [batch, timesteps, features] input, got [${x.shape.map((d) => d ?? 'batch')}]`);
    return recurrentLayer(graph, x, [recurrentCell(layer, weights, features)], layer.config.name);
  },
};
