// t-SNE speed and quality: lstmkit's t-SNE against scikit-learn's Barnes–Hut t-SNE (Debian python3-sklearn,
// `pnpm bench:setup`) on the same features in one run, same settings (perplexity 30, 1,000 iterations of which
// 250 with early exaggeration 12, PCA init, learning rate 'auto'). Both embeddings' trustworthiness (k = 10) is
// computed by scikit-learn's sklearn.manifold.trustworthiness on all points.
//   pnpm bench:tsne [features.tsv] [--method auto|fft|barnes-hut]
//   default features: runs/w1-analysis/projector-vectors.tsv (written by `lstmkit analyze`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsne } from '@lstmkit/analysis';
import { nodeThreads } from '@lstmkit/analysis/node';

const args = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const method = flag('--method', 'auto');
const file = args[0] ?? 'runs/w1-analysis/projector-vectors.tsv';
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found (run \`pnpm w1\` then \`pnpm lstmkit analyze --model runs/w1 --out runs/w1-analysis\`, or pass a TSV of vectors)`);
  process.exit(0);
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t').map(Number));
const m = { values: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0].length };
console.log(`t-SNE of ${m.rows} x ${m.cols} (${file}), perplexity 30, 1,000 iterations, PCA init; load average ${load()}`);

const stages = {};
let stage;
let since = performance.now();
const started = since;
const pool = nodeThreads();
const y = await tsne(m, {
  seed: 0,
  method,
  threads: pool,
  onProgress: (_done, _total, name) => {
    if (name === stage) return;
    const now = performance.now();
    if (stage) stages[stage] = (now - since) / 1000;
    [stage, since] = [name, now];
  },
});
const ours = (performance.now() - started) / 1000;
pool?.close();
stages[stage] = (performance.now() - since) / 1000;
const resolved = method !== 'auto' ? method : m.rows < 10_000 ? 'barnes-hut' : 'fft';
console.log(`lstmkit (${resolved}, Node, ${pool?.size ?? 1} threads): ${ours.toFixed(1)} s (${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tsne-'));
const ourFile = join(dir, 'lstmkit.tsv');
writeFileSync(ourFile, Array.from({ length: m.rows }, (_, i) => `${y.values[2 * i]}\t${y.values[2 * i + 1]}`).join('\n'));
// scikit-learn's Barnes–Hut gradient runs on OpenMP threads; on a busy machine its 2 threads fight over the
// cores, so it runs with 1 and with 2 threads and the faster counts (as bench:train does with PyTorch).
const sklearn = (threads, trust) => {
  const py = `
import json, time, numpy as np
from sklearn import __version__ as v
from sklearn.manifold import TSNE, trustworthiness
X = np.loadtxt(${JSON.stringify(file)}, delimiter='\\t', dtype=np.float32)
t = time.time()
Y = TSNE(n_components=2, perplexity=30, init='pca', learning_rate='auto', n_iter=1000, angle=0.5, random_state=0).fit_transform(X)
out = {'version': v, 'seconds': time.time() - t}
if ${trust ? 'True' : 'False'}:
    out['trust'] = trustworthiness(X, Y, n_neighbors=10)
    out['ourTrust'] = trustworthiness(X, np.loadtxt(${JSON.stringify(ourFile)}, delimiter='\\t'), n_neighbors=10)
print(json.dumps(out))`;
  const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
  if (r.status !== 0) {
    console.log(`scikit-learn: skipped (${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}); run \`pnpm bench:setup\` (Debian python3-sklearn)`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
  console.log(`scikit-learn ${result.version} (Barnes–Hut, Cython), ${threads} thread${threads > 1 ? 's' : ''}: ${result.seconds.toFixed(1)} s`);
  return result;
};
const one = sklearn(1, true);
const two = sklearn(2, false);
rmSync(dir, { recursive: true, force: true });
const sk = { ...one, seconds: Math.min(one.seconds, two.seconds) };

console.log('');
console.log('| t-SNE | seconds | trustworthiness (k=10) |');
console.log('| --- | ---: | ---: |');
console.log(`| lstmkit (${resolved}) | ${ours.toFixed(1)} | ${sk.ourTrust.toFixed(4)} |`);
console.log(`| scikit-learn ${sk.version}, 1 thread | ${one.seconds.toFixed(1)} | ${sk.trust.toFixed(4)} |`);
console.log(`| scikit-learn ${sk.version}, 2 threads | ${two.seconds.toFixed(1)} | |`);
console.log('');
console.log(`ratio lstmkit / the faster scikit-learn: ${(ours / sk.seconds).toFixed(2)}x time; trustworthiness difference ${(sk.ourTrust - sk.trust).toFixed(4)}; load average now ${load()}`);
