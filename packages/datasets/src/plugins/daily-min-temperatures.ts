import { DAILY_MIN_TEMPERATURES_FILE } from '../remote/files.js';
import { overRemoteFile } from '../remote/remote-file.js';
import { timeseries } from './timeseries.js';


/** The daily minimum temperatures series by name: downloaded once, then the timeseries plugin with its options. */
export const dailyMinTemperatures = overRemoteFile(timeseries, DAILY_MIN_TEMPERATURES_FILE, {
  name: 'daily-min-temperatures',
  description: 'daily minimum temperatures in Melbourne 1981-1990 (°C, 3,650 steps) as forecasting windows; timeseries options apply',
  sources: 'downloaded once (68 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
