// Writes the bad-input corpus in this folder (run once after `pnpm build`: node tests/bad-inputs/make.mjs). The files
// are committed; this script says how each was made. tests/bad-inputs.test.ts runs the CLI on every one of them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '../../apps/cli/dist/bin.js');
const put = (path, content) => {
  mkdirSync(dirname(join(HERE, path)), { recursive: true });
  writeFileSync(join(HERE, path), content);
};
/** Seeded bytes (a linear congruential generator), so the corpus is the same every time it is made. */
const junk = (n, seed = 7) => {
  let s = seed;
  return Uint8Array.from({ length: n }, () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24);
};
const truncated = (text) => gzipSync(text).subarray(0, 40);
const corrupt = (text) => {
  const gz = Buffer.from(gzipSync(text));
  gz.fill(0x55, 12, 30);
  return gz;
};
const table = (n, row) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

// csv dataset: numeric features and a label column.
const good = `a,b,label\n${table(40, (i) => `${i % 7},${i % 5},${i % 2}`)}\n`;
put('csv/empty.csv', '');
put('csv/header-only.csv', 'a,b,label\n');
put('csv/ragged.csv', `a,b,label\n${table(10, (i) => `${i},${i},1`)}\n3,1\n`);
put('csv/text-feature.csv', `a,b,label\n${table(10, (i) => `${i},${i},${i % 2}`)}\n4,four,1\n`);
put('csv/nan-feature.csv', `a,b,label\n${table(10, (i) => `${i},${i},${i % 2}`)}\nNaN,1,0\n`);
put('csv/infinity-feature.csv', `a,b,label\n${table(10, (i) => `${i},${i},${i % 2}`)}\n1,-Infinity,0\n`);
put('csv/huge-feature.csv', `a,b,label\n${table(10, (i) => `${i},${i},${i % 2}`)}\n1,1e39,0\n`);
put('csv/nan-label.csv', `${table(30, (i) => `${i},${i % 3},${i % 2}`)}\n5,2,NaN\n`);
put('csv/empty-label.csv', `a,b,label\n${table(30, (i) => `${i},${i % 3},${i % 2}`)}\n5,2,\n`);
put('csv/one-class.csv', `a,b,label\n${table(30, (i) => `${i},${i % 3},1`)}\n`);
put('csv/unclosed-quote.csv', `a,b,label\n1,2,0\n3,"4,1\n5,6,0\n`);
put('csv/binary-junk.csv', junk(3000));
put('csv/truncated.csv.gz', truncated(good));
put('csv/corrupt.csv.gz', corrupt(good));

// text dataset: a TSV with a text and a label column.
const reviews = `text\tlabel\n${table(40, (i) => `${i % 2 ? 'a good film' : 'a bad film'} number ${i}\t${i % 2}`)}\n`;
put('tsv/good.tsv', reviews); // valid: the source when the damaged file is the test set
put('tsv/empty.tsv', '');
put('tsv/header-only.tsv', 'text\tlabel\n');
put('tsv/no-label-column.tsv', `text\tstars\n${table(10, (i) => `film ${i}\t${i}`)}\n`);
put('tsv/ragged.tsv', `text\tlabel\n${table(10, (i) => `film ${i}\t${i % 2}`)}\nlost its label\n`);
put('tsv/empty-label.tsv', `text\tlabel\n${table(10, (i) => `film ${i}\t${i % 2}`)}\nno label here\t\n`);
put('tsv/nan-label.tsv', `text\tlabel\n${table(10, (i) => `film ${i}\t${i % 2}`)}\nnot a number\tnan\n`);
put('tsv/binary-junk.tsv', junk(3000, 11));
put('tsv/truncated.tsv.gz', truncated(reviews));
put('tsv/corrupt.tsv.gz', corrupt(reviews));

// timeseries dataset: a date column and value columns.
const series = (bad) => `month,passengers\n${table(30, (i) => `m${i},${i === 20 ? bad : 100 + i}`)}\n`;
put('timeseries/nan-value.csv', series('NaN'));
put('timeseries/text-value.csv', series('n/a'));
put('timeseries/huge-value.csv', series('5e40'));
put('timeseries/too-short.csv', `month,passengers\n${table(5, (i) => `m${i},${i}`)}\n`);
put('timeseries/header-only.csv', 'month,passengers\n');
put('timeseries/truncated.csv.gz', truncated(series('1')));

// next-token dataset: plain UTF-8 text.
const story = 'the cat sat on the mat. '.repeat(40);
put('text/not-utf8.txt', Buffer.concat([Buffer.from(story.slice(0, 100)), Buffer.from([0xff, 0xfe, 0x00, 0xc3]), Buffer.from(story)]));
put('text/empty.txt', '');
put('text/truncated.txt.gz', truncated(story));
put('text/corrupt.txt.gz', corrupt(story));

