import { overRemoteFile, type RemoteFile } from '../remote/remote-file.js';
import { timeseries } from './timeseries.js';

/** Box & Jenkins' monthly airline passengers 1949-1960 (thousands), via Jason Brownlee's copy at a fixed commit. */
export const AIRLINE_PASSENGERS_FILE: RemoteFile = {
  path: 'timeseries/airline-passengers.csv',
  url: 'https://raw.githubusercontent.com/jbrownlee/Datasets/d20fcb6402ae34e653d4513b00f39257bb37ed7f/airline-passengers.csv',
  sha256: '8cb51be753a718d9be5d76d7e238cc224792754676adc21faa59e954b0201621',
  bytes: 2_180,
};

/** The airline passengers series by name: downloaded once, then the timeseries plugin with its options. */
export const airlinePassengers = overRemoteFile(timeseries, AIRLINE_PASSENGERS_FILE, {
  name: 'airline-passengers',
  description: 'monthly airline passengers 1949-1960 (thousands, 144 steps) as forecasting windows; timeseries options apply',
  sources: 'downloaded once (2 KB) from github.com/jbrownlee/Datasets (or LSTMKIT_DATASETS_MIRROR) into the cache; no source',
});
