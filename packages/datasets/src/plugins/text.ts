import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { intOption } from '../options.js';
import { limitSamples, splitIndices } from '../reshape/subset.js';
import { readFailure, utf8Text } from '../tabular/open-data.js';
import { isMissingLabel, streamRecords } from '../tabular/read-csv.js';
import { buildVocabulary, encodeTexts } from '../text/tokenize.js';
import { Type } from '@lstmkit/plugin';
import type { DatasetPlugin, LoadOptions, SequenceDataset } from '../types.js';

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

interface Labelled {
  texts: string[];
  labels: string[];
}

/** Texts and labels from a TSV/CSV (header naming the text and label columns) or a folder of label sub-folders. */
async function readLabelled(source: string, o: TextOptions): Promise<Labelled> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new DatasetError(source, 'no such file or directory');
  const out: Labelled = { texts: [], labels: [] };
  if (info.isDirectory()) {
    // aclImdb layout: <source>/<label>/<file>.txt
    const labels = (await readdir(source, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    if (labels.length < 2) throw new DatasetError(source, 'expected one sub-folder of text files per label (e.g. neg/ and pos/)');
    for (const label of labels) {
      for (const file of (await readdir(join(source, label))).sort()) {
        const path = join(source, label, file);
        out.texts.push(utf8Text(await readFile(path).catch((e) => Promise.reject(readFailure(e, path, 0))), path));
        out.labels.push(label);
      }
    }
    return out;
  }
  let textIdx = -1;
  let labelIdx = -1;
  let width = 0;
  for await (const { record, info: where } of await streamRecords(source)) {
    if (textIdx < 0) {
      textIdx = record.indexOf(o.textColumn ?? 'text');
      labelIdx = record.indexOf(o.labelColumn ?? 'label');
      width = record.length;
      if (textIdx < 0 || labelIdx < 0) {
        throw new DatasetError(`${source}:${where.lines}`, `the header must name a "${o.textColumn ?? 'text'}" and a "${o.labelColumn ?? 'label'}" column, got ${record.join(', ')}`);
      }
      continue;
    }
    if (record.length !== width) throw new DatasetError(`${source}:${where.lines}`, `expected ${width} columns, got ${record.length}`);
    if (isMissingLabel(record[labelIdx]!)) {
      throw new DatasetError(`${source}:${where.lines}`, `label ${JSON.stringify(record[labelIdx])} is no label (empty or not a finite number)`);
    }
    out.texts.push(record[textIdx]!);
    out.labels.push(record[labelIdx]!);
  }
  if (out.texts.length === 0) throw new DatasetError(source, 'no data rows');
  return out;
}

/**
 * Labelled texts -> token ids (W5: IMDB reviews, vocabulary 1024). The vocabulary is fitted on the training texts
 * only and kept in `preprocessing`, so a trained model can be given raw text later (`encodeTexts`).
 */
export const text: DatasetPlugin<typeof TEXT_OPTIONS> = {
  name: 'text',
  description: 'labelled texts (TSV/CSV with text and label columns, or label sub-folders) -> padded token ids',
  task: 'binary',
  sources: 'a .tsv/.csv file (or .gz) with a header, or a folder of label sub-folders; required',
  options: TEXT_OPTIONS,
  async load(options = {}) {
    if (!options.source) throw new DatasetError('text option "source"', 'required: a TSV/CSV file or a folder of label sub-folders');
    const size = intOption('text', 'vocabulary', options.vocabulary, 1024, 3);
    const length = intOption('text', 'length', options.length, 200);
    const seed = options.seed ?? 0;
    const trainRaw = await readLabelled(options.source, options);
    const testRaw = options.test ? await readLabelled(options.test, options) : undefined;
    const classNames = [...new Set(trainRaw.labels)].sort();
    if (classNames.length < 2) throw new DatasetError(options.source, `every text has the label ${JSON.stringify(classNames[0])}: a classifier needs at least two classes`);
    const id = new Map(classNames.map((c, i) => [c, i]));
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
    const tokenizer = (texts: string[]) => ({ kind: 'tokenize' as const, vocabulary: buildVocabulary(texts, size, options.lowercase ?? true), length, lowercase: options.lowercase ?? true });
    if (testRaw) {
      const p = tokenizer(trainRaw.texts);
      return { train: limitSamples(make(trainRaw, options.source, p), options.limit, seed), test: make(testRaw, options.test!, p) };
    }
    // No test file: split first, then fit the vocabulary on the training part only.
    const labelIds = Int32Array.from(trainRaw.labels, (l) => id.get(l)!);
    const parts = splitIndices(trainRaw.texts.length, labelIds, { test: options.testFraction ?? 0.2 }, seed);
    const pick = (idx: number[]): Labelled => ({ texts: idx.map((i) => trainRaw.texts[i]!), labels: idx.map((i) => trainRaw.labels[i]!) });
    const p = tokenizer(pick(parts.train).texts);
    return { train: limitSamples(make(pick(parts.train), options.source, p), options.limit, seed), test: make(pick(parts.test), options.source, p) };
  },
};
