import type { Preprocessing, SequenceDataset, SequenceStream, Task } from '@lstmkit/datasets';

/** What a saved model records of the data it was trained on (in lstmkit.json), to prepare new input the same way. */
export interface DatasetInfo {
  readonly name: string;
  readonly source: string;
  readonly task: Task;
  readonly timesteps: number;
  readonly features: number;
  readonly trainSamples: number;
  readonly classNames?: readonly string[];
  /** How raw input was prepared (standardisation, vocabulary, min-max scaling…), to prepare new input the same way. */
  readonly preprocessing?: Preprocessing;
}

/**
 * The record `saveModel` keeps of a dataset (its name, source, shapes, classes and preprocessing). `trainSamples`
 * defaults to all of its samples; pass fewer when part was held out for validation.
 */
export function datasetInfo(ds: SequenceDataset | SequenceStream, options: { trainSamples?: number } = {}): DatasetInfo {
  return {
    name: ds.name,
    source: ds.source,
    task: ds.task,
    timesteps: ds.shape[1],
    features: ds.shape[2],
    trainSamples: options.trainSamples ?? ds.shape[0],
    ...(ds.classNames ? { classNames: ds.classNames } : {}),
    ...(ds.preprocessing ? { preprocessing: ds.preprocessing } : {}),
  };
}

/** A dataset or its record: what `saveModel` accepts as `dataset`. */
export const toDatasetInfo = (d: DatasetInfo | SequenceDataset | SequenceStream): DatasetInfo => ('x' in d || 'chunks' in d ? datasetInfo(d) : d);
