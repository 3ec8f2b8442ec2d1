import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every file of tests/bad-inputs (made by tests/bad-inputs/make.mjs) through the CLI, as a user would: exit 2, a
// message that names the file (and the line, row, byte or key where it can), no stack trace, and nothing written.
const BIN = fileURLToPath(new URL('../apps/cli/dist/bin.js', import.meta.url));
const CORPUS = fileURLToPath(new URL('./bad-inputs/', import.meta.url));
const at = (path: string) => join(CORPUS, path);

/** [command line, what the message must say]; the file's name is always part of it. */
const CASES: [string[], RegExp][] = [
  // csv
  [['train', '--dataset', 'csv', '--source', at('csv/empty.csv')], /csv\/empty\.csv: no data rows/],
  [['train', '--dataset', 'csv', '--source', at('csv/header-only.csv')], /header-only\.csv: no data rows/],
  [['train', '--dataset', 'csv', '--source', at('csv/ragged.csv')], /ragged\.csv:12: expected 3 columns, got 2/],
  [['train', '--dataset', 'csv', '--source', at('csv/text-feature.csv')], /text-feature\.csv:12: column 2 \(b\): expected a number, got "four"/],
  [['train', '--dataset', 'csv', '--source', at('csv/nan-feature.csv')], /nan-feature\.csv:12: column 1 \(a\): expected a number, got "NaN"/],
  [['train', '--dataset', 'csv', '--source', at('csv/infinity-feature.csv')], /infinity-feature\.csv:12: column 2 \(b\): expected a number, got "-Infinity"/],
  [['train', '--dataset', 'csv', '--source', at('csv/huge-feature.csv')], /huge-feature\.csv:12: column 2 \(b\): 1e39 is beyond the range of 32-bit floats/],
  [['train', '--dataset', 'csv', '--source', at('csv/nan-label.csv')], /nan-label\.csv:31: label column 3 \(column2\): "NaN" is no label/],
  [['train', '--dataset', 'csv', '--source', at('csv/empty-label.csv')], /empty-label\.csv:32: label column 3 \(label\): "" is no label/],
  [['train', '--dataset', 'csv', '--source', at('csv/one-class.csv')], /one-class\.csv: column label: every row has the label "1": a classifier needs at least two classes/],
  [['train', '--dataset', 'csv', '--source', at('csv/unclosed-quote.csv')], /unclosed-quote\.csv:\d+: unreadable CSV: Quote Not Closed/],
  [['train', '--dataset', 'csv', '--source', at('csv/binary-junk.csv')], /binary-junk\.csv(:\d+)?: /],
  [['train', '--dataset', 'csv', '--source', at('csv/truncated.csv.gz')], /truncated\.csv\.gz: truncated gzip data: the file ends at byte 40/],
  [['train', '--dataset', 'csv', '--source', at('csv/truncated.csv.gz'), '--stream'], /truncated\.csv\.gz: truncated gzip data/],
  [['train', '--dataset', 'csv', '--source', at('csv/corrupt.csv.gz')], /corrupt\.csv\.gz: corrupt gzip data between bytes \d+ and \d+/],
  [['train', '--dataset', 'csv', '--source', at('csv/corrupt.csv.gz'), '--stream'], /corrupt\.csv\.gz: corrupt gzip data/],
  [['train', '--dataset', 'csv', '--source', at('csv')], /bad-inputs\/csv: expected a file, got a directory/],
  [['train', '--dataset', 'csv', '--source', at('csv/none.csv')], /csv\/none\.csv: no such file/],
  // text (TSV)
  [['train', '--dataset', 'text', '--source', at('tsv/empty.tsv')], /empty\.tsv: no data rows/],
  [['train', '--dataset', 'text', '--source', at('tsv/header-only.tsv')], /header-only\.tsv: no data rows/],
  [['train', '--dataset', 'text', '--source', at('tsv/no-label-column.tsv')], /no-label-column\.tsv:1: the header must name a "text" and a "label" column/],
  [['train', '--dataset', 'text', '--source', at('tsv/ragged.tsv')], /ragged\.tsv:12: expected 2 columns, got 1/],
  [['train', '--dataset', 'text', '--source', at('tsv/empty-label.tsv')], /empty-label\.tsv:12: (label "" is no label|expected 2 columns, got 1)/],
  [['train', '--dataset', 'text', '--source', at('tsv/nan-label.tsv')], /nan-label\.tsv:12: label "nan" is no label/],
  [['train', '--dataset', 'text', '--source', at('tsv/binary-junk.tsv')], /binary-junk\.tsv(:\d+)?: /],
  [['train', '--dataset', 'text', '--source', at('tsv/truncated.tsv.gz')], /truncated\.tsv\.gz: truncated gzip data/],
  [['train', '--dataset', 'text', '--source', at('tsv/corrupt.tsv.gz')], /corrupt\.tsv\.gz: corrupt gzip data/],
  [['train', '--dataset', 'text', '--source', at('tsv/good.tsv'), '--set', `test=${at('tsv/corrupt.tsv.gz')}`], /corrupt\.tsv\.gz: corrupt gzip data/],
  [['evaluate', '--model', at('models/valid'), '--dataset', 'csv', '--source', at('csv/truncated.csv.gz')], /truncated\.csv\.gz: truncated gzip data/],
  // timeseries
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/nan-value.csv')], /nan-value\.csv:22: column 2 \(passengers\): expected a number, got "NaN"/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/text-value.csv')], /text-value\.csv:22: column 2 \(passengers\): expected a number, got "n\/a"/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/huge-value.csv')], /huge-value\.csv:22: column 2 \(passengers\): 5e40 is beyond the range of 32-bit floats/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/too-short.csv')], /too-short\.csv: 5 time steps are too few for windows of 12 \+ 1/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/header-only.csv')], /header-only\.csv: no data rows/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/truncated.csv.gz')], /truncated\.csv\.gz: truncated gzip data/],
  // next-token (plain text)
  [['train', '--dataset', 'next-token', '--source', at('text/not-utf8.txt')], /not-utf8\.txt: not UTF-8 text: the bytes at offset 100 are not valid UTF-8/],
  [['train', '--dataset', 'next-token', '--source', at('text/empty.txt')], /empty\.txt: 0 chars are too few/],
  [['train', '--dataset', 'next-token', '--source', at('text/truncated.txt.gz')], /truncated\.txt\.gz: truncated gzip data/],
  [['train', '--dataset', 'next-token', '--source', at('text/corrupt.txt.gz')], /corrupt\.txt\.gz: corrupt gzip data/],
  [['train', '--dataset', 'next-token', '--source', at('text')], /bad-inputs\/text: expected a file, got a directory/],
  // IDX files in the MNIST layout
  [['train', '--dataset', 'idx', '--source', at('idx/wrong-magic')], /wrong-magic\/train-images-idx3-ubyte: not an IDX file: magic number 0x89504e47/],
  [['train', '--dataset', 'idx', '--source', at('idx/truncated')], /truncated\/train-images-idx3-ubyte: truncated: 50 bytes, the header \[4 x 4 x 4\] of ubyte needs 80/],
  [['train', '--dataset', 'idx', '--source', at('idx/trailing-bytes')], /trailing-bytes\/t10k-images-idx3-ubyte: 3 unexpected trailing bytes/],
  [['train', '--dataset', 'idx', '--source', at('idx/count-mismatch')], /count-mismatch\/train-labels-idx1-ubyte: label\/image count mismatch: 3 labels for 4 images/],
  [['train', '--dataset', 'idx', '--source', at('idx/wrong-dims')], /wrong-dims\/train-labels-idx1-ubyte: IDX file has 2 dimension\(s\), expected 1/],
  [['train', '--dataset', 'idx', '--source', at('idx/corrupt-gz')], /corrupt-gz\/train-images-idx3-ubyte\.gz: corrupt gzip data/],
  [['train', '--dataset', 'idx', '--source', at('csv/empty.csv')], /empty\.csv: expected a directory holding the IDX files, got a file/],
  // saved models
  [['evaluate', '--model', at('models/flipped-byte')], /flipped-byte\/weights\.bin: sha256 [0-9a-f]{64} does not match the recorded/],
  [['evaluate', '--model', at('models/truncated-weights')], /truncated-weights\/weights\.bin: 64 bytes, the marker records 1112/],
  [['evaluate', '--model', at('models/nan-bias')], /nan-bias\/weights\.bin: weight "dense\/bias" holds NaN \(value 10 of 10\): the model is broken/],
  [['predict', '--model', at('models/nan-bias'), '--count', '2'], /nan-bias\/weights\.bin: weight "dense\/bias" holds NaN/],
  [['evaluate', '--model', at('models/legacy-infinite-weight')], /legacy-infinite-weight\/weights\.bin: weight "lstm\/kernel" holds Infinity \(value 4 of 224\)/],
  [['evaluate', '--model', at('models/missing-metadata')], /missing-metadata\/lstmkit\.json: missing: not a saved lstmkit model directory/],
  [['evaluate', '--model', at('models/metadata-not-json')], /metadata-not-json\/lstmkit\.json: not valid JSON/],
  [['evaluate', '--model', at('models/wrong-format')], /wrong-format\/lstmkit\.json: format is "keras", expected "lstmkit-model"/],
  [['evaluate', '--model', at('models/bad-task')], /bad-task\/lstmkit\.json: "dataset\.task" is "ranking"/],
  [['evaluate', '--model', at('models/missing-weights')], /missing-weights\/weights\.bin: missing/],
  [['evaluate', '--model', at('models/manifest-mismatch')], /manifest-mismatch\/weights\.bin: 1112 bytes, the manifest in model\.json needs 1224/],
  [['evaluate', '--model', at('models/unknown-layer')], /unknown-layer\/model\.json: tfjs cannot build this model \(.*NoSuchLayer/],
  [['generate', '--model', at('csv/empty.csv'), '--prompt', 'x'], /empty\.csv\/lstmkit\.json: missing/],
  // training configurations and predict inputs
  [['train', '--config', at('config/unknown-key.json')], /unknown-key\.json: unknown key "epoch"; known keys: description, dataset/],
  [['train', '--config', at('config/unknown-model-key.json')], /unknown-model-key\.json: unknown key "model\.unit"; known keys of model: family, units,/],
  [['train', '--config', at('config/unknown-embedding-key.json')], /unknown-embedding-key\.json: unknown key "model\.embedding\.dims"; known keys of model\.embedding: vocabulary, dim, maskZero/],
  [['train', '--config', at('config/unknown-set-key.json')], /unknown-set-key\.json: set\.trainSample: the echo dataset has no option "trainSample"; its options: length, features, index, trainSamples, testSamples/],
  [['train', '--config', at('config/not-json.json')], /not-json\.json: not valid JSON/],
  [['train', '--config', at('config/array.json')], /array\.json: expected a JSON object/],
  [['train', '--dataset', 'timeseries', '--source', at('timeseries/nan-value.csv'), '--set', 'lookbak=6'], /--set lookbak: the timeseries dataset has no option "lookbak"; its options: columns, target, lookback, horizon, scale/],
  [['predict', '--model', at('models/valid'), '--input', at('input/ragged.json')], /ragged\.json: sample 0 has 27 timesteps, the model expects 28/],
  [['predict', '--model', at('models/valid'), '--input', at('input/null-value.json')], /null-value\.json: sample 0, timestep 3: expected 28 finite numbers/],
  [['predict', '--model', at('models/valid'), '--input', at('input/not-json.json')], /not-json\.json: not valid JSON/],
  [['predict', '--model', at('models/valid'), '--input', at('input/empty.json')], /empty\.json: not valid JSON/],
  [['predict', '--model', at('models/valid'), '--input', at('input')], /bad-inputs\/input: expected a file, got a directory/],
  [['train', '--config', at('config')], /bad-inputs\/config: expected a file, got a directory/],
];

