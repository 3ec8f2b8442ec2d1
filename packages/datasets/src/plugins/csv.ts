import { DatasetError } from '../errors.js';
import { uniformAt } from '../random.js';
import { csvRows, readCsv, type CsvReadState } from '../tabular/read-csv.js';
import { chooseTargets, CSV_OPTIONS, csvSplits, targetArray, timestepsOf, type CsvOptions } from '../tabular/csv-splits.js';
import { applyStandardize } from '../tabular/standardize.js';
import type { DatasetPlugin, SequenceDataset, SequenceStream, StreamSplits } from '../types.js';

export { CSV_OPTIONS, type CsvOptions } from '../tabular/csv-splits.js';

/**
 * A table of numeric features and a label column (W2: Pima diabetes, 8 features as 4 timesteps x 2). The file is
 * streamed into typed arrays; the test split is seeded and stratified; standardisation is fitted on training rows only.
 */
export const csv: DatasetPlugin<typeof CSV_OPTIONS> = {
  name: 'csv',
  description: 'a CSV/TSV table (optionally .gz): numeric feature columns -> timesteps, and a label column',
  task: 'binary',
  sources: 'a .csv/.tsv file (or .gz); required',
  options: CSV_OPTIONS,
  stream: streamCsv,
  async load(options = {}) {
    if (!options.source) throw new DatasetError('csv option "source"', 'required: the CSV file to read');
    return csvSplits(await readCsv(options.source, options), options.source, options);
  },
};

/**
 * The csv dataset for files larger than memory. One first pass decides each row's split with a stateless seeded
 * draw (so every later pass agrees without remembering it), keeps the test rows, and fits the standardisation
 * (Welford's running mean and variance) and the label set on the training rows. Each epoch then reads the file
 * again, in chunks. The split is random per row rather than stratified, since a stream cannot see the classes ahead.
 */
async function streamCsv(options: CsvOptions = {}): Promise<StreamSplits> {
  const source = options.source;
  if (!source) throw new DatasetError('csv option "source"', 'required: the CSV file to read');
  const seed = options.seed ?? 0;
  const testFraction = options.testFraction ?? 0.2;
  const isTest = (row: number) => uniformAt(seed, row) < testFraction;
  const state: CsvReadState = { skipped: 0 };
  const testX: number[] = [];
  const testLabels: string[] = [];
  const labels = new Set<string>();
  let count = 0;
  let mean: number[] = [];
  let m2: number[] = [];
  let row = 0;
  for await (const r of csvRows(source, options, state)) {
    if (r.label === undefined) throw new DatasetError(source, 'no label column');
    labels.add(r.label);
    if (isTest(row++)) {
      testX.push(...r.values);
      testLabels.push(r.label);
      continue;
    }
    if (count++ === 0) {
      mean = r.values.map(() => 0);
      m2 = r.values.map(() => 0);
    }
    r.values.forEach((v, c) => {
      const d = v - mean[c]!;
      mean[c]! += d / count;
      m2[c]! += d * (v - mean[c]!);
    });
  }
  const f = state.featureNames!.length;
  if (count === 0 || testLabels.length === 0) throw new DatasetError(source, `${row} rows leave no training or no test rows at testFraction ${testFraction}`);
  const timesteps = timestepsOf(options, f);
  const shape = (n: number) => [n, timesteps, f / timesteps] as const;
  const targets = chooseTargets(labels, options.task, `${source}: column ${state.labelName}`);
  const std = m2.map((s) => Math.sqrt(s / count) || 1);
  const standardize = options.standardize !== false;
  const prepare = (x: Float32Array) => (standardize ? applyStandardize(x, mean, std) : x);
  const preprocessing = standardize ? { preprocessing: { kind: 'standardize' as const, columns: state.featureNames!, mean, std } } : {};
  const common = { name: 'csv', task: targets.task, ...(targets.classNames ? { classNames: targets.classNames } : {}), ...preprocessing };
  const train: SequenceStream = {
    ...common,
    source: `${source} (streamed)`,
    shape: shape(count),
    async *chunks(chunkSize: number) {
      let x = new Float32Array(chunkSize * f);
      let y: string[] = [];
      let i = 0;
      const flush = (): SequenceDataset => ({ ...common, source: train.source, x: prepare(x.subarray(0, y.length * f)), shape: shape(y.length), y: targetArray(targets, y) });
      for await (const r of csvRows(source, options, { skipped: 0 })) {
        if (isTest(i++)) continue;
        x.set(r.values, y.length * f);
        y.push(r.label!);
        if (y.length === chunkSize) {
          yield flush();
          x = new Float32Array(chunkSize * f);
          y = [];
        }
      }
      if (y.length) yield flush();
    },
  };
  const test: SequenceDataset = { ...common, source: `${source} (test rows)`, x: prepare(Float32Array.from(testX)), shape: shape(testLabels.length), y: targetArray(targets, testLabels) };
  return { train, test };
}
