import { overRemoteFile, type RemoteFile } from '../remote/remote-file.js';
import { timeseries } from './timeseries.js';

/** Daily minimum temperatures in Melbourne 1981-1990 (°C, Australian Bureau of Meteorology), via Jason Brownlee's copy. */
export const DAILY_MIN_TEMPERATURES_FILE: RemoteFile = {
  path: 'timeseries/daily-min-temperatures.csv',
  url: 'https://raw.githubusercontent.com/jbrownlee/Datasets/d20fcb6402ae34e653d4513b00f39257bb37ed7f/daily-min-temperatures.csv',
  sha256: '8b9de63ed6789492bf497625e7f9beb96a63d367b4b0a21754006f749fa5e5da',
  bytes: 67_921,
};

/** The daily minimum temperatures series by name: downloaded once, then the timeseries plugin with its options. */
export const dailyMinTemperatures = overRemoteFile(timeseries, DAILY_MIN_TEMPERATURES_FILE, {
  name: 'daily-min-temperatures',
  description: 'daily minimum temperatures in Melbourne 1981-1990 (°C, 3,650 steps) as forecasting windows; timeseries options apply',
  sources: 'downloaded once (68 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
