import { AIRLINE_PASSENGERS_FILE } from '../remote/files.js';
import { overRemoteFile } from '../remote/remote-file.js';
import { timeseries } from './timeseries.js';


/** The airline passengers series by name: downloaded once, then the timeseries plugin with its options. */
export const airlinePassengers = overRemoteFile(timeseries, AIRLINE_PASSENGERS_FILE, {
  name: 'airline-passengers',
  description: 'monthly airline passengers 1949-1960 (thousands, 144 steps) as forecasting windows; timeseries options apply',
  sources: 'downloaded once (2 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
