import type { SequenceDataset, Task } from '@lstmkit/datasets';
import { checkInputs, checkTargets, makeInputs, readsTokenIds } from './batches.js';
import { TrainingOptionError } from './errors.js';
import { tf, type LayersModel } from './tf.js';
import { installFusedKernels } from './kernels/fused-kernels.js';

/** What `predict` returns: the model's outputs per sample, and the predicted classes for classifiers. */
export interface Predictions {
  /** Model outputs, row-major [samples, outputs] (class probabilities for classifiers). */
  readonly outputs: Float32Array;
  readonly shape: readonly [number, number];
  /** Predicted class per sample (argmax, or p > 0.5 for binary); absent for regression. */
  readonly classes?: Int32Array;
}

/** Loss and accuracy (classifiers) or MAE (regression) on a dataset, as Keras computes them. */
export interface Evaluation {
  readonly samples: number;
  /** Keras' loss: cross-entropy for classifiers, mean squared error for regression (in the model's units). */
  readonly loss: number;
  readonly accuracy?: number;
  /** Mean absolute error (regression), in the model's units (scaled data stays scaled). */
  readonly mae?: number;
  /** Regression on min-max scaled data with a known target column: the same errors in that column's own units. */
  readonly inUnits?: ErrorsInUnits & { readonly column: string };
  /**
   * Time series: the errors of the persistence forecast ("the next value is the last one seen"), the baseline a
   * forecasting model has to beat; in the model's units and, when known, in the data's own units.
   */
  readonly persistence?: { readonly loss: number; readonly mae: number; readonly inUnits?: ErrorsInUnits };
}

/** Errors in a column's own units: MAE in its unit (e.g. °C), loss (mean squared error) in its unit squared. */
export interface ErrorsInUnits {
  readonly mae: number;
  readonly loss: number;
}

/**
 * Input as plain numbers: one sequence, `[timesteps][features]` (or `[timesteps]` token ids for a model with an
 * Embedding), or a batch of them.
 */
export type SequenceArrays = readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[];

/** How `predict` and `forwardPass` run the model. */
export interface PredictOptions {
  /** Samples per forward pass; default 1024. */
  readonly chunk?: number;
  /** Called after each chunk with the samples done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * The model's outputs for every sample, computed in chunks (bounded memory, no tensors left behind), flattened per
 * sample to [samples, outputs]. Only the inputs are checked, so this also serves models cut at an inner layer.
 */
export async function forwardPass(model: LayersModel, ds: SequenceDataset, options: PredictOptions = {}): Promise<{ outputs: Float32Array; shape: [number, number] }> {
  checkInputs(model, ds, 'data');
  await installFusedKernels();
  const chunk = options.chunk ?? 1024;
  const n = ds.shape[0];
  // Outputs per sample, flattened (a seq2seq model's [steps, outputs] included).
  const k = (model.outputs[0]!.shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
  const outputs = new Float32Array(n * k);
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk);
    const y = tf.tidy(() => model.predict(makeInputs(ds, start, end, model)) as tf.Tensor);
    outputs.set(await y.data(), start * k);
    y.dispose();
    options.onProgress?.(end, n);
  }
  return { outputs, shape: [n, k] };
}

const depth = (a: unknown): number => (Array.isArray(a) ? 1 + depth(a[0]) : 0);

/** Plain arrays as model input: one sequence or a batch (told apart by the model's input shape), checked. */
export function sequencesFor(model: LayersModel, input: SequenceArrays): SequenceDataset {
  const [, t, f = 1] = model.inputs[0]!.shape as number[];
  const tokens = readsTokenIds(model);
  const one = tokens ? 1 : 2;
  const what = tokens ? `[${t} token ids] (number[])` : `[${t} timesteps][${f} features] (number[][])`;
  const d = depth(input);
  if (d !== one && d !== one + 1) throw new TrainingOptionError('input', `expected one sequence ${what} or an array of them; got arrays nested ${d} deep`);
  const batch = (d === one ? [input] : input) as readonly unknown[];
  const x = new Float32Array(batch.length * t! * f);
  batch.forEach((seq, i) => {
    const steps = seq as readonly (number | readonly number[])[];
    if (steps.length !== t) throw new TrainingOptionError(`input sequence ${i}`, `${steps.length} timesteps, the model reads ${t}`);
    steps.forEach((step, s) => {
      const values = tokens ? [step as number] : (step as readonly number[]);
      if (values.length !== f) throw new TrainingOptionError(`input sequence ${i}, step ${s}`, `${values.length} features, the model reads ${f}`);
      x.set(values, (i * t! + s) * f);
    });
  });
  return { name: 'input', source: 'arrays', x, shape: [batch.length, t!, f], y: new Float32Array(0), task: outputTask(model) };
}

/** What a model's output layer does: softmax = classes, one sigmoid = binary, anything else = values. */
function outputTask(model: LayersModel): Task {
  const activation = (model.layers.at(-1)?.getConfig() as { activation?: string } | undefined)?.activation;
  const k = model.outputs[0]!.shape.at(-1);
  return activation === 'softmax' ? 'multiclass' : activation === 'sigmoid' && k === 1 ? 'binary' : 'regression';
}

/**
 * The model's outputs for a dataset, or for plain arrays (one sequence or a batch, see `SequenceArrays`), and the
 * predicted class of each sample for classifiers.
 */
