import { targetSize, type SequenceDataset } from '@lstmkit/datasets';
import { TrainingOptionError } from './errors.js';
import { tf, type LayersModel } from './tf.js';

/** What checks need of a dataset or a stream. */
export type DataShape = Pick<SequenceDataset, 'shape' | 'task' | 'classNames' | 'targetShape'> & { y?: SequenceDataset['y'] };

/** Number of output columns the targets of a dataset need: classes for multi-class, 1 otherwise. */
export function outputsFor(ds: DataShape): number {
  if (ds.task === 'multiclass') {
    if (ds.classNames) return ds.classNames.length;
    if (!ds.y) throw new TrainingOptionError('data', 'multiclass data without classNames: cannot tell the number of classes');
    let max = 0;
    for (const v of ds.y) max = Math.max(max, v);
    return max + 1;
  }
  return ds.targetShape?.at(-1) ?? 1;
}

/** The output shape (without the batch dimension) a model needs for this dataset's targets. */
export function targetShapeFor(ds: DataShape): number[] {
  if (ds.task === 'multiclass') return [outputsFor(ds)];
  return ds.targetShape ? [...ds.targetShape] : [1];
}

/**
 * Whether the model reads token ids ([batch, timesteps], e.g. behind an Embedding) rather than feature vectors
 * ([batch, timesteps, features]). Datasets always hold [samples, timesteps, features]; token ids have 1 feature.
 */
export const readsTokenIds = (model: LayersModel): boolean => model.inputs[0]!.shape.length === 2;

/**
 * Builds the input and target tensors for the samples at `indices` (copied from the typed arrays, so the whole
 * dataset never becomes one tensor). Targets are one-hot for multi-class, values otherwise. Caller disposes.
 */
export function makeBatch(ds: SequenceDataset, indices: ArrayLike<number>, model: LayersModel): { x: tf.Tensor; y: tf.Tensor } {
  const { x, y } = batchArrays(ds, indices);
  return { x: inputTensor(x, indices.length, ds, model), y: tf.tensor(y, [indices.length, ...targetShapeFor(ds)]) };
}

/** The inputs [n, T, F] and targets (one-hot for multi-class) of the samples at `indices`, as arrays. */
export function batchArrays(ds: SequenceDataset, indices: ArrayLike<number>): { x: Float32Array; y: Float32Array } {
  const [, t, f] = ds.shape;
  const stride = t * f;
  const n = indices.length;
  const yStride = targetShapeFor(ds).reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * stride);
  const y = new Float32Array(n * yStride);
  for (let i = 0; i < n; i++) {
    const j = indices[i]!;
    x.set(ds.x.subarray(j * stride, (j + 1) * stride), i * stride);
    if (ds.task === 'multiclass') y[i * yStride + ds.y[j]!] = 1;
    else if (yStride === 1) y[i] = ds.y[j]!;
    else y.set(ds.y.subarray(j * yStride, (j + 1) * yStride), i * yStride);
  }
  return { x, y };
}

function inputTensor(values: Float32Array, n: number, ds: SequenceDataset, model: LayersModel): tf.Tensor {
  const [, t, f] = ds.shape;
  return readsTokenIds(model) ? tf.tensor2d(values, [n, t]) : tf.tensor3d(values, [n, t, f]);
}

/** Just the inputs for samples [start, end). Caller disposes. */
export function makeInputs(ds: SequenceDataset, start: number, end: number, model: LayersModel): tf.Tensor {
  const [, t, f] = ds.shape;
  return inputTensor(ds.x.subarray(start * t * f, end * t * f), end - start, ds, model);
}

/** The data's sample and target shapes must be the model's input and output shapes; the error names both. */
export function checkFits(model: LayersModel, ds: DataShape, what: string): void {
  checkInputs(model, ds, what);
  checkTargets(model, ds, what);
}

/** The data's samples must have the model's input shape. */
export function checkInputs(model: LayersModel, ds: Pick<DataShape, 'shape'>, what: string): void {
  const want = model.inputs[0]!.shape;
  const [, t, f] = ds.shape;
  if (readsTokenIds(model) ? want[1] !== t || f !== 1 : want[1] !== t || want[2] !== f) {
    const expected = readsTokenIds(model) ? `[${want[1]} token ids]` : `[${want[1]} x ${want[2]}]`;
    throw new TrainingOptionError(what, `samples are [${t} timesteps x ${f} features] but the model expects ${expected}`);
  }
}

/** The data's targets must have the model's output shape. */
export function checkTargets(model: LayersModel, ds: DataShape, what: string): void {
  const out = model.outputs[0]!.shape.slice(1).join(' x ');
  const targets = targetShapeFor(ds).join(' x ');
  if (out !== targets) throw new TrainingOptionError(what, `targets are [${targets}] per sample but the model outputs [${out}]`);
}
