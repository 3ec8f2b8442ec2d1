import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../../tests/shared-data.js';
import { DatasetError } from '../errors.js';
import { pima as nodePima } from '../plugins/pima.js';
import { airlinePassengers as nodeAirline } from '../plugins/airline-passengers.js';
import { classCounts } from '../reshape/labels.js';
import { fetchChecked } from '../remote/fetch-checked.js';
import { AIRLINE_PASSENGERS_FILE, PIMA_FILE } from '../remote/files.js';
import type { LoadProgress } from '../types.js';
import { airlinePassengers } from './airline-passengers.js';
import { imdb } from './imdb.js';
import { mnistFull } from './mnist-full.js';
import { pima } from './pima.js';

// The main entry's loaders of the data sets by name use only fetch, DecompressionStream and WebCrypto, which Node 20
// has as browsers do: here they read ../shared/data (a mirror's layout) over HTTP, and must give exactly what
// Node's loaders give.
describe.runIf(hasSharedData('pima'))('data sets by name with fetch and WebCrypto, from a mirror', () => {
  let server: Server;
  let mirror = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = join(SHARED_DATA, decodeURIComponent(req.url!.split('?')[0]!));
      if (!file.startsWith(SHARED_DATA) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mirror = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => server.close());

  it('fetches a file checked by sha256, with progress in bytes; refuses another file, a 404 and an unreachable host with what to do', async () => {
    const progress: LoadProgress[] = [];
    const bytes = await fetchChecked(PIMA_FILE, { mirror, onProgress: (p) => void progress.push(p) });
    expect(bytes.length).toBe(PIMA_FILE.bytes);
    expect(progress.at(-1)).toEqual({ stage: 'download pima/pima-indians-diabetes.data.csv', done: 23_278, total: 23_278, unit: 'bytes' });
    const other = await fetchChecked({ ...PIMA_FILE, path: AIRLINE_PASSENGERS_FILE.path }, { mirror }).catch((e) => e);
    expect(other).toBeInstanceOf(DatasetError);
    expect(other.message).toMatch(/airline-passengers\.csv: checksum mismatch: the download's sha256 is 8cb51be7\w+, expected 6bfe5d0f/);
    await expect(fetchChecked({ ...PIMA_FILE, path: 'pima/none.csv' }, { mirror })).rejects.toThrow(/pima\/none\.csv: download failed: HTTP 404/);
    await expect(fetchChecked(PIMA_FILE, { mirror: 'http://127.0.0.1:9' })).rejects.toThrow(/127\.0\.0\.1:9\/pima\/pima-indians-diabetes\.data\.csv: download failed \(.*\); check that the mirror .* sends Access-Control-Allow-Origin/);
  });

  it('pima and airline-passengers: the same splits as the Node loaders', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'lstmkit-cache-'));
    const [page, node] = await Promise.all([pima.load({ mirror, timesteps: 4 }), nodePima.load({ mirror, cacheDir, timesteps: 4 })]);
    expect(page.train.name).toBe('pima');
    expect(page.train.shape).toEqual([614, 4, 2]);
    expect(page.train.x).toEqual(node.train.x);
    expect(page.test.y).toEqual(node.test.y);
    expect(page.train.preprocessing).toEqual(node.train.preprocessing);
    const [air, nodeAir] = await Promise.all([airlinePassengers.load({ mirror, lookback: 12 }), nodeAirline.load({ mirror, cacheDir, lookback: 12 })]);
    expect(air.train.shape[0] + air.test.shape[0]).toBe(144 - 12);
    expect(air.test.y).toEqual(nodeAir.test.y);
    expect(air.train.preprocessing).toEqual(nodeAir.train.preprocessing);
  });

  it.runIf(hasSharedData('mnist'))('mnist-full: the 60,000 + 10,000 original digits, gunzipped with DecompressionStream', async () => {
    const { train, test } = await mnistFull.load({ mirror, limit: 1000 });
    expect(train.shape).toEqual([1000, 28, 28]);
    expect(test.shape).toEqual([10000, 28, 28]);
    expect(classCounts(test.y, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it.runIf(hasSharedData('imdb'))('imdb: 25,000 + 25,000 reviews tokenised with the vocabulary of the training reviews', async () => {
    const { train, test } = await imdb.load({ mirror, vocabulary: 1024, length: 50, limit: 100 });
    expect(train.shape).toEqual([100, 50, 1]);
    expect(test.shape).toEqual([25000, 50, 1]);
    expect(train.classNames).toEqual(['0', '1']);
    const p = train.preprocessing as { readonly vocabulary: readonly string[] };
    expect(p.vocabulary.slice(0, 4)).toEqual(['', '<oov>', 'the', 'and']);
  });
});
