// @lstmkit/datasets/node: everything of the main entry, plus the loaders that read files or download data (Node
// only). Importing this entry registers them with the main entry's registry, so `loadDataset('mnist')` finds them
// and a Node program needs only this import.
import { registerDataset } from './registry.js';
import { csv } from './plugins/csv.js';
import { fashionMnist } from './plugins/fashion-mnist.js';
import { idx } from './plugins/idx.js';
import { mnist } from './plugins/mnist.js';
import { nextToken } from './plugins/next-token.js';
import { text } from './plugins/text.js';
import { timeseries } from './plugins/timeseries.js';
import { mnistFull } from './plugins/mnist-full.js';
import { imdb } from './plugins/imdb.js';
import { pima } from './plugins/pima.js';
import { airlinePassengers } from './plugins/airline-passengers.js';
import { dailyMinTemperatures } from './plugins/daily-min-temperatures.js';
import type { DatasetPlugin } from './types.js';

export * from './index.js';
export { mnist, MNIST_SHA256, type MnistOptions } from './plugins/mnist.js';
export { loadEmbeddedDigits } from './plugins/embedded-digits.js';
export { writeImageAsset } from './asset/write-image-asset.js';
export { readSourceFile, defaultCacheDir, type ReadOptions } from './idx/source.js';
export { loadIdxImageSplits, type IdxImageDatasetInfo } from './idx/image-dataset.js';
export { csv, type CsvOptions } from './plugins/csv.js';
export { fashionMnist, FASHION_CLASSES, FASHION_MNIST_FILES, FASHION_MNIST_SHA256 } from './plugins/fashion-mnist.js';
export { text, type TextOptions } from './plugins/text.js';
export { timeseries, type TimeseriesOptions } from './plugins/timeseries.js';
export { csvRows, readCsv, readHeader, streamRecords, type CsvReadState, type CsvRow, type CsvTable, type ReadCsvOptions } from './tabular/read-csv.js';
export { nextToken, type NextTokenOptions } from './plugins/next-token.js';
export { idx } from './plugins/idx.js';
export { mnistFull, MNIST_FILES } from './plugins/mnist-full.js';
export { imdb, imdbFiles, ACL_IMDB_ARCHIVE, IMDB_FILES } from './plugins/imdb.js';
export { pima, PIMA_FILE } from './plugins/pima.js';
export { airlinePassengers, AIRLINE_PASSENGERS_FILE } from './plugins/airline-passengers.js';
export { dailyMinTemperatures, DAILY_MIN_TEMPERATURES_FILE } from './plugins/daily-min-temperatures.js';
export { aclImdbToTsv } from './remote/acl-imdb.js';
export { datasetsMirror, fetchRemote, type FetchOptions, type RemoteFile } from './remote/remote-file.js';
export { downloadFile, fileSha256, type DownloadOptions } from './idx/source.js';

for (const plugin of [mnist, mnistFull, fashionMnist, imdb, pima, airlinePassengers, dailyMinTemperatures, idx, csv, text, timeseries, nextToken]) registerDataset(plugin as DatasetPlugin<any>);
