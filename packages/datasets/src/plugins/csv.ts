import { DatasetError } from '../errors.js';
import { splitDataset } from '../reshape/subset.js';
import { readCsv, type ReadCsvOptions } from '../tabular/read-csv.js';
import { applyStandardize, columnStats } from '../tabular/standardize.js';
import type { CommonLoadOptions, DatasetPlugin, SequenceDataset, Task } from '../types.js';

export interface CsvOptions extends CommonLoadOptions, ReadCsvOptions {
  /** Read each row's features as this many timesteps (features must divide evenly); default 1. W2: 8 -> 4 x 2. */
  readonly timesteps?: number;
  /** Default: binary for 0/1 labels, multiclass for a few integer or text labels, regression otherwise. */
  readonly task?: Task;
  /** Standardise every feature column with the training split's mean and deviation; default true. */
  readonly standardize?: boolean;
}

/** Chooses the task from the label column's text and maps labels to ids (or values). */
function labelsToTargets(labels: readonly string[], task: Task | undefined, where: string): { task: Task; y: Int32Array | Float32Array; classNames?: string[] } {
  const numeric = labels.every((l) => l !== '' && Number.isFinite(Number(l)));
  const distinct = [...new Set(labels)];
  const integers = numeric && labels.every((l) => Number.isInteger(Number(l)));
  const chosen: Task = task ?? (integers && distinct.length === 2 && distinct.every((d) => d === '0' || d === '1') ? 'binary' : (integers || !numeric) && distinct.length <= 100 ? 'multiclass' : 'regression');
  if (chosen === 'regression') {
    if (!numeric) throw new DatasetError(where, 'regression needs numeric labels');
    return { task: chosen, y: Float32Array.from(labels, Number) };
  }
  const classNames = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
  if (chosen === 'binary' && classNames.length !== 2) throw new DatasetError(where, `binary needs exactly 2 label values, found ${classNames.length}`);
  const id = new Map(classNames.map((c, i) => [c, i]));
  return { task: chosen, y: Int32Array.from(labels, (l) => id.get(l)!), classNames };
}

/**
 * A table of numeric features and a label column (W2: Pima diabetes, 8 features as 4 timesteps x 2). The file is
 * streamed into typed arrays; the test split is seeded and stratified; standardisation is fitted on training rows only.
 */
export const csv: DatasetPlugin<CsvOptions> = {
  name: 'csv',
  description: 'a CSV/TSV table (optionally .gz): numeric feature columns -> timesteps, and a label column',
  task: 'binary',
  sources: 'a .csv/.tsv file (or .gz); required',
  options: [
    { name: 'label', description: 'target column, name or 0-based index (default: the last column)' },
    { name: 'columns', description: 'feature columns, comma-separated names or indices (default: all but the label)' },
    { name: 'header', description: 'true | false | auto (default auto: a first row with text is a header)' },
    { name: 'timesteps', description: 'read each row as this many timesteps (default 1)' },
    { name: 'task', description: 'binary | multiclass | regression (default: from the labels)' },
    { name: 'standardize', description: 'standardise features with training-split statistics (default true)' },
    { name: 'skipInvalid', description: 'skip and count malformed rows instead of failing (default false)' },
  ],
  async load(options = {}) {
    if (!options.source) throw new DatasetError('csv --source', 'required: the CSV file to read');
    const table = await readCsv(options.source, options);
    if (!table.labels) throw new DatasetError(options.source, 'no label column');
    const f = table.featureNames.length;
    const timesteps = options.timesteps === undefined ? 1 : Number(options.timesteps);
    if (!Number.isInteger(timesteps) || timesteps < 1 || f % timesteps !== 0) {
      throw new DatasetError('csv option "timesteps"', `${f} feature columns cannot be read as ${options.timesteps} timesteps (it must divide ${f})`);
    }
    const targets = labelsToTargets(table.labels, options.task, `${options.source}: column ${table.labelName}`);
    const all: SequenceDataset = {
      name: 'csv',
      source: `${options.source}${table.skipped ? ` (${table.skipped} invalid rows skipped)` : ''}`,
      x: table.features,
      shape: [table.rows, timesteps, f / timesteps],
      ...targets,
    };
    const seed = options.seed ?? 0;
    const { train, test } = splitDataset(all, { test: options.testFraction ?? 0.2 }, seed);
    if (options.standardize === false) return { train, test: test! };
    const { mean, std } = columnStats(train.x, f);
    const preprocessing = { kind: 'standardize' as const, columns: table.featureNames, mean, std };
    return {
      train: { ...train, x: applyStandardize(train.x, mean, std), preprocessing },
      test: { ...test!, x: applyStandardize(test!.x, mean, std), preprocessing },
    };
  },
};
