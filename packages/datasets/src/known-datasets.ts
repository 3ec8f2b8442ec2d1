// The datasets whose options `loadDataset` knows at compile time, by name (types only: nothing is imported at run
// time, so the browser-safe main entry stays free of the Node loaders). A third party adds its own the TypeScript way:
//   declare module '@lstmkit/datasets' { interface KnownDatasets { toy: typeof toy } }
import type { airlinePassengers } from './plugins/airline-passengers.js';
import type { csv } from './plugins/csv.js';
import type { dailyMinTemperatures } from './plugins/daily-min-temperatures.js';
import type { echo } from './plugins/echo.js';
import type { fashionMnist } from './plugins/fashion-mnist.js';
import type { idx } from './plugins/idx.js';
import type { imdb } from './plugins/imdb.js';
import type { mnistFull } from './plugins/mnist-full.js';
import type { mnist } from './plugins/mnist.js';
import type { nextToken } from './plugins/next-token.js';
import type { pima } from './plugins/pima.js';
import type { text } from './plugins/text.js';
import type { timeseries } from './plugins/timeseries.js';

/** Registered dataset plugins by name, for typed options. */
export interface KnownDatasets {
  echo: typeof echo;
  mnist: typeof mnist;
  'mnist-full': typeof mnistFull;
  'fashion-mnist': typeof fashionMnist;
  imdb: typeof imdb;
  pima: typeof pima;
  'airline-passengers': typeof airlinePassengers;
  'daily-min-temperatures': typeof dailyMinTemperatures;
  idx: typeof idx;
  csv: typeof csv;
  text: typeof text;
  timeseries: typeof timeseries;
  'next-token': typeof nextToken;
}
