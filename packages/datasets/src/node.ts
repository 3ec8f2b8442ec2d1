// @lstmkit/datasets/node: everything of the main entry, plus the loaders that read files or download data (Node
// only). Importing this entry registers them with the main entry's registry, so `loadDataset('mnist')` finds them
// and a Node program needs only this import.
import './register-node.js';

export * from './index.js';
export { mnist, MNIST_SHA256, NO_OPTIONS, type MnistOptions } from './plugins/mnist.js';
export { loadEmbeddedDigits } from './plugins/embedded-digits.js';
export { writeImageAsset } from './asset/write-image-asset.js';
export { readSourceFile, defaultCacheDir, type ReadOptions } from './idx/source.js';
export { loadIdxImageSplits, type IdxImageDatasetInfo } from './idx/image-dataset.js';
export { csv } from './plugins/csv.js';
export { fashionMnist, FASHION_MNIST_SHA256 } from './plugins/fashion-mnist.js';
export { text } from './plugins/text.js';
export { timeseries } from './plugins/timeseries.js';
export { csvRows, readCsv, readHeader, streamRecords, type CsvReadState, type CsvRow, type CsvTable, type ReadCsvOptions } from './tabular/read-csv.js';
export { nextToken, NEXT_TOKEN_OPTIONS, type NextTokenOptions } from './plugins/next-token.js';
export { idx } from './plugins/idx.js';
export { mnistFull } from './plugins/mnist-full.js';
export { imdb, imdbFiles } from './plugins/imdb.js';
export { pima } from './plugins/pima.js';
export { airlinePassengers } from './plugins/airline-passengers.js';
export { dailyMinTemperatures } from './plugins/daily-min-temperatures.js';
export { aclImdbToTsv } from './remote/acl-imdb.js';
export { datasetsMirror, fetchRemote, type FetchOptions } from './remote/remote-file.js';
export { downloadFile, fileSha256, type DownloadOptions } from './idx/source.js';
