import type { HeadTask } from './spec.js';

/** The output activation, the loss and the metric Keras uses for each task. */
export const HEADS: Readonly<Record<HeadTask, { activation: 'softmax' | 'sigmoid' | 'linear'; loss: string; metric: string }>> = {
  multiclass: { activation: 'softmax', loss: 'categoricalCrossentropy', metric: 'accuracy' },
  binary: { activation: 'sigmoid', loss: 'binaryCrossentropy', metric: 'accuracy' },
  regression: { activation: 'linear', loss: 'meanSquaredError', metric: 'mae' },
};
