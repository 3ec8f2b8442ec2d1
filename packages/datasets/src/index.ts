// @lstmkit/datasets: the dataset contract, the registry, reshapers, seeded randomness, tokenising, the generated
// echo task, the data sets by name (pima, imdb, mnist-full, …) fetched with `fetch` and checked with WebCrypto, and
// readers of a CSV, text TSV or time series given as text (a file dropped on a page). Nothing here uses a Node API,
// so browsers and browser-safe packages import it. '@lstmkit/datasets/node' adds the loaders that read files and
// keep downloads in a cache on disk (mnist, csv, text, timeseries, …), and registers them.
import './register.js';

export type { Preprocessing, SequenceStream, StreamSplits, CommonLoadOptions, DatasetPlugin, DatasetSplits, LoadOptions, LoadProgress, SequenceDataset, Task } from './types.js';
export { COMMON_LOAD_OPTIONS } from './types.js';
export type { KnownDatasets } from './known-datasets.js';
export { DatasetError } from './errors.js';
export { datasetOptions, getDataset, listDatasets, loadDataset, registerDataset, streamDataset, unregisterDataset, type DatasetOptions } from './registry.js';
export { echo, ECHO_OPTIONS, type EchoOptions } from './plugins/echo.js';
export { csvFromText, timeseriesFromText } from './tabular/csv-text.js';
export { CSV_OPTIONS, type CsvOptions } from './tabular/csv-splits.js';
export { TIMESERIES_OPTIONS, type TimeseriesOptions } from './tabular/timeseries-splits.js';
export { TEXT_OPTIONS, textFromText, type TextOptions } from './text/text-splits.js';
export { IMDB_OPTIONS } from './browser/imdb.js';
export { fetchChecked, gunzip, DATASETS_CACHE, type FetchCheckedOptions } from './remote/fetch-checked.js';
export { ACL_IMDB_ARCHIVE, AIRLINE_PASSENGERS_FILE, DAILY_MIN_TEMPERATURES_FILE, FASHION_CLASSES, FASHION_MNIST_FILES, IMDB_FILES, MNIST_FILES, PIMA_FILE, type RemoteFile } from './remote/files.js';
export type { ReadCsvOptions } from './tabular/csv-records.js';
export { parseIdx, type IdxArray, type IdxTypedArray } from './idx/parse.js';
export { imagesToSequences } from './reshape/images.js';
export { decodeImageAsset, encodeImageAsset, loadImageAsset } from './asset/image-asset.js';
export { digitFromPixels, type DigitFromPixelsOptions, type PixelImage } from './reshape/digit-from-pixels.js';
export { oneHot, classCounts } from './reshape/labels.js';
export { minMaxScale, inverseMinMax, type MinMaxScaling } from './reshape/normalize.js';
export { concatDatasets, targetSize, splitIndices, subset, shuffleDataset, limitSamples, splitDataset, type SplitFractions } from './reshape/subset.js';
export { seededRandom, permutation, uniformAt } from './random.js';
export { buildVocabulary, encodeTexts, tokenIds, tokens, words, PAD, OOV } from './text/tokenize.js';
export { columnStats, applyStandardize } from './tabular/standardize.js';
