// @lstmkit/datasets: the dataset contract, the registry, reshapers, seeded randomness, tokenising and the generated
// echo task. Nothing here uses a Node API, so browsers and browser-safe packages import it. The loaders that read
// files or download data (mnist, csv, text, timeseries, …) are in '@lstmkit/datasets/node', which registers them.
export type { Preprocessing, SequenceStream, StreamSplits, CommonLoadOptions, DatasetOptionInfo, DatasetPlugin, DatasetSplits, LoadProgress, SequenceDataset, Task } from './types.js';
export { DatasetError } from './errors.js';
export { csvFromText } from './tabular/csv-text.js';
export type { CsvOptions } from './tabular/csv-splits.js';
export type { ReadCsvOptions } from './tabular/csv-records.js';
export { getDataset, listDatasets, loadDataset, registerDataset } from './registry.js';
export { echo, type EchoOptions } from './plugins/echo.js';
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
