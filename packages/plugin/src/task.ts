/**
 * What a model is asked to do with a dataset's targets: pick one of several classes, answer yes or no, or predict
 * values. It fixes the output layer's activation and the loss, and how results are scored.
 */
export type Task = 'multiclass' | 'binary' | 'regression';

/** Every task, for checks and choices. */
export const TASKS: readonly Task[] = ['multiclass', 'binary', 'regression'];
