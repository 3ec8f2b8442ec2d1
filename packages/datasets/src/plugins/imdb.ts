import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { DatasetError } from '../errors.js';
import { defaultCacheDir } from '../idx/source.js';
import { aclImdbToTsv } from '../remote/acl-imdb.js';
import { ACL_IMDB_ARCHIVE, IMDB_ARCHIVE_URL as ARCHIVE_URL, IMDB_FILES } from '../remote/files.js';
import { datasetsMirror, fetchRemote, type FetchOptions } from '../remote/remote-file.js';
import { named } from '../browser/over-fetched.js';
import { IMDB_OPTIONS } from '../browser/imdb.js';
import { writeFileAtomic } from '@lstmkit/plugin/node';
import type { DatasetPlugin } from '../types.js';
import { text } from './text.js';

export { IMDB_OPTIONS };

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The train and test TSVs: from the mirror if one is set; otherwise made once from Stanford's archive (84 MB,
 * deleted after conversion) and kept gzipped in the cache. The converted text is checked against the sha256 of the
 * TSVs, so a cache built from the archive holds exactly what a mirror does.
 */
export async function imdbFiles(options: FetchOptions = {}): Promise<{ train: string; test: string }> {
  if (options.mirror ?? datasetsMirror()) return { train: await fetchRemote(IMDB_FILES.train, options), test: await fetchRemote(IMDB_FILES.test, options) };
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
    await writeFileAtomic(paths[part], gzipSync(tsv[part], { level: 9 }));
  }
  await rm(archive, { force: true });
  return paths;
}

/** W5's data: IMDB movie reviews, 25,000 train + 25,000 test, positive or negative; the text plugin's options apply. */
export const imdb: DatasetPlugin<typeof IMDB_OPTIONS> = {
  name: 'imdb',
  description: 'IMDB movie reviews (Large Movie Review Dataset): 25,000 train + 25,000 test, negative/positive -> padded token ids',
  task: 'binary',
  sources: `downloaded once from ${ARCHIVE_URL} (84 MB, converted to TSV in the cache) or LSTMKIT_DATASETS_MIRROR; no source`,
  options: IMDB_OPTIONS,
  async load(options = {}) {
    const files = await imdbFiles(options);
    return text.load({ ...options, source: files.train, test: files.test }).then(named('imdb'));
  },
};
