// Registers the datasets that read files or download data (the Node entry's side effect at import; package.json's
// `sideEffects` lists it), after the main entry's, replacing its fetch-only loaders of the data sets by name.
import './register.js';
import { airlinePassengers } from './plugins/airline-passengers.js';
import { csv } from './plugins/csv.js';
import { dailyMinTemperatures } from './plugins/daily-min-temperatures.js';
import { fashionMnist } from './plugins/fashion-mnist.js';
import { idx } from './plugins/idx.js';
import { imdb } from './plugins/imdb.js';
import { mnistFull } from './plugins/mnist-full.js';
import { mnist } from './plugins/mnist.js';
import { nextToken } from './plugins/next-token.js';
import { pima } from './plugins/pima.js';
import { text } from './plugins/text.js';
import { timeseries } from './plugins/timeseries.js';
import { registerDataset } from './registry.js';

const REPLACE = { replace: true };

registerDataset(mnist);
registerDataset(mnistFull, REPLACE);
registerDataset(fashionMnist, REPLACE);
registerDataset(imdb, REPLACE);
registerDataset(pima, REPLACE);
registerDataset(airlinePassengers, REPLACE);
registerDataset(dailyMinTemperatures, REPLACE);
registerDataset(idx);
registerDataset(csv);
registerDataset(text);
registerDataset(timeseries);
registerDataset(nextToken);
