// The parts of @lstmkit/datasets that use no Node API: the dataset contract, reshapers, seeded randomness and the
// generated echo task. Browsers and browser-safe packages (the trainer's main entry) import this; the file and
// network loaders (mnist, csv, idx, text, …) and the registry that bundles them stay in the main entry.
export type { Preprocessing, SequenceStream, StreamSplits, CommonLoadOptions, DatasetOptionInfo, DatasetPlugin, DatasetSplits, LoadProgress, SequenceDataset, Task } from './types.js';
export { DatasetError } from './errors.js';
export { imagesToSequences } from './reshape/images.js';
export { oneHot, classCounts } from './reshape/labels.js';
export { minMaxScale } from './reshape/normalize.js';
export { targetSize, splitIndices, subset, shuffleDataset, limitSamples, splitDataset, type SplitFractions } from './reshape/subset.js';
export { seededRandom, permutation, uniformAt } from './random.js';
export { echo, type EchoOptions } from './plugins/echo.js';
export { buildVocabulary, encodeTexts, tokenIds, tokens, words, PAD, OOV } from './text/tokenize.js';
export { columnStats, applyStandardize } from './tabular/standardize.js';
