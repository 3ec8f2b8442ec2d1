import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The CLI is tested as users run it: the built bin, in a child process, with real data.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const runWith = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const run = (...args: string[]) => runWith({}, ...args);

// `lstmkit backends --json` takes a few seconds (a gradient pass per family and backend): run it once.
type BackendRow = { name: string; [k: string]: any };
let backendsJson: BackendRow[] | undefined;
const listBackends = (): BackendRow[] => (backendsJson ??= JSON.parse(run('backends', '--json').stdout) as BackendRow[]);

describe('lstmkit CLI', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'lstmkit-cli-')), 'model');
  let trained: Record<string, any>;

  beforeAll(() => {
    expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
    const r = run('train', '--limit', '600', '--units', '16', '--epochs', '2', '--batch-size', '50', '--learning-rate', '0.01', '--seed', '1', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    trained = JSON.parse(r.stdout);
  });

  it('train --json prints the results object and saves the model', () => {
    expect(trained).toMatchObject({ backend: 'wasm', epochs: 2, trainSamples: 600, testSamples: 2000, dataset: 'mnist', model: 'vanilla' });
    expect(trained.testAccuracy).toBeGreaterThan(0.2);
    expect(trained.testLoss).toBeGreaterThan(0);
    expect(trained.secondsPerEpoch).toBeGreaterThan(0);
    expect(trained.history[1].loss).toBeLessThan(trained.history[0].loss);
    expect(existsSync(join(out, 'weights.bin'))).toBe(true);
    // Pictures of the run: training curves and the test confusion matrix, SVG and PNG.
    for (const f of ['training.svg', 'training.png', 'confusion.svg', 'confusion.png']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(trained.charts).toEqual([join(out, 'training.png'), join(out, 'confusion.png')]);
  });

  it('evaluate reloads the same held-out split and gets the same figures', () => {
    const r = run('evaluate', '--model', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.testSamples).toBe(2000);
    expect(e.testAccuracy).toBeCloseTo(trained.testAccuracy, 6);
  });

  it('predict on test samples and on a JSON file of sequences', () => {
    const r = run('predict', '--model', out, '--count', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveProperty('predicted');
    expect(rows[0]).toHaveProperty('actual');
    const file = join(tmpdir(), `seq-${process.pid}.json`);
    writeFileSync(file, JSON.stringify([Array.from({ length: 28 }, () => new Array(28).fill(0))]));
    const p = run('predict', '--model', out, '--input', file, '--json');
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)[0].probability).toBeGreaterThan(0);
    writeFileSync(file, JSON.stringify([[[1, 2]]]));
    const bad = run('predict', '--model', out, '--input', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seq-\d+\.json: sample 0 has 1 timesteps, the model expects 28/);
  });

  it('analyze writes the embedding, metrics, projector TSVs and plots of a trained model', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-analyze-')), 'a');
    const r = run('analyze', '--model', out, '--count', '150', '--perplexity', '10', '--iterations', '150', '--out', dir, '--json');
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ layer: 'lstm', samples: 150, featureDims: 16, clusters: 10 });
    expect(a.metrics.purity).toBeGreaterThan(0.1);
    for (const f of ['analysis.json', 'embedding.tsv', 'projector-vectors.tsv', 'projector-metadata.tsv', 'tsne-classes.png', 'tsne-classes.svg', 'tsne-clusters.png']) expect(existsSync(join(dir, f)), f).toBe(true);
    const u = run('analyze', '--model', out, '--count', '120', '--projection', 'umap', '--out', join(dir, 'umap'), '--json');
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(join(dir, 'umap', 'umap-classes.png'))).toBe(true);
    const bad = run('analyze', '--model', out, '--layer', 'nope', '--out', join(dir, 'nope'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/layer: "nope" is not in the model; its layers are lstm, dense/);
    const tooMany = run('analyze', '--model', out, '--count', '20', '--clusters', '30', '--perplexity', '3', '--out', join(dir, 'many'));
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/k: 30 clusters for 20 points/);
  });

  it('backends, models and datasets list what is registered', () => {
    const b = listBackends();
    expect(b.map((x) => x.name)).toEqual(['webgpu', 'node-gpu', 'node', 'webgl', 'wasm', 'cpu']);
    const named = (name: string) => b.find((x) => x.name === name)!;
    const wasm = named('wasm');
    expect(wasm.cannotTrain).toEqual([{ family: 'cnn-lstm', missingKernel: 'Conv2DBackpropFilter' }]);
    expect(wasm.trains).toContain('bidirectional');
    expect(named('webgl').reason).toMatch(/^WebGL needs a browser/);
    expect(named('node').reason).toMatch(/^not installed — npm i @tensorflow\/tfjs-node@4\.22\.0/);
    expect(named('node-gpu').reason).toMatch(/^not installed — npm i @tensorflow\/tfjs-node-gpu@4\.22\.0 \(needs an NVIDIA GPU with CUDA 11\.2/);
    const m = run('models', 'vanilla', '--units', '25', '--input-shape', '5x10', '--outputs', '10', '--json');
    expect(JSON.parse(m.stdout).summary.totalParams).toBe(3860);
    expect(run('models').stdout).toMatch(/vanilla/);
    // A family's options come from its schema: `models X` lists them, `train --model X --help` shows only X's.
    expect(run('models', 'cnn-lstm').stdout).toMatch(/--filters\s+convolution filters; an integer >= 1/);
    const help = run('train', '--model', 'bidirectional', '--help').stdout;
    expect(help).toMatch(/Options of the bidirectional model family[^]*--merge-mode/);
    expect(help).not.toMatch(/--kernel-size/);
    const wrong = run('train', '--model', 'vanilla', '--merge-mode', 'sum');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--merge-mode: the vanilla model family has no option mergeMode; its options: --embedding-vocabulary/);
    expect(run('datasets').stdout).toMatch(/mnist \(multiclass\)/);
  });

  it('backends says which fused kernels run and why: without the native addon, its WebAssembly build', () => {
    const r = runWith({ LSTMKIT_SKIP_NATIVE: '1' }, 'backends');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wasm .*\n(.*\n)*? {4}LSTM, GRU, SimpleRNN layers \(--fused auto\): fused kernel, wasm SIMD128 \(.*\) — the WebAssembly build of the same kernels: LSTMKIT_SKIP_NATIVE is set\n/);
  });

  // CI sets LSTMKIT_REQUIRE_WEBGPU=1 (and installs Chromium's SwiftShader): then webgpu must be listed and train.
  it('lists webgpu with its adapter and trains on it when asked by name', (ctx) => {
    const webgpu = listBackends().find((x) => x.name === 'webgpu')!;
    if (!webgpu.available) {
      if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but webgpu is not available: ${webgpu.reason}`);
      console.warn(`skipping the CLI webgpu test: ${webgpu.reason}`);
      return ctx.skip();
    }
    expect(webgpu.device).toMatch(/max buffer \d+ MB/);
    expect(webgpu.cannotTrain).toEqual([]);
    expect(webgpu.fusedLstm).toBe('WGSL compute shaders (webgpu)');
    expect(webgpu.fusedLstmNote).toMatch(/^the tensors live on the GPU/);
    const r = run('train', '--preset', 'w3', '--set', 'trainSamples=40', '--set', 'testSamples=10', '--units', '8', '--batch-size', '10', '--backend', 'webgpu', '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'webgpu', trainSamples: 40, testSamples: 10, recurrentLayers: [{ layer: 'lstm', fused: 'auto', kernel: 'WGSL compute shaders (webgpu)', note: expect.stringMatching(/^the tensors live on the GPU/) }] });
  });

  it('runs a preset (W3) and lets flags and --set override it', () => {
    const r = run('train', '--preset', 'w3', '--set', 'trainSamples=300', '--set', 'testSamples=20', '--units', '8', '--batch-size', '10', '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const w3 = JSON.parse(r.stdout);
    expect(w3).toMatchObject({ dataset: 'echo', model: 'vanilla', trainSamples: 300, testSamples: 20, epochs: 1 });
    expect(w3.params).toBe(4 * (8 * (10 + 8) + 8) + 8 * 10 + 10);
    expect(JSON.parse(run('presets', '--json').stdout).map((p: { name: string }) => p.name)).toEqual(['w1', 'w2', 'w3', 'w4-rnn', 'w4-stacked', 'w5']);
  });

  it('runs W4\'s SimpleRNN baseline on the fused kernel (native, or its WebAssembly build without the addon), or with --fused off on tfjs-layers code, to the same result', () => {
    const trainWith = (env: Record<string, string>, ...extra: string[]) => {
      const r = runWith(env, 'train', '--preset', 'w4-rnn', '--dataset', 'mnist', '--limit', '640', '--epochs', '1', '--json', '--quiet', ...extra);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const train = (...extra: string[]) => trainWith({}, ...extra);
    const fused = train('--fused', 'on'), stock = train('--no-fused'), wasm = trainWith({ LSTMKIT_SKIP_NATIVE: '1' });
    expect(wasm.recurrentLayers).toEqual([
      { layer: 'simple_rnn', fused: 'auto', kernel: expect.stringMatching(/^wasm SIMD128 \((\d+ threads|1 thread: one core)\)$/), note: 'the WebAssembly build of the same kernels: LSTMKIT_SKIP_NATIVE is set' },
    ]);
    expect(Math.abs(wasm.history[0].loss - stock.history[0].loss)).toBeLessThan(1e-3);
    expect(stock.recurrentLayers).toEqual([{ layer: 'simple_rnn', fused: false, reason: "the layer's option fused: false" }]);
    expect(fused.recurrentLayers).toEqual([{ layer: 'simple_rnn', fused: true, kernel: expect.any(String), note: expect.any(String) }]);
    // CI requires the native kernels (LSTMKIT_REQUIRE_NATIVE); elsewhere they may be absent, and the reason is given.
    if (process.env.LSTMKIT_REQUIRE_NATIVE) expect(fused.recurrentLayers).toEqual([{ layer: 'simple_rnn', fused: true, kernel: expect.stringMatching(/^native C\+\+/), note: 'the native addon, compiled at install' }]);
    // Same seed, same data: 20 Adam steps of float32 sums in another order move the loss by far less than 1e-3.
    expect(Math.abs(fused.history[0].loss - stock.history[0].loss)).toBeLessThan(1e-3);
    expect(Math.abs(fused.testLoss - stock.testLoss)).toBeLessThan(1e-3);
  });

  it('--fused off runs and saves tfjs-layers\' code, and says so per layer', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-fused-off-')), 'model');
    const r = run('train', '--dataset', 'echo', '--set', 'trainSamples=20', '--set', 'testSamples=5', '--units', '4', '--epochs', '1', '--fused', 'off', '--out', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/lstm \(--fused off\): tfjs-layers step-by-step code \(the layer's option fused: false\)/);
    expect(JSON.parse(readFileSync(join(dir, 'lstmkit.json'), 'utf8')).spec.fused).toBe(false);
  });

  it('saves checkpoints during training (--checkpoint, "{epoch}" keeps each) that evaluate like saved models', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-ckpt-'));
    const r = run('train', '--limit', '300', '--units', '8', '--epochs', '2', '--batch-size', '50', '--checkpoint', join(dir, 'epoch-{epoch}'), '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'epoch-1', 'weights.bin')) && existsSync(join(dir, 'epoch-2', 'weights.bin'))).toBe(true);
    const e = run('evaluate', '--model', join(dir, 'epoch-2'), '--json');
    expect(e.code, e.stderr).toBe(0);
    // The last checkpoint is the trained model: the same test loss as train reported.
    expect(JSON.parse(e.stdout).testLoss).toBeCloseTo(JSON.parse(r.stdout).testLoss, 5);
  });

  it('lowers the learning rate on a plateau (--lr-patience) and says so', () => {
    // A learning rate so small that the loss cannot improve: a reduction after every epoch from the second on.
    const r = run('train', '--limit', '200', '--units', '4', '--epochs', '3', '--batch-size', '50', '--learning-rate', '1e-9', '--lr-patience', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/learning rate 1\.00e-10 after epoch 2[\s\S]*learning rate 1\.00e-11 after epoch 3/);
    expect(run('train', '--lr-patience', '0').stderr).toMatch(/--lr-patience expects an integer >= 1, got "0"/);
  });

  it('trains a generative model on a text and generates from a prompt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-gen-'));
    writeFileSync(join(dir, 'corpus.txt'), 'the cat sat on the mat. '.repeat(60));
    const r = run('train', '--dataset', 'next-token', '--source', join(dir, 'corpus.txt'), '--set', 'window=8', '--model', 'generative', '--units', '16', '--embedding-dim', '8', '--epochs', '3', '--learning-rate', '0.02', '--out', join(dir, 'm'), '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const g = run('generate', '--model', join(dir, 'm'), '--prompt', 'the cat ', '--length', '30', '--temperature', '0', '--json');
    expect(g.code, g.stderr).toBe(0);
    const { text } = JSON.parse(g.stdout);
    expect(text).toHaveLength(30);
    expect(text).toMatch(/^[a-z .]+$/);
    expect(run('generate', '--model', out, '--prompt', 'x').stderr).toMatch(/is not a next-token model/);
  });

  it('streams a CSV (--stream) and evaluates on the same test rows afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-stream-cli-'));
    writeFileSync(join(dir, 'd.csv'), Array.from({ length: 400 }, (_, i) => `${i % 7},${i % 5},${(i % 7) + (i % 5) > 5 ? 1 : 0}`).join('\n'));
    const r = run('train', '--dataset', 'csv', '--source', join(dir, 'd.csv'), '--stream', '--units', '4', '--epochs', '2', '--out', join(dir, 'm'), '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.source).toMatch(/\(streamed\)$/);
    const e = JSON.parse(run('evaluate', '--model', join(dir, 'm'), '--json').stdout);
    expect(e.testSamples).toBe(t.testSamples);
    expect(e.testAccuracy).toBeCloseTo(t.testAccuracy, 6);
    expect(run('train', '--stream', '--quiet').stderr).toMatch(/--stream: the mnist dataset cannot be streamed/);
  });

  it('reads a --config file and names a wrong key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-config-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ dataset: 'echo', set: { trainSamples: 100, testSamples: 10 }, model: { family: 'gru', units: 4 }, epochs: 1 }));
    const r = run('train', '--config', join(dir, 'ok.json'), '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'gru', params: 3 * (4 * (10 + 4) + 4) + 4 * 10 + 10 });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ dataset: 'echo', epoch: 3 }));
    const bad = run('train', '--config', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json: unknown key "epoch"; known keys: description, dataset/);
  });

  it('exits 2 with a message naming the problem for bad usage and bad input', () => {
    const cases: [string[], RegExp][] = [
      [['train', '--epochs', 'x'], /--epochs expects an integer >= 1, got "x"/],
      [['train', '--source', '/no/such/dir', '--quiet'], /\/no\/such\/dir: no such directory/],
      [['train', '--dataset', 'nope', '--quiet'], /unknown dataset "nope"; registered: echo, mnist/],
      [['train', '--backend', 'quantum', '--quiet'], /unknown backend "quantum"/],
      [['train', '--bogus'], /unknown option '--bogus'/],
      [['evaluate', '--model', '/no/such/model'], /lstmkit\.json: missing/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['train', '--preset', 'w9'], /--preset: unknown preset "w9"; presets: w1, w2/],
      [['train', '--dataset', 'echo', '--set', 'index'], /--set expects KEY=VALUE, got "index"/],
      [['train', '--dataset', 'echo', '--set', 'index=7', '--quiet'], /echo option "index": expected an integer in 0..4/],
      [['predict', '--model', out, '--text', 'hello'], /--text: .* was not trained on text/],
      [['train', '--fused', 'maybe'], /option '--fused <mode>' argument 'maybe' is invalid\. Allowed choices are auto, on, off/],
      [['train', '--dataset', 'echo', '--fused', 'on', '--activation', 'elu', '--quiet'], /layer "lstm" has fused: true, but the fused kernel cannot run it: activation elu/],
      [['train', '--dataset', 'echo', '--set', 'trainSamples=20', '--set', 'testSamples=5', '--fused', 'on', '--dropout', '0.2', '--quiet'], /--fused on: layer "lstm" cannot run the fused kernel on \w+: dropout inside the layer while training \(--fused auto runs/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('prints results on stdout and progress and logs on stderr, in every command', () => {
    const d = run('datasets');
    expect(d.stdout).toMatch(/^csv \(binary\): /m);
    expect(d.stderr).toBe('');
    expect(run('presets').stdout).toMatch(/^w1 /m);
    expect(run('models', 'vanilla').stdout).toMatch(/Total params/);
    const e = run('evaluate', '--model', out);
    expect(e.stdout).toMatch(/accuracy \d+\.\d+%, loss/);
    const p = run('predict', '--model', out, '--count', '2');
    expect(p.stdout).toMatch(/^#0: \d \(p=0\.\d+\)\s+actual \d$/m);
    expect(p.stderr).not.toMatch(/#0/);
  });

  it('with --json, a failure prints { error: { code, message, where } } on stdout', () => {
    const bad = run('train', '--epochs', 'x', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ error: { code: 'usage', message: expect.stringMatching(/--epochs expects an integer >= 1/), where: '--epochs' } });
    const missing = run('evaluate', '--model', '/no/such/model', '--json');
    expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'bad-model-file', where: '/no/such/model/lstmkit.json' });
    const unknown = run('train', '--bogus', '--json');
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ code: 'usage', where: '--bogus' });
  });

  it('never writes over what lstmkit did not write: refused before any work, named, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-refuse-'));
    mkdirSync(join(dir, 'mydir', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'mydir', 'notes.txt'), 'x');
    writeFileSync(join(dir, 'victim.txt'), 'precious');
    writeFileSync(join(dir, 'package.json'), '{}');
    const cases: [string[], RegExp][] = [
      [['train', '--out', join(dir, 'mydir')], /--out .*mydir: exists and is not an lstmkit model \(no lstmkit\.json\)/],
      [['train', '--out', join(dir, 'victim.txt')], /--out .*victim\.txt: is a file/],
      [['train', '--out', '.'], /--out \.: is the current folder/],
      [['train', '--out', '..'], /--out \.\.: holds the current folder/],
      [['train', '--checkpoint', join(dir, 'mydir')], /--checkpoint .*mydir: exists and is not an lstmkit model/],
      [['train', '--backup', join(dir, 'victim.txt')], /--backup .*victim\.txt: is a file/],
      [['train', '--out', '/etc/passwd/x'], /--out \/etc\/passwd\/x: \/etc\/passwd is a file, so no folder can be made inside it/],
      [['train', '--out', join(dir, 'm'), '--backup', join(dir, 'm')], /--out and --backup are the same folder/],
      [['analyze', '--model', out, '--out', join(dir, 'mydir')], /--out .*mydir: exists and is not an lstmkit analysis \(no analysis\.json\)/],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync(process.execPath, [BIN, ...args, ...(args[0] === 'train' ? ['--quiet'] : [])], { encoding: 'utf8', cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['mydir', 'package.json', 'victim.txt']);
    expect(readdirSync(join(dir, 'mydir')).sort()).toEqual(['notes.txt', 'sub']);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('precious');
  });

  it('stops a diverging run at the batch (exit 3), saves nothing and keeps the earlier model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-nan-'));
    writeFileSync(join(dir, 's.csv'), `month,value\n${Array.from({ length: 80 }, (_, i) => `m${i},${100 + 50 * Math.sin(i / 3) + i}`).join('\n')}\n`);
    const args = ['train', '--dataset', 'timeseries', '--source', join(dir, 's.csv'), '--units', '4', '--epochs', '3', '--out', join(dir, 'm'), '--quiet'];
    expect(run(...args).code).toBe(0);
    const before = readFileSync(join(dir, 'm', 'weights.bin'));
    const r = run(...args, '--optimizer', 'sgd', '--learning-rate', '1e6', '--patience', '1', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'non-finite', where: expect.stringMatching(/^epoch \d, batch \d of \d$/) });
    expect(r.stderr).toMatch(/epoch \d, batch \d of \d: the loss is (NaN|-?Infinity): training stopped there \(TerminateOnNaN\).* Nothing was saved to .*m/);
    expect(readFileSync(join(dir, 'm', 'weights.bin'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['m', 's.csv']);
  });

  it('prints the class table before training, so a stray label is seen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-classes-'));
    writeFileSync(join(dir, 't.tsv'), `text\tlabel\n${Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'good' : 'bad'} film ${i}\t${i % 2}`).join('\n')}\nodd film\t2\n`);
    const r = run('train', '--dataset', 'text', '--source', join(dir, 't.tsv'), '--test-fraction', '0.1', '--units', '4', '--embedding-dim', '4', '--epochs', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/classes in the training split \(name: count\): 0: \d+, 1: \d+, 2: 1\n[\s\S]*epoch 1:/);
    expect(r.stdout).toMatch(/^test: accuracy \d+\.\d+%, loss/);
  });

  it('writes the charts of a text whose characters include ESC (drawn as control pictures) together with the model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-esc-'));
    writeFileSync(join(dir, 'esc.txt'), 'the cat sat on the mat. \u001b[0m '.repeat(40));
    const r = run('train', '--dataset', 'next-token', '--source', join(dir, 'esc.txt'), '--set', 'window=8', '--model', 'generative', '--units', '4', '--embedding-dim', '4', '--epochs', '1', '--out', join(dir, 'm'), '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'm', 'confusion.svg'), 'utf8')).toContain('␛');
    expect(JSON.parse(readFileSync(join(dir, 'm', 'lstmkit.json'), 'utf8')).files).toHaveProperty(['confusion.png']);
  });
});
