// t-SNE speed: lstmkit's Barnes–Hut t-SNE against scikit-learn's (Debian python3-sklearn) on the same features
// in one run, same settings (perplexity 30, 1,000 iterations, PCA init, theta/angle 0.5).
//   pnpm bench:tsne [features.tsv]   default: runs/w1-analysis/projector-vectors.tsv (written by `lstmkit analyze`)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tsne, trustworthiness } from '@lstmkit/analysis';
import { useBackend } from '@lstmkit/trainer';

const file = process.argv[2] ?? 'runs/w1-analysis/projector-vectors.tsv';
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found (run \`pnpm w1\` then \`pnpm lstmkit analyze --model runs/w1 --out runs/w1-analysis\`, or pass a TSV of vectors)`);
  process.exit(0);
}
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t').map(Number));
const m = { values: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length };
await useBackend('wasm');
console.log(`t-SNE of ${m.rows} x ${m.cols} (${file}), perplexity 30, 1,000 iterations, PCA init, theta 0.5`);
let t = performance.now();
const y = await tsne(m, { seed: 0 });
const ours = (performance.now() - t) / 1000;
const sample = 1000;
const sub = (mat) => ({ values: mat.values.subarray(0, sample * mat.cols), rows: sample, cols: mat.cols });
console.log(`lstmkit (Node, 1 thread)      ${ours.toFixed(1).padStart(6)} s   trustworthiness(k=10, first ${sample}) ${trustworthiness(sub(m), sub(y)).toFixed(3)}`);
const py = `
import time, numpy as np
from sklearn import __version__ as v
from sklearn.manifold import TSNE
X = np.loadtxt(${JSON.stringify(file)}, delimiter='\\t', dtype=np.float32)
t = time.time()
TSNE(n_components=2, perplexity=30, init='pca', learning_rate='auto', n_iter=1000, angle=0.5, random_state=0).fit_transform(X)
print(v, time.time() - t)`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
if (r.status !== 0) {
  console.log(`scikit-learn: skipped (${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}); apt-get install python3-sklearn`);
} else {
  const [version, secs] = r.stdout.trim().split(/\s+/);
  const sk = Number(secs);
  console.log(`scikit-learn ${version} (Cython) ${sk.toFixed(1).padStart(6)} s`);
  console.log(`ratio lstmkit / scikit-learn: ${(ours / sk).toFixed(2)}`);
}
