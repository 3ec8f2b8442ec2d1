import { OnnxExportError } from '../errors.js';

/** Keras' per-axis size options (a number or a list) as a list of `rank` numbers. */
export function perAxis(v: number | readonly number[] | undefined, rank: number, fallback: number): number[] {
  if (v === undefined || v === null) return new Array(rank).fill(fallback);
  return typeof v === 'number' ? new Array(rank).fill(v) : [...v];
}

/** ONNX padding attributes for Keras' padding of a window `kernel` (dilated) per axis, and the output sizes. */
export function padding(layer: string, mode: string, sizes: readonly number[], kernel: readonly number[], strides: readonly number[], dilations: readonly number[]) {
  const span = kernel.map((k, i) => dilations[i]! * (k - 1) + 1);
  if (mode === 'valid') return { attrs: { pads: new Array(2 * sizes.length).fill(0) }, out: sizes.map((n, i) => Math.floor((n - span[i]!) / strides[i]!) + 1) };
  // TensorFlow's "same" puts the odd padding at the end: ONNX's SAME_UPPER.
  if (mode === 'same') return { attrs: { auto_pad: 'SAME_UPPER' }, out: sizes.map((n, i) => Math.ceil(n / strides[i]!)) };
  // tfjs cannot run "causal" either (NotImplementedError), so no such model reaches here from tfjs.
  throw new OnnxExportError(layer, `padding "${mode}" is not supported (valid or same)`);
}

/** The spatial sizes of a Keras channels-last shape [batch, ...spatial, channels], which must be fixed. */
export function spatialSizes(layer: string, shape: readonly (number | null)[], rank: number): number[] {
  const sizes = shape.slice(1, -1);
  if (sizes.length !== rank || !sizes.every((d): d is number => typeof d === 'number')) {
    throw new OnnxExportError(layer, `expected a [batch, ${rank === 1 ? 'steps' : 'height, width'}, channels] input of fixed size, got [${shape.map((d) => d ?? 'batch')}]`);
  }
  return sizes;
}