// idx dataset: four files in the MNIST layout, 4 images of 4x4 (one file damaged per folder).
const idx = (dims, values, type = 0x08) => {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Uint8Array.from(values))]);
};
const images = idx([4, 4, 4], Array.from({ length: 64 }, (_, i) => (i * 37) % 256));
const labels = idx([4], [0, 1, 2, 1]);
const idxFolder = (name, damaged) => {
  const files = { 'train-images-idx3-ubyte': images, 'train-labels-idx1-ubyte': labels, 't10k-images-idx3-ubyte': images, 't10k-labels-idx1-ubyte': labels, ...damaged };
  for (const [file, bytes] of Object.entries(files)) put(`idx/${name}/${file}`, bytes);
};
idxFolder('wrong-magic', { 'train-images-idx3-ubyte': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), images.subarray(4)]) });
idxFolder('truncated', { 'train-images-idx3-ubyte': images.subarray(0, 50) });
idxFolder('trailing-bytes', { 't10k-images-idx3-ubyte': Buffer.concat([images, Buffer.from([1, 2, 3])]) });
idxFolder('count-mismatch', { 'train-labels-idx1-ubyte': idx([3], [0, 1, 2]) });
idxFolder('wrong-dims', { 'train-labels-idx1-ubyte': idx([2, 2], [0, 1, 2, 1]) });
idxFolder('corrupt-gz', {});
rmSync(join(HERE, 'idx/corrupt-gz/train-images-idx3-ubyte'));
put('idx/corrupt-gz/train-images-idx3-ubyte.gz', corrupt(images));

// Saved models: a valid one (units 2, one epoch on 100 digits), and copies damaged one way each.
const work = mkdtempSync(join(tmpdir(), 'lstmkit-corpus-'));
execFileSync(process.execPath, [BIN, 'train', '--limit', '100', '--units', '2', '--epochs', '1', '--out', join(work, 'm'), '--quiet']);
const meta = JSON.parse(readFileSync(join(work, 'm', 'lstmkit.json'), 'utf8'));
const modelJson = readFileSync(join(work, 'm', 'model.json'), 'utf8');
const weights = readFileSync(join(work, 'm', 'weights.bin'));
const entry = (bytes) => ({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
/** A model folder; the checksums in lstmkit.json match the files given unless `keepSums` (then they are the original's). */
const model = (name, { json = modelJson, bin = weights, metadata = meta, keepSums = false, skip = [] } = {}) => {
  const files = keepSums ? { 'model.json': meta.files['model.json'], 'weights.bin': meta.files['weights.bin'] } : { 'model.json': entry(Buffer.from(json)), 'weights.bin': entry(bin) };
  const all = { 'model.json': json, 'weights.bin': bin, 'lstmkit.json': typeof metadata === 'string' ? metadata : `${JSON.stringify({ ...metadata, files: metadata.files === undefined && metadata !== meta ? undefined : files }, null, 2)}\n` };
  for (const [file, content] of Object.entries(all)) if (!skip.includes(file)) put(`models/${name}/${file}`, content);
};
const withFloat = (index, value) => {
  const b = Buffer.from(weights);
  b.writeFloatLE(value, 4 * index);
  return b;
};
model('valid');
const flipped = Buffer.from(weights);
flipped[40] ^= 0x10;
model('flipped-byte', { bin: flipped, keepSums: true });
model('truncated-weights', { bin: weights.subarray(0, 64), keepSums: true });
model('nan-bias', { bin: withFloat(weights.length / 4 - 1, NaN) });
const { files: _, ...legacy } = meta;
model('legacy-infinite-weight', { bin: withFloat(3, Infinity), metadata: legacy });
model('missing-metadata', { skip: ['lstmkit.json'] });
model('metadata-not-json', { metadata: '{"format": "lstmkit-model", ' });
model('wrong-format', { metadata: { ...meta, format: 'keras' } });
model('bad-task', { metadata: { ...meta, dataset: { ...meta.dataset, task: 'ranking' } } });
model('missing-weights', { skip: ['weights.bin'] });
const manifest = JSON.parse(modelJson);
manifest.weightsManifest[0].weights[0].shape = [28, 9];
model('manifest-mismatch', { json: JSON.stringify(manifest) });
const topology = JSON.parse(modelJson);
topology.modelTopology.config.layers[1].class_name = 'NoSuchLayer';
model('unknown-layer', { json: JSON.stringify(topology) });
rmSync(work, { recursive: true, force: true });

// Training configurations (--config) with a typo at each level, and inputs for predict.
put('config/unknown-key.json', JSON.stringify({ dataset: 'echo', epoch: 3 }));
put('config/unknown-model-key.json', JSON.stringify({ dataset: 'echo', model: { family: 'vanilla', unit: 4 } }));
put('config/unknown-embedding-key.json', JSON.stringify({ dataset: 'echo', model: { family: 'vanilla', units: 4, embedding: { dims: 8 } } }));
put('config/unknown-set-key.json', JSON.stringify({ dataset: 'echo', set: { trainSample: 100 } }));
put('config/not-json.json', '{ "dataset": "echo", ');
put('config/array.json', '[]');
put('input/ragged.json', JSON.stringify([Array.from({ length: 27 }, () => new Array(28).fill(0))]));
put('input/null-value.json', JSON.stringify([Array.from({ length: 28 }, (_, t) => new Array(28).fill(t === 3 ? null : 0))]));
put('input/not-json.json', '[[[0, 1');
cpSync(join(HERE, 'csv/empty.csv'), join(HERE, 'input/empty.json'));
console.log(`bad-input corpus written to ${HERE}`);
