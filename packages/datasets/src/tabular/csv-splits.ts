import { DatasetError } from '../errors.js';
import { splitDataset } from '../reshape/subset.js';
import type { CommonLoadOptions, DatasetSplits, SequenceDataset, Task } from '../types.js';
import type { CsvTable, ReadCsvOptions } from './csv-records.js';
import { applyStandardize, columnStats } from './standardize.js';
import { choice, TASKS, Type } from '@lstmkit/plugin';

// A CSV table -> the train and test splits of the csv dataset: the task from the labels, rows as timesteps, a
// seeded split, standardisation fitted on the training split. Shared by Node (a file) and the browser (a text).

/** The csv dataset's own options (what `CsvOptions` adds to the options of every dataset), as a schema. */
export const CSV_OPTIONS = Type.Object({
  label: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String()], { description: 'target column, name or 0-based index (default: the last column)' })),
  columns: Type.Optional(Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String()]), { description: 'feature columns, names or 0-based indices (default: all but the label)' })),
  header: Type.Union([Type.Boolean(), Type.Literal('auto')], { default: 'auto', description: 'whether the first row names the columns (auto: when a field in it is not a number)' }),
  timesteps: Type.Integer({ minimum: 1, default: 1, description: "read each row's features as this many timesteps (it must divide them; W2: 8 -> 4 x 2)" }),
  task: Type.Optional(choice(TASKS, { description: 'what to predict (default: binary for 0/1 labels, multiclass for a few integer or text labels, regression otherwise)' })),
  standardize: Type.Boolean({ default: true, description: "standardise every feature column with the training split's mean and deviation" }),
  skipInvalid: Type.Boolean({ default: false, description: 'skip and count malformed rows instead of failing' }),
  delimiter: Type.Optional(Type.String({ minLength: 1, description: 'field separator (default "," and a tab for .tsv)' })),
});

export interface CsvOptions extends CommonLoadOptions, ReadCsvOptions {
  /** Read each row's features as this many timesteps (features must divide evenly); default 1. W2: 8 -> 4 x 2. */
  readonly timesteps?: number;
  /** Default: binary for 0/1 labels, multiclass for a few integer or text labels, regression otherwise. */
  readonly task?: Task;
  /** Standardise every feature column with the training split's mean and deviation; default true. */
  readonly standardize?: boolean;
}

interface Targets {
  readonly task: Task;
  readonly classNames?: string[];
  /** The target of one label: a class id, or the value for regression. */
  readonly of: (label: string) => number;
}

/** Chooses the task from the distinct label texts, and how each label becomes a target. */
export function chooseTargets(distinct: ReadonlySet<string>, task: Task | undefined, where: string): Targets {
  const values = [...distinct];
  const numeric = values.every((l) => l !== '' && Number.isFinite(Number(l)));
  const integers = numeric && values.every((l) => Number.isInteger(Number(l)));
  const chosen: Task = task ?? (integers && values.length === 2 && values.every((d) => d === '0' || d === '1') ? 'binary' : (integers || !numeric) && values.length <= 100 ? 'multiclass' : 'regression');
  if (chosen === 'regression') {
    if (!numeric) throw new DatasetError(where, 'regression needs numeric labels');
    return { task: chosen, of: Number };
  }
  const classNames = numeric ? values.sort((a, b) => Number(a) - Number(b)) : values.sort();
  if (classNames.length < 2) throw new DatasetError(where, `every row has the label ${JSON.stringify(classNames[0])}: a classifier needs at least two classes`);
  if (chosen === 'binary' && classNames.length !== 2) throw new DatasetError(where, `binary needs exactly 2 label values, found ${classNames.length}`);
  const id = new Map(classNames.map((c, i) => [c, i]));
  return { task: chosen, classNames, of: (l) => id.get(l)! };
}

/** The targets of the label texts: class ids, or values for regression. */
export const targetArray = (t: Targets, labels: readonly string[]) => (t.task === 'regression' ? Float32Array.from(labels, t.of) : Int32Array.from(labels, t.of));

/** The `timesteps` option, checked against the number of feature columns it must divide. */
export function timestepsOf(options: CsvOptions, f: number): number {
  const timesteps = options.timesteps === undefined ? 1 : Number(options.timesteps);
  if (!Number.isInteger(timesteps) || timesteps < 1 || f % timesteps !== 0) {
    throw new DatasetError('csv option "timesteps"', `${f} feature columns cannot be read as ${options.timesteps} timesteps (it must divide ${f})`);
  }
  return timesteps;
}

/** The csv dataset's splits from a table read from `source` (a file name, for messages). */
export function csvSplits(table: CsvTable, source: string, options: CsvOptions = {}): DatasetSplits {
  if (!table.labels) throw new DatasetError(source, 'no label column');
  const f = table.featureNames.length;
  const timesteps = timestepsOf(options, f);
  const targets = chooseTargets(new Set(table.labels), options.task, `${source}: column ${table.labelName}`);
  const all: SequenceDataset = {
    name: 'csv',
    source: `${source}${table.skipped ? ` (${table.skipped} invalid rows skipped)` : ''}`,
    x: table.features,
    shape: [table.rows, timesteps, f / timesteps],
    y: targetArray(targets, table.labels),
    task: targets.task,
    ...(targets.classNames ? { classNames: targets.classNames } : {}),
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
}