type Result = { code: number | null; stdout: string; stderr: string };
const runCli = (args: string[]) =>
  new Promise<Result>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** Runs the cases two at a time (the machine's cores), in order of the table. */
async function runAll<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

describe('the bad-input corpus through the CLI', () => {
  it('every malformed file: exit 2, a message naming it, no stack trace, nothing written; --json: the error on stdout', async () => {
    expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
    const failures: string[] = [];
    await runAll(CASES, async ([args, message]) => {
      const dir = mkdtempSync(join(tmpdir(), 'lstmkit-bad-'));
      const writes = args[0] === 'train' ? ['--out', join(dir, 'model'), '--backup', join(dir, 'backup'), '--epochs', '1', '--quiet'] : [];
      const r = await runCli([...args, ...writes, '--json']);
      const line = `${args.join(' ').replaceAll(CORPUS, '')}`;
      if (r.code !== 2) failures.push(`${line}: exit ${r.code}\n${r.stderr}`);
      else if (!message.test(r.stderr)) failures.push(`${line}: message ${JSON.stringify(r.stderr)} does not match ${message}`);
      else if (/\n\s+at /.test(r.stderr)) failures.push(`${line}: stack trace\n${r.stderr}`);
      else if (readdirSync(dir).length) failures.push(`${line}: wrote ${readdirSync(dir).join(', ')}`);
      else {
        const json = JSON.parse(r.stdout);
        if (!message.test(json.error?.message) || typeof json.error.code !== 'string') failures.push(`${line}: --json printed ${r.stdout}`);
      }
    });
    expect(failures).toEqual([]);
  }, 600_000); // ~70 CLI runs: about a minute on two idle cores, several when the machine is shared

  it('the valid model of the corpus loads (the damage above is what fails)', async () => {
    const r = await runCli(['predict', '--model', at('models/valid'), '--count', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
  });
});
