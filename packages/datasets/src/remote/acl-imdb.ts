import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { DatasetError } from '../errors.js';

interface Review {
  readonly id: number;
  readonly label: 0 | 1;
  readonly rating: number;
  readonly text: string;
}

const REVIEW = /^aclImdb\/(train|test)\/(neg|pos)\/(\d+)_(\d+)\.txt$/;

/**
 * The labelled reviews of the Large Movie Review Dataset's archive (aclImdb_v1.tar.gz) as lstmkit's IMDB TSV files:
 * a header `id label rating text`, then one review per line sorted by (id, label), label 0 = neg and 1 = pos, the
 * rating from the file name, the text as in the file with each TAB replaced by a space. The 50,000 unlabelled
 * reviews and the bag-of-words files are skipped.
 */
export async function aclImdbToTsv(archive: string): Promise<{ train: string; test: string }> {
  const splits = { train: [] as Review[], test: [] as Review[] };
  const entries = extract();
  const input = createReadStream(archive).pipe(createGunzip());
  input.on('error', (e) => entries.destroy(e));
  input.pipe(entries);
  try {
    for await (const entry of entries) {
      const m = REVIEW.exec(entry.header.name);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) if (m) chunks.push(chunk as Buffer);
      if (!m) continue;
      const text = Buffer.concat(chunks).toString('utf8').replace(/[\t\r\n]/g, ' ');
      splits[m[1] as 'train' | 'test'].push({ id: Number(m[3]), label: m[2] === 'pos' ? 1 : 0, rating: Number(m[4]), text });
    }
  } catch (e) {
    throw new DatasetError(archive, `not a readable aclImdb archive (${(e as Error).message}); delete it and run again`);
  }
  const tsv = (rows: Review[]) =>
    `id\tlabel\trating\ttext\n${rows
      .sort((a, b) => a.id - b.id || a.label - b.label)
      .map((r) => `${r.id}\t${r.label}\t${r.rating}\t${r.text}\n`)
      .join('')}`;
  if (splits.train.length === 0 || splits.test.length === 0) throw new DatasetError(archive, 'no aclImdb/train or aclImdb/test reviews in the archive');
  return { train: tsv(splits.train), test: tsv(splits.test) };
}
