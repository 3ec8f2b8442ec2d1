import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import { limitSamples, splitIndices } from '../reshape/subset.js';
import { isMissingLabel, type Records } from '../tabular/csv-records.js';
import { recordsOfText } from '../tabular/csv-text.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetSplits, LoadOptions, SequenceDataset } from '../types.js';
import { buildVocabulary, encodeTexts } from './tokenize.js';

// Labelled texts -> the text dataset's splits: the header's columns, a seeded stratified split, a vocabulary fitted
// on the training texts only. Shared by Node (a file or folder, plugins/text.ts) and the browser (a text).

/** The text dataset's own options. */
export const TEXT_OPTIONS = Type.Object({
  test: Type.Optional(Type.String({ minLength: 1, description: 'file or folder with the test texts (default: a seeded stratified 20% split of the source)' })),
  textColumn: Type.String({ minLength: 1, default: 'text', description: 'column holding the text' }),
  labelColumn: Type.String({ minLength: 1, default: 'label', description: 'column holding the label' }),
  vocabulary: Type.Integer({ minimum: 3, default: 1024, description: "vocabulary size incl. padding and OOV (Keras' num_words; W5: 1024)" }),
  length: Type.Integer({ minimum: 1, default: 200, description: 'tokens per text, padded/truncated at the front' }),
  lowercase: Type.Boolean({ default: true, description: 'lowercase the texts before tokenising' }),
});

/** What the text dataset's `load` takes: the options of every dataset and its own. */
export type TextOptions = LoadOptions<typeof TEXT_OPTIONS>;

/** Texts and their labels, in file order. */
export interface Labelled {
  texts: string[];
  labels: string[];
}

/** The texts and labels of a TSV/CSV's records, whose header names the text and label columns. */
export async function labelledOfRecords(records: Records, file: string, o: Pick<TextOptions, 'textColumn' | 'labelColumn'> = {}): Promise<Labelled> {
  const out: Labelled = { texts: [], labels: [] };
  const textName = o.textColumn ?? 'text';
  const labelName = o.labelColumn ?? 'label';
  let textIdx = -1;
  let labelIdx = -1;
  let width = 0;
  for await (const { record, info: where } of records) {
    if (textIdx < 0) {
      textIdx = record.indexOf(textName);
      labelIdx = record.indexOf(labelName);
      width = record.length;
      if (textIdx < 0 || labelIdx < 0) throw new DatasetError(`${file}:${where.lines}`, `the header must name a "${textName}" and a "${labelName}" column, got ${record.join(', ')}`);
      continue;
    }
    if (record.length !== width) throw new DatasetError(`${file}:${where.lines}`, `expected ${width} columns, got ${record.length}`);
    if (isMissingLabel(record[labelIdx]!)) {
      throw new DatasetError(`${file}:${where.lines}`, `label ${JSON.stringify(record[labelIdx])} is no label (empty or not a finite number)`);
    }
    out.texts.push(record[textIdx]!);
    out.labels.push(record[labelIdx]!);
  }
  if (out.texts.length === 0) throw new DatasetError(file, 'no data rows');
  return out;
}

/**
 * Labelled texts -> token ids (W5: IMDB reviews, vocabulary 1024). The vocabulary is fitted on the training texts
 * only and kept in `preprocessing`, so a trained model can be given raw text later (`encodeTexts`). Without a test
 * part, a seeded stratified split of the training texts is held out first.
 */
export function textSplits(trainRaw: Labelled, source: string, options: TextOptions = {}, test?: { raw: Labelled; source: string }): DatasetSplits {
  const size = intOption('text', 'vocabulary', options.vocabulary, 1024, 3);
  const length = intOption('text', 'length', options.length, 200);
  const lowercase = options.lowercase ?? true;
  const seed = options.seed ?? 0;
  const classNames = [...new Set(trainRaw.labels)].sort();
  if (classNames.length < 2) throw new DatasetError(source, `every text has the label ${JSON.stringify(classNames[0])}: a classifier needs at least two classes`);
  const id = new Map(classNames.map((c, i) => [c, i]));
  const tokenizer = (texts: string[]) => ({ kind: 'tokenize' as const, vocabulary: buildVocabulary(texts, size, lowercase), length, lowercase });
  const make = (raw: Labelled, where: string, p: ReturnType<typeof tokenizer>): SequenceDataset => ({
    name: 'text',
    source: where,
    x: encodeTexts(raw.texts, p),
    shape: [raw.texts.length, length, 1],
    y: Int32Array.from(raw.labels, (l, i) => {
      const c = id.get(l);
      if (c === undefined) throw new DatasetError(where, `label ${JSON.stringify(l)} of text ${i + 1} is not among the training labels (${classNames.join(', ')})`);
      return c;
    }),
    task: classNames.length === 2 ? 'binary' : 'multiclass',
    classNames,
    preprocessing: p,
  });
  if (test) {
    const p = tokenizer(trainRaw.texts);
    return { train: limitSamples(make(trainRaw, source, p), options.limit, seed), test: make(test.raw, test.source, p) };
  }
  // No test file: split first, then fit the vocabulary on the training part only.
  const labelIds = Int32Array.from(trainRaw.labels, (l) => id.get(l)!);
  const parts = splitIndices(trainRaw.texts.length, labelIds, { test: options.testFraction ?? 0.2 }, seed);
  const pick = (idx: number[]): Labelled => ({ texts: idx.map((i) => trainRaw.texts[i]!), labels: idx.map((i) => trainRaw.labels[i]!) });
  const p = tokenizer(pick(parts.train).texts);
  return { train: limitSamples(make(pick(parts.train), source, p), options.limit, seed), test: make(pick(parts.test), source, p) };
}

/**
 * The text dataset from a TSV/CSV text (a file a person dropped on a page) whose header names the text and label
 * columns: tokenised and split as the Node loader does; errors name the file and the line.
 */
export async function textFromText(text: string, name: string, options: Omit<TextOptions, 'source' | 'test'> = {}): Promise<DatasetSplits> {
  return textSplits(await labelledOfRecords(recordsOfText(text, name), name, options), name, options);
}
