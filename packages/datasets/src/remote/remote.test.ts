import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { DatasetError } from '../errors.js';
import { classCounts } from '../reshape/labels.js';
import { FASHION_MNIST_FILES, fetchRemote, IMDB_FILES, imdbFiles, loadDataset, MNIST_FILES } from '../node.js';
import type { LoadProgress } from '../types.js';
import { aclImdbToTsv } from './acl-imdb.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const withMirror = (mirror: string | undefined) => {
  if (mirror === undefined) delete process.env.LSTMKIT_DATASETS_MIRROR;
  else process.env.LSTMKIT_DATASETS_MIRROR = mirror;
};
afterEach(() => withMirror(undefined));

// ../shared/data has the layout of a mirror: the files under the paths lstmkit downloads them to.
describe.runIf(hasSharedData('mnist'))('data sets by name, from a mirror of the public files', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url!);
      const file = join(SHARED_DATA, decodeURIComponent(req.url!));
      if (!file.startsWith(SHARED_DATA) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => server.close());

  it('downloads each over HTTP once into the cache, checked, with progress in bytes', async () => {
    withMirror(base);
    const cacheDir = tmp('lstmkit-cache-');
    const progress: LoadProgress[] = [];
    const digits = await loadDataset('mnist-full', { cacheDir, onProgress: (p) => void progress.push(p) });
    expect(digits.train.shape).toEqual([60000, 28, 28]);
    expect(classCounts(digits.test.y, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(digits.train.name).toBe('mnist-full');
    const bytes = progress.filter((p) => p.unit === 'bytes' && p.stage === 'download mnist/train-images-idx3-ubyte.gz');
    expect(bytes.at(-1)).toMatchObject({ done: 9_912_422, total: 9_912_422 });
    const fashion = await Promise.all(FASHION_MNIST_FILES.map((f) => fetchRemote(f, { cacheDir })));
    expect(fashion[0]).toBe(join(cacheDir, 'fashion-mnist/train-images-idx3-ubyte.gz'));
    const pima = await loadDataset('pima', { cacheDir, timesteps: 4 });
    expect(pima.train.shape[0] + pima.test.shape[0]).toBe(768);
    expect(pima.train.shape.slice(1)).toEqual([4, 2]);
    const air = await loadDataset('airline-passengers', { cacheDir, lookback: 12 });
    expect(air.train.shape[0] + air.test.shape[0]).toBe(144 - 12);
    const temps = await loadDataset('daily-min-temperatures', { cacheDir, lookback: 30 });
    expect(temps.train.shape[0] + temps.test.shape[0]).toBe(3650 - 30);
    // The imdb plugin is the text plugin (tested on the same file) over these two files.
    const reviews = await imdbFiles({ cacheDir });
    expect(sha(gunzipSync(readFileSync(reviews.test)))).toBe(IMDB_FILES.test.contentSha256);
    expect(readdirSync(join(cacheDir, 'mnist')).sort()).toEqual(['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']);
    // Everything is cached now: loading again asks the server for nothing.
    const asked = requests.length;
    await Promise.all(MNIST_FILES.map((f) => fetchRemote(f, { cacheDir })));
    await imdbFiles({ cacheDir });
    expect(requests.length).toBe(asked);
  });

  it('reads a mirror folder in place, checking every file', async () => {
    withMirror(SHARED_DATA);
    const cacheDir = tmp('lstmkit-cache-');
    const { train } = await loadDataset('pima', { cacheDir });
    expect(train.task).toBe('binary');
    expect(readdirSync(cacheDir)).toEqual([]);
    const copy = tmp('lstmkit-mirror-');
    writeFileSync(join(copy, 'x'), '');
    withMirror(copy);
    await expect(loadDataset('pima', { cacheDir })).rejects.toThrow(/pima-indians-diabetes\.data\.csv: missing: the folder LSTMKIT_DATASETS_MIRROR=.* has no pima\/pima-indians-diabetes\.data\.csv/);
  });

  it('keeps nothing that fails its checksum, and says what to do offline', async () => {
    const liar = createServer((_req, res) => res.writeHead(200).end('not the file'));
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    const cacheDir = tmp('lstmkit-cache-');
    withMirror(`http://127.0.0.1:${(liar.address() as { port: number }).port}`);
    const err = await loadDataset('airline-passengers', { cacheDir }).catch((e) => e);
    liar.close();
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(/timeseries\/airline-passengers\.csv: checksum mismatch: the download's sha256 is \w+, expected 8cb51be7/);
    expect(readdirSync(join(cacheDir, 'timeseries'))).toEqual([]);
    withMirror('http://127.0.0.1:9');
    await expect(loadDataset('pima', { cacheDir })).rejects.toThrow(/127\.0\.0\.1:9\/pima\/pima-indians-diabetes\.data\.csv: download failed \(.*\); without internet, point LSTMKIT_DATASETS_MIRROR at a folder/);
  });
});

/** An archive in aclImdb's layout holding the reviews of a TSV (what Stanford's tarball holds, as far as lstmkit reads it). */
async function archiveOf(tsv: Record<'train' | 'test', string>): Promise<string> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => tar.on('end', () => r()));
  tar.entry({ name: 'aclImdb/README' }, 'not a review');
  for (const split of ['train', 'test'] as const) {
    for (const line of tsv[split].split('\n').slice(1, -1)) {
      const [id, label, rating, text] = line.split('\t');
      tar.entry({ name: `aclImdb/${split}/${label === '1' ? 'pos' : 'neg'}/${id}_${rating}.txt` }, text!);
    }
  }
  tar.entry({ name: 'aclImdb/train/unsup/0_0.txt' }, 'unlabelled');
  tar.finalize();
  await ended;
  const file = join(tmp('lstmkit-acl-'), 'aclImdb_v1.tar.gz');
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
  return file;
}

describe.runIf(hasSharedData('imdb'))("IMDB from Stanford's archive", () => {
  // The whole archive layout (50,000 reviews) reproduces both pinned TSVs too; that takes ~20 s, so the test
  // converts the 2,000-review file, whose sha256 is pinned as well.
  it('converts the archive layout to exactly the pinned TSV files', async () => {
    const train = readFileSync(join(SHARED_DATA, 'imdb/imdb-train-2k.tsv'), 'utf8');
    const test = train.split('\n').slice(0, 101).join('\n') + '\n';
    const out = await aclImdbToTsv(await archiveOf({ train, test }));
    expect(sha(out.train)).toBe('cb38d6bd166c0545a2d99c1fbc4ce754c9993b19ffb4404c0d7dffc1eaa6ee33');
    expect(out.test).toBe(test);
    const broken = join(tmp('lstmkit-acl-'), 'broken.tar.gz');
    writeFileSync(broken, gzipSync(Buffer.from('not a tar archive, not at all, no')));
    await expect(aclImdbToTsv(broken)).rejects.toThrow(/broken\.tar\.gz: /);
  });
});
