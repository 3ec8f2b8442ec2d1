import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { DatasetError } from '../errors.js';
import { defaultCacheDir } from '../idx/source.js';
import { aclImdbToTsv } from '../remote/acl-imdb.js';
import { datasetsMirror, fetchRemote, named, type FetchOptions, type RemoteFile } from '../remote/remote-file.js';
import type { DatasetPlugin } from '../types.js';
import { text, type TextOptions } from './text.js';

const ARCHIVE_URL = 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz';

/** The Large Movie Review Dataset v1.0 (Maas et al., ACL 2011) as published by Stanford. */
export const ACL_IMDB_ARCHIVE: RemoteFile = {
  path: 'imdb/aclImdb_v1.tar.gz',
  url: ARCHIVE_URL,
  sha256: 'c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe',
  bytes: 84_125_825,
};

/** The archive's labelled reviews as TSV (see `aclImdbToTsv`): what a mirror holds, and what the cache keeps. */
export const IMDB_FILES = {
  train: { path: 'imdb/imdb-train.tsv.gz', url: ARCHIVE_URL, sha256: 'ad75f1ead1ad0b7e4878e6f5e66f8ef900693f1336f24b6442755d1f4db2212f', bytes: 12_938_994, contentSha256: '2a5eebbd50c54d78b31da671da50c9fc659c88d9c95d26918d0f4c89ac89ca97' },
  test: { path: 'imdb/imdb-test.tsv.gz', url: ARCHIVE_URL, sha256: 'f9155bcd938215ab59915eb5dc0339866e0c181f38fc2e867831e04c74f968ed', bytes: 12_627_147, contentSha256: 'e64cfbe8dfff91c0a46205179aefbc8978f25bb149864ecc67ca0dfb6312b2e9' },
} as const;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The train and test TSVs: from the mirror if one is set; otherwise made once from Stanford's archive (84 MB,
 * deleted after conversion) and kept gzipped in the cache. The converted text is checked against the sha256 of the
 * TSVs, so a cache built from the archive holds exactly what a mirror does.
 */
export async function imdbFiles(options: FetchOptions = {}): Promise<{ train: string; test: string }> {
  if (datasetsMirror()) return { train: await fetchRemote(IMDB_FILES.train, options), test: await fetchRemote(IMDB_FILES.test, options) };
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const paths = { train: join(cacheDir, IMDB_FILES.train.path), test: join(cacheDir, IMDB_FILES.test.path) };
  const valid = async (part: 'train' | 'test') => existsSync(paths[part]) && sha256(gunzipSync(await readFile(paths[part]))) === IMDB_FILES[part].contentSha256;
  if ((await valid('train')) && (await valid('test'))) return paths;
  const archive = await fetchRemote(ACL_IMDB_ARCHIVE, options);
  options.onProgress?.({ stage: 'convert aclImdb_v1.tar.gz to TSV', done: 0 });
  const tsv = await aclImdbToTsv(archive);
  for (const part of ['train', 'test'] as const) {
    const actual = sha256(tsv[part]);
    if (actual !== IMDB_FILES[part].contentSha256) {
      throw new DatasetError(archive, `the ${part} reviews converted to TSV have sha256 ${actual}, expected ${IMDB_FILES[part].contentSha256}`);
    }
    const tmp = `${paths[part]}.${process.pid}.tmp`;
    await writeFile(tmp, gzipSync(tsv[part], { level: 9 }));
    await rename(tmp, paths[part]);
  }
  await rm(archive, { force: true });
  return paths;
}

/** W5's data: IMDB movie reviews, 25,000 train + 25,000 test, positive or negative; the text plugin's options apply. */
export const imdb: DatasetPlugin<TextOptions> = {
  name: 'imdb',
  description: 'IMDB movie reviews (Large Movie Review Dataset): 25,000 train + 25,000 test, negative/positive -> padded token ids',
  task: 'binary',
  sources: `downloaded once from ${ARCHIVE_URL} (84 MB, converted to TSV in the cache) or LSTMKIT_DATASETS_MIRROR; no source`,
  options: text.options?.filter((o) => o.name !== 'test' && o.name !== 'textColumn' && o.name !== 'labelColumn'),
  async load(options = {}) {
    const files = await imdbFiles(options);
    return text.load({ ...options, source: files.train, test: files.test }).then(named('imdb'));
  },
};
