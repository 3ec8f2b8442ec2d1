import { AIRLINE_PASSENGERS_FILE } from '../remote/files.js';
import { timeseriesFromText } from '../tabular/csv-text.js';
import { TIMESERIES_OPTIONS } from '../tabular/timeseries-splits.js';
import { overFetchedText } from './over-fetched.js';

/** The airline passengers series in a browser: fetched and checked, then windowed as the timeseries loader does. */
export const airlinePassengers = overFetchedText(
  { name: 'airline-passengers', description: 'monthly airline passengers 1949-1960 (thousands, 144 steps) as forecasting windows; timeseries options apply', task: 'regression', options: TIMESERIES_OPTIONS },
  AIRLINE_PASSENGERS_FILE,
  timeseriesFromText,
);
