import { DAILY_MIN_TEMPERATURES_FILE } from '../remote/files.js';
import { timeseriesFromText } from '../tabular/csv-text.js';
import { TIMESERIES_OPTIONS } from '../tabular/timeseries-splits.js';
import { overFetchedText } from './over-fetched.js';

/** The daily minimum temperatures series in a browser: fetched and checked, then windowed as the timeseries loader does. */
export const dailyMinTemperatures = overFetchedText(
  { name: 'daily-min-temperatures', description: 'daily minimum temperatures in Melbourne 1981-1990 (°C, 3,650 steps) as forecasting windows; timeseries options apply', task: 'regression', options: TIMESERIES_OPTIONS },
  DAILY_MIN_TEMPERATURES_FILE,
  timeseriesFromText,
);
