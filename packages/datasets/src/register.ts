// Registers the browser-safe built-in datasets (the main entry's side effect at import; package.json's
// `sideEffects` lists it): the echo task, and the data sets by name fetched with `fetch` and checked with WebCrypto
// (the Node entry replaces those with its loaders, which keep a cache on disk). A third-party dataset is one file
// like plugins/echo.ts and one registerDataset call.
import { airlinePassengers } from './browser/airline-passengers.js';
import { dailyMinTemperatures } from './browser/daily-min-temperatures.js';
import { fashionMnist } from './browser/fashion-mnist.js';
import { imdb } from './browser/imdb.js';
import { mnistFull } from './browser/mnist-full.js';
import { pima } from './browser/pima.js';
import { echo } from './plugins/echo.js';
import { registerDataset } from './registry.js';

registerDataset(echo);
registerDataset(mnistFull);
registerDataset(fashionMnist);
registerDataset(imdb);
registerDataset(pima);
registerDataset(airlinePassengers);
registerDataset(dailyMinTemperatures);
