import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { readFailure, utf8Text } from '../tabular/open-data.js';
import { streamRecords } from '../tabular/read-csv.js';
import { labelledOfRecords, TEXT_OPTIONS, textSplits, type Labelled, type TextOptions } from '../text/text-splits.js';
import type { DatasetPlugin } from '../types.js';

export { TEXT_OPTIONS, type TextOptions };

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
  return labelledOfRecords(await streamRecords(source), source, o);
}

/** Labelled texts from a file or folder -> token ids (W5: IMDB reviews); see `textSplits`. */
export const text: DatasetPlugin<typeof TEXT_OPTIONS> = {
  name: 'text',
  description: 'labelled texts (TSV/CSV with text and label columns, or label sub-folders) -> padded token ids',
  task: 'binary',
  sources: 'a .tsv/.csv file (or .gz) with a header, or a folder of label sub-folders; required',
  options: TEXT_OPTIONS,
  async load(options = {}) {
    if (!options.source) throw new DatasetError('text option "source"', 'required: a TSV/CSV file or a folder of label sub-folders');
    const train = await readLabelled(options.source, options);
    const test = options.test ? { raw: await readLabelled(options.test, options), source: options.test } : undefined;
    return textSplits(train, options.source, options, test);
  },
};
