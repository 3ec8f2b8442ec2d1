import { IMDB_FILES } from '../remote/files.js';
import { recordsOfText } from '../tabular/csv-text.js';
import { labelledOfRecords, TEXT_OPTIONS, textSplits } from '../text/text-splits.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetPlugin } from '../types.js';
import { fetchText, named } from './over-fetched.js';

/** IMDB's options: the text dataset's, but for the files and columns, which are fixed. */
export const IMDB_OPTIONS = Type.Omit(TEXT_OPTIONS, ['test', 'textColumn', 'labelColumn']);

/**
 * W5's data in a browser: the train and test TSVs (26 MB gzipped) fetched from a mirror and checked, then tokenised
 * as the text loader does (vocabulary from the training reviews). No public address serves the TSVs and Stanford's
 * archive sends no CORS headers, so a page needs the `mirror` option here.
 */
export const imdb: DatasetPlugin<typeof IMDB_OPTIONS> = {
  name: 'imdb',
  description: 'IMDB movie reviews (Large Movie Review Dataset): 25,000 train + 25,000 test, negative/positive -> padded token ids',
  task: 'binary',
  sources: `fetched (26 MB) from the mirror option's server (${IMDB_FILES.train.path}, ${IMDB_FILES.test.path}); checked by sha256`,
  options: IMDB_OPTIONS,
  async load(options = {}) {
    const [trainText, testText] = await Promise.all([fetchText(IMDB_FILES.train, options), fetchText(IMDB_FILES.test, options)]);
    const train = await labelledOfRecords(recordsOfText(trainText, IMDB_FILES.train.path), IMDB_FILES.train.path);
    const test = await labelledOfRecords(recordsOfText(testText, IMDB_FILES.test.path), IMDB_FILES.test.path);
    return named('imdb')(textSplits(train, IMDB_FILES.train.path, options, { raw: test, source: IMDB_FILES.test.path }));
  },
};
