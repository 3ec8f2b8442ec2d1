import * as tf from '@tensorflow/tfjs';
import type { SequenceDataset } from '@lstmkit/datasets';

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sets every weight of the model to seeded values in [-0.5, 0.5] (moving variances in [0.5, 1.5]), so that
 * biases, BatchNorm statistics and every gate matter in a comparison, as they do in a trained model.
 */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const rand = random(seed);
  const values = model.weights.map((w) => {
    const variance = w.originalName.endsWith('moving_variance');
    return tf.tensor(Float32Array.from({ length: w.shape.reduce((a, b) => a! * b!, 1)! }, () => (variance ? 0.5 : -0.5) + rand()), w.shape as number[]);
  });
  model.setWeights(values);
  tf.dispose(values);
}

/**
 * Inputs for a model of `steps` x `features`: seeded values in [-1, 1], or token ids in [1, vocabulary) when
 * `vocabulary` is given. With `padded`, some samples start with padding (zeros) and one has a padded step in the
 * middle, as Keras' masking must skip wherever it is.
 */
export function sampleInputs(samples: number, steps: number, features: number, seed: number, options: { vocabulary?: number; padded?: boolean } = {}): SequenceDataset {
  const rand = random(seed);
  const x = Float32Array.from({ length: samples * steps * features }, () => (options.vocabulary ? 1 + Math.floor(rand() * (options.vocabulary - 1)) : 2 * rand() - 1));
  if (options.padded) {
    const pad = (i: number, t: number) => x.fill(0, (i * steps + t) * features, (i * steps + t + 1) * features);
    for (let i = 0; i < samples; i++) for (let t = 0; t < i % steps; t++) pad(i, t);
    pad(samples - 1, Math.floor(steps / 2));
  }
  return { name: 'sample', source: 'test', x, shape: [samples, steps, features], y: new Int32Array(samples), task: 'multiclass' };
}

/** The largest absolute difference of two arrays of the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
