// t-SNE of all 70,000 MNIST images' LSTM features, end to end: the features of the model's LSTM layer, the
// nearest neighbours, the affinities and the optimisation, each stage timed, with the machine's load average.
// k-means purity and NMI on the features are printed as the quality check of the features, and the trustworthiness of
// the embedding on 5,000 evenly spaced images as that of the t-SNE.
//   pnpm bench:tsne70k [--model runs/w1] [--iterations 750] [--baseline]
// --baseline also runs the earlier t-SNE path in the same run (one thread, neighbours searched on all 128 columns)
// and prints the ratio, so the speed-up shows whatever the load. The model: `pnpm w1` (or `lstmkit train ... --out runs/w1`).
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { kmeans, nmi, purity, trustworthiness, tsne } from '@lstmkit/analysis';
import { nodeThreads } from '@lstmkit/analysis/node';
import { concatDatasets } from '@lstmkit/datasets';
import { loadDataset } from '@lstmkit/datasets/node';
import { layerFeatures, useBackend } from '@lstmkit/trainer';
import { loadModel } from '@lstmkit/trainer/node';

const args = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const baseline = args.includes('--baseline');
const modelDir = flag('--model', 'runs/w1');
const iterations = Number(flag('--iterations', '750'));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

if (!existsSync(modelDir)) {
  console.log(`skipped: no model at ${modelDir} (run \`pnpm w1\`, or pass --model <a directory written by lstmkit train>)`);
  process.exit(0);
}
// The full MNIST comes from the offline mirror next to the repository when there is one, else from the cache
// (downloaded once).
const mirror = new URL('../../shared/data', import.meta.url).pathname;
if (!process.env.LSTMKIT_DATASETS_MIRROR && existsSync(`${mirror}/mnist`)) process.env.LSTMKIT_DATASETS_MIRROR = mirror;
let splits;
const loadStarted = performance.now();
try {
  splits = await loadDataset('mnist-full', { seed: 0 });
} catch (e) {
  console.log(`skipped: the full MNIST is not available here (${e.message})`);
  process.exit(0);
}
const all = concatDatasets(splits.train, splits.test);
const { model } = await loadModel(modelDir);
const backend = await useBackend('auto');
const loadSeconds = (performance.now() - loadStarted) / 1000;
console.log(`t-SNE of all ${all.shape[0]} MNIST images' LSTM features (${modelDir}); ${iterations} iterations, perplexity 30, seed 0; load average ${load()}`);
console.log(`loading the images, the model and the backend: ${loadSeconds.toFixed(1)} s`);
const layer = [...model.layers].reverse().find((l) => ['LSTM', 'GRU', 'SimpleRNN'].includes(l.getClassName())).name;
let started = performance.now();
const features = await layerFeatures(model, all, layer);
const featureSeconds = (performance.now() - started) / 1000;
console.log(`features of layer ${layer} (${features.rows} x ${features.cols}, backend ${backend?.name ?? backend}): ${featureSeconds.toFixed(1)} s; load average ${load()}`);

// Trustworthiness is O(N²): it is taken on a sample of the images, the same for every run.
const SAMPLE = 5000;
function sampledTrustworthiness(y) {
  const d = features.cols;
  const rows = Array.from({ length: SAMPLE }, (_, i) => Math.floor((i * features.rows) / SAMPLE));
  const f = new Float32Array(SAMPLE * d);
  const e = new Float32Array(SAMPLE * 2);
  rows.forEach((r, i) => {
    f.set(features.values.subarray(r * d, (r + 1) * d), i * d);
    e.set(y.values.subarray(2 * r, 2 * r + 2), 2 * i);
  });
  return trustworthiness({ values: f, rows: SAMPLE, cols: d }, { values: e, rows: SAMPLE, cols: 2 }, 10);
}

async function timed(label, options) {
  const stages = {};
  let stage;
  let since = performance.now();
  const start = since;
  const y = await tsne(features, {
    seed: 0,
    iterations,
    ...options,
    onProgress: (_d, _t, name) => {
      if (name === stage) return;
      const now = performance.now();
      if (stage) stages[stage] = (now - since) / 1000;
      [stage, since] = [name, now];
    },
  });
  stages[stage] = (performance.now() - since) / 1000;
  const seconds = (performance.now() - start) / 1000;
  const split = Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
  console.log(`${label}: t-SNE ${seconds.toFixed(1)} s (${split}); features + t-SNE ${(featureSeconds + seconds).toFixed(1)} s; load average ${load()}`);
  console.log(`  trustworthiness (k = 10) on ${SAMPLE} evenly spaced images: ${sampledTrustworthiness(y).toFixed(4)}`);
  return { y, seconds };
}

const threads = nodeThreads();
const current = await timed(`lstmkit (${threads?.size ?? 1} threads)`, { threads });
threads?.close();
const processSeconds = process.uptime(); // Node's start and imports included
const clusters = kmeans(features, 10, { seed: 0 }).assignments;
console.log(`k-means (k = 10) on the features: purity ${purity(clusters, all.y).toFixed(3)}, NMI ${nmi(clusters, all.y).toFixed(3)}`);
if (baseline) {
  const before = await timed('earlier path (1 thread, neighbours on all columns)', { neighbourDims: 0 });
  console.log(`ratio t-SNE now / earlier path, same run: ${(current.seconds / before.seconds).toFixed(2)}x`);
}
console.log(`end to end (loading + features + kNN + affinities + optimisation): ${(loadSeconds + featureSeconds + current.seconds).toFixed(1)} s (the process from its start: ${processSeconds.toFixed(1)} s); load average now ${load()}`);
