import { DatasetError } from '../errors.js';
import { readCsv, readHeader } from '../tabular/read-csv.js';
import { TIMESERIES_OPTIONS, timeseriesSplits, type TimeseriesOptions } from '../tabular/timeseries-splits.js';
import type { DatasetPlugin } from '../types.js';

export { TIMESERIES_OPTIONS, type TimeseriesOptions };

/**
 * A univariate or multivariate series (CSV, one row per time step) cut into sliding windows: `lookback` steps of
 * every value column in, the next `horizon` values of the target column out. The split is chronological (the
 * last testFraction of windows is the test set) and scaling is fitted on the training steps only.
 */
export const timeseries: DatasetPlugin<typeof TIMESERIES_OPTIONS> = {
  name: 'timeseries',
  description: 'a time series CSV -> sliding windows (lookback in, horizon out), chronological split, min-max scaling',
  task: 'regression',
  sources: 'a .csv file (or .gz), one row per time step, a header; required',
  options: TIMESERIES_OPTIONS,
  async load(options = {}) {
    if (!options.source) throw new DatasetError('timeseries option "source"', 'required: the series CSV');
    const columns = options.columns ?? (await readHeader(options.source)).slice(1);
    if (columns.length === 0) throw new DatasetError(options.source, 'no value columns: the first column is taken as the date/time; pass columns');
    const table = await readCsv(options.source, { header: true, label: null, columns });
    return timeseriesSplits(table, options.source, options);
  },
};
