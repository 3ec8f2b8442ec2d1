import type { SequenceDataset } from '@lstmkit/datasets/core';
import { checkInputs, checkTargets, makeInputs } from './batches.js';
import { tf, type LayersModel } from './tf.js';
import { installFusedKernels } from './kernels/fused-kernels.js';

export interface Predictions {
  /** Model outputs, row-major [samples, outputs] (class probabilities for classifiers). */
  readonly outputs: Float32Array;
  readonly shape: readonly [number, number];
  /** Predicted class per sample (argmax, or p > 0.5 for binary); absent for regression. */
  readonly classes?: Int32Array;
}

export interface Evaluation {
  readonly samples: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly mae?: number;
}

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

/** The model's outputs for the samples, and the predicted class of each for classifiers. */
export async function predict(model: LayersModel, ds: SequenceDataset, options: PredictOptions = {}): Promise<Predictions> {
  checkTargets(model, ds, 'data');
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

/** Loss and accuracy (or MAE) as Keras computes them, from the model's predictions. */
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
  return ds.task === 'regression' ? { samples: n, loss: loss / n, mae: absErr / n } : { samples: n, loss: loss / n, accuracy: hits / n };
}
