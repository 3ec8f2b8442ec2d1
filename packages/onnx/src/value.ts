import type { DataType, OnnxGraph } from './graph.js';

/**
 * How a tensor's axes are laid out in the graph, relative to Keras' [batch, ...dims, channels]:
 * - `keras`: as Keras (batch first, features/channels last);
 * - `time-major`: batch and time swapped, [time, batch, features] (what ONNX's LSTM/GRU/RNN read and write);
 * - `channels-first`: channels moved after the batch, [batch, channels, ...dims] (what ONNX's Conv and pools use).
 * Converters ask for the layout they need; a Transpose is added only when the layout changes.
 */
export type Layout = 'keras' | 'time-major' | 'channels-first';

/** A tensor flowing between layers. */
export interface Value {
  readonly name: string;
  /** Keras' shape, batch first (null = the dynamic batch), whatever the layout. */
  readonly shape: readonly (number | null)[];
  readonly layout: Layout;
  readonly type: DataType;
  /**
   * Which timesteps are real (Keras' mask from Masking or Embedding(mask_zero)): a bool tensor [time, batch, 1],
   * time-major, as the recurrent converters consume it.
   */
  readonly mask?: string;
}

/** For each axis of the laid-out tensor, the Keras axis it holds. */
function kerasAxes(layout: Layout, rank: number): number[] {
  const identity = Array.from({ length: rank }, (_, i) => i);
  if (layout === 'keras' || rank < 3) return identity;
  if (layout === 'time-major') return [1, 0, ...identity.slice(2)];
  return [0, rank - 1, ...identity.slice(1, rank - 1)];
}

/** `v` in `layout`, with one Transpose if it is laid out otherwise. */
export function inLayout(graph: OnnxGraph, v: Value, layout: Layout, hint = 'transpose'): Value {
  const rank = v.shape.length;
  const from = kerasAxes(v.layout, rank);
  const to = kerasAxes(layout, rank);
  if (from.every((a, i) => a === to[i])) return { ...v, layout };
  const perm = to.map((axis) => from.indexOf(axis));
  return { ...v, layout, name: graph.op('Transpose', [v.name], { perm }, hint) };
}

/** The physical shape of `v` (dynamic batch as 0, which ONNX's Reshape reads as "copy this dimension"). */
export function physicalShape(v: Pick<Value, 'shape' | 'layout'>): number[] {
  const axes = kerasAxes(v.layout, v.shape.length);
  return axes.map((a) => v.shape[a] ?? 0);
}