export async function predict(model: LayersModel, input: SequenceDataset | SequenceArrays, options: PredictOptions = {}): Promise<Predictions> {
  const arrays = Array.isArray(input);
  const ds = arrays ? sequencesFor(model, input as SequenceArrays) : (input as SequenceDataset);
  if (!arrays) checkTargets(model, ds, 'data');
  const { outputs, shape } = await forwardPass(model, ds, options);
  const [n, k] = shape;
  let classes: Int32Array | undefined;
  if (ds.task !== 'regression') {
    classes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (k === 1) classes[i] = outputs[i]! > 0.5 ? 1 : 0;
      else {
        let best = 0;
        for (let c = 1; c < k; c++) if (outputs[i * k + c]! > outputs[i * k + best]!) best = c;
        classes[i] = best;
      }
    }
  }
  return { outputs, shape: [n, k], classes };
}

const EPS = 1e-7; // Keras clips probabilities to [eps, 1 - eps] in its cross-entropies

/**
 * Loss and accuracy (or MAE) as Keras computes them, from the model's predictions; for a time series also in the
 * data's own units, beside the persistence baseline.
 */
export async function evaluate(model: LayersModel, ds: SequenceDataset, options: PredictOptions = {}): Promise<Evaluation> {
  return scorePredictions(ds, await predict(model, ds, options));
}

/** Loss and accuracy (or MAE) of predictions already made for `ds` (one forward pass serves several uses). */
export function scorePredictions(ds: SequenceDataset, p: Predictions): Evaluation {
  const n = ds.shape[0];
  const k = p.shape[1];
  const clip = (v: number) => Math.min(1 - EPS, Math.max(EPS, v));
  let loss = 0;
  let hits = 0;
  let absErr = 0;
  for (let i = 0; i < n; i++) {
    const y = ds.y[i]!;
    if (ds.task === 'multiclass') loss -= Math.log(clip(p.outputs[i * k + y]!));
    else if (ds.task === 'binary') {
      const q = clip(p.outputs[i]!);
      loss -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
    } else {
      // Regression: mean over every target value of the sample (k > 1 for multi-step forecasts).
      for (let j = 0; j < k; j++) {
        const err = p.outputs[i * k + j]! - ds.y[i * k + j]!;
        loss += (err * err) / k;
        absErr += Math.abs(err) / k;
      }
    }
    if (p.classes && p.classes[i] === y) hits++;
  }
  return ds.task === 'regression' ? { samples: n, loss: loss / n, mae: absErr / n, ...regressionBaselines(ds, k, { loss: loss / n, mae: absErr / n }) } : { samples: n, loss: loss / n, accuracy: hits / n };
}

/** The min-max scaling of a time series' target column, when the data has one. */
function targetScaling(ds: SequenceDataset): { column: string; index: number; min: number; range: number } | undefined {
  const p = ds.preprocessing;
  if (p?.kind !== 'minmax' || p.target === undefined) return undefined;
  const index = p.columns.indexOf(p.target);
  if (index < 0) return undefined;
  return { column: p.target, index, min: p.min[index]!, range: p.max[index]! - p.min[index]! || 1 };
}

/** The target's last value in each sample's input window: the persistence forecast. */
const lastSeen = (ds: SequenceDataset, i: number, column: number): number => {
  const [, t, f] = ds.shape;
  return ds.x[(i * t + t - 1) * f + column]!;
};

/** Errors in the target's own units and the persistence baseline, for min-max scaled data with a known target. */
function regressionBaselines(ds: SequenceDataset, k: number, model: ErrorsInUnits): Pick<Evaluation, 'inUnits' | 'persistence'> {
  const s = targetScaling(ds);
  if (!s) return {};
  const units = (e: ErrorsInUnits): ErrorsInUnits => ({ mae: e.mae * s.range, loss: e.loss * s.range * s.range });
  const n = ds.shape[0];
  let loss = 0;
  let absErr = 0;
  for (let i = 0; i < n; i++) {
    const last = lastSeen(ds, i, s.index);
    for (let j = 0; j < k; j++) {
      const err = last - ds.y[i * k + j]!;
      loss += (err * err) / k;
      absErr += Math.abs(err) / k;
    }
  }
  const persistence = { loss: loss / n, mae: absErr / n };
  return { inUnits: { column: s.column, ...units(model) }, persistence: { ...persistence, inUnits: units(persistence) } };
}

/**
 * For a time series: each sample's next value, the model's forecast of it and the persistence forecast, in the
 * target's own units (the first step of each window when the model forecasts several), e.g. for a chart.
 */
export function forecastsInUnits(ds: SequenceDataset, p: Predictions): { column: string; actual: Float32Array; model: Float32Array; persistence: Float32Array } | undefined {
  const s = targetScaling(ds);
  if (!s) return undefined;
  const [n, k] = p.shape;
  const unscale = (v: number) => v * s.range + s.min;
  return {
    column: s.column,
    actual: Float32Array.from({ length: n }, (_, i) => unscale(ds.y[i * k]!)),
    model: Float32Array.from({ length: n }, (_, i) => unscale(p.outputs[i * k]!)),
    persistence: Float32Array.from({ length: n }, (_, i) => unscale(lastSeen(ds, i, s.index))),
  };
}
