import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import type { MinMaxScaling } from '../reshape/normalize.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetSplits, LoadOptions, SequenceDataset } from '../types.js';
import type { CsvTable } from './csv-records.js';

// A series read into a table -> the timeseries dataset's splits: sliding windows, a chronological split, min-max
// scaling fitted on the training steps. Shared by Node (a file, plugins/timeseries.ts) and the browser (a text).

/** The timeseries dataset's own options. */
export const TIMESERIES_OPTIONS = Type.Object({
  columns: Type.Optional(Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String()]), { description: 'value columns, names or 0-based indices (default: every column but the first, the date or time)' })),
  target: Type.Optional(Type.String({ minLength: 1, description: 'the column to forecast, by name (default: the first value column)' })),
  lookback: Type.Integer({ minimum: 1, default: 12, description: 'past steps in each input window' }),
  horizon: Type.Integer({ minimum: 1, default: 1, description: 'future steps to forecast (more than 1 gives targets of shape [horizon, 1], for encoder-decoder)' }),
  scale: Type.Boolean({ default: true, description: "scale each column to [0, 1] with the training part's min and max" }),
});

/** What the timeseries dataset's `load` takes: the options of every dataset and its own. */
export type TimeseriesOptions = LoadOptions<typeof TIMESERIES_OPTIONS>;

/**
 * A univariate or multivariate series (one row per time step) cut into sliding windows: `lookback` steps of every
 * value column in, the next `horizon` values of the target column out. The split is chronological (the last
 * testFraction of windows is the test set) and scaling is fitted on the training steps only.
 */
export function timeseriesSplits(table: CsvTable, source: string, options: TimeseriesOptions = {}): DatasetSplits {
  const lookback = intOption('timeseries', 'lookback', options.lookback, 12);
  const horizon = intOption('timeseries', 'horizon', options.horizon, 1);
  const names = table.featureNames;
  const f = names.length;
  const targetCol = options.target === undefined ? 0 : names.indexOf(String(options.target));
  if (targetCol < 0) throw new DatasetError(`${source}: target ${JSON.stringify(options.target)}`, `not among the value columns ${names.join(', ')}`);
  const steps = table.rows;
  const windows = steps - lookback - horizon + 1;
  if (windows < 2) throw new DatasetError(source, `${steps} time steps are too few for windows of ${lookback} + ${horizon}`);
  const nTrain = Math.round(windows * (1 - (options.testFraction ?? 0.2)));
  if (nTrain < 1 || nTrain >= windows) throw new DatasetError('timeseries option "testFraction"', `leaves no training or no test windows (${windows} windows)`);
  // Scaling statistics from the steps the training windows see (inputs and targets), never from test steps.
  const seen = nTrain - 1 + lookback + horizon;
  let values = table.features;
  let preprocessing: MinMaxScaling | undefined;
  if (options.scale !== false) {
    const min = new Array<number>(f).fill(Infinity);
    const max = new Array<number>(f).fill(-Infinity);
    for (let s = 0; s < seen; s++) for (let c = 0; c < f; c++) {
      const v = values[s * f + c]!;
      if (v < min[c]!) min[c] = v;
      if (v > max[c]!) max[c] = v;
    }
    values = values.map((v, i) => (v - min[i % f]!) / (max[i % f]! - min[i % f]! || 1));
    preprocessing = { kind: 'minmax', columns: names, min, max, target: names[targetCol]! };
  }
  const make = (from: number, to: number, part: string): SequenceDataset => {
    const n = to - from;
    const x = new Float32Array(n * lookback * f);
    const y = new Float32Array(n * horizon);
    for (let w = 0; w < n; w++) {
      const start = from + w;
      x.set(values.subarray(start * f, (start + lookback) * f), w * lookback * f);
      for (let h = 0; h < horizon; h++) y[w * horizon + h] = values[(start + lookback + h) * f + targetCol]!;
    }
    return {
      name: 'timeseries',
      source: `${source} (${part})`,
      x,
      shape: [n, lookback, f],
      y,
      task: 'regression',
      ...(horizon > 1 ? { targetShape: [horizon, 1] } : {}),
      ...(preprocessing ? { preprocessing } : {}),
    };
  };
  return { train: make(0, nTrain, 'train'), test: make(nTrain, windows, 'test') };
}
