// W1 (LSTM(128) on 28x28 MNIST rows -> Dense(10)) exported to ONNX: the export time, and inference throughput in
// onnxruntime (Node, CPU, its default threads) next to lstmkit's own predict (the backend `auto` picks, with the
// fused native kernels), on the same 2,000 held-out embedded digits, in one process, with the ratio.
//   pnpm bench:onnx                        # W1's architecture with seeded weights (speed does not depend on them)
//   pnpm bench:onnx -- --model runs/w1     # a trained model, e.g. from `pnpm w1`
//   BATCHES=1,128 REPEATS=3 pnpm bench:onnx
import { loadavg } from 'node:os';
import * as ort from 'onnxruntime-node';
import { loadDataset } from '@lstmkit/datasets/node';
import { buildModel } from '@lstmkit/models';
import { exportOnnx } from '@lstmkit/onnx';
import { forwardPass, useBackend } from '@lstmkit/trainer';
import { loadModel } from '@lstmkit/trainer/node';

const at = process.argv.indexOf('--model');
const dir = at > 0 ? process.argv[at + 1] : undefined;
const BATCHES = (process.env.BATCHES ?? '1,32,128,1000').split(',').map(Number);
const REPEATS = Number(process.env.REPEATS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = async (f) => {
  const t = performance.now();
  const result = await f();
  return { ms: performance.now() - t, result };
};

const { test } = await loadDataset('mnist', { seed: 0 });
const model = dir ? (await loadModel(dir)).model : buildModel({ family: 'vanilla', inputShape: [28, 28], units: 128, head: { task: 'multiclass', outputs: 10 }, seed: 0 });
const choice = await useBackend('auto', { model });
const [n, t, f] = test.shape;
console.log(`lstmkit bench:onnx — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, onnxruntime-node ${ort.env.versions.node}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`model: ${dir ?? "W1's architecture, seeded weights"}; lstmkit on ${choice.name} (${choice.fusedLstm?.kernel?.name ?? choice.fusedLstm?.reason ?? 'stock tfjs layers'}); ${n} test digits`);

// Export: the first call also warms up tfjs' save path; the median of the rest is reported.
const exports = [];
let exported;
for (let i = 0; i <= REPEATS; i++) {
  const r = await timed(() => exportOnnx(model));
  exported = r.result;
  if (i > 0) exports.push(r.ms);
}
const session = await timed(() => ort.InferenceSession.create(exported.bytes));
console.log(`export: ${median(exports).toFixed(1)} ms (median of ${REPEATS}), ${(exported.bytes.byteLength / 1024).toFixed(0)} KiB, ${Object.entries(exported.operators).map(([op, k]) => `${op} x${k}`).join(', ')}; onnxruntime session created in ${session.ms.toFixed(0)} ms`);

/** Outputs of the ONNX model for `count` digits, `batch` at a time. */
async function onnxPredict(count, batch) {
  const out = new Float32Array(count * 10);
  for (let s = 0; s < count; s += batch) {
    const e = Math.min(count, s + batch);
    const input = new ort.Tensor('float32', test.x.subarray(s * t * f, e * t * f), [e - s, t, f]);
    out.set((await session.result.run({ input })).output.data, s * 10);
  }
  return out;
}
const lstmkitPredict = (count, batch) => forwardPass(model, { ...test, x: test.x.subarray(0, count * t * f), shape: [count, t, f] }, { chunk: batch }).then((r) => r.outputs);

// Same outputs first, on every digit.
const [a, b] = [await lstmkitPredict(n, 1000), await onnxPredict(n, 1000)];
let diff = 0;
let agree = 0;
const argmax = (o, i) => o.subarray(i * 10, i * 10 + 10).reduce((best, v, c, row) => (v > row[best] ? c : best), 0);
for (let i = 0; i < n; i++) {
  for (let c = 0; c < 10; c++) diff = Math.max(diff, Math.abs(a[i * 10 + c] - b[i * 10 + c]));
  if (argmax(a, i) === argmax(b, i)) agree++;
}
console.log(`agreement on ${n} digits: max |difference| ${diff.toExponential(2)}, same predicted class ${agree}/${n}\n`);

const pad = (s, w) => String(s).padStart(w);
console.log(`${'batch'.padEnd(7)}${pad('lstmkit samples/s', 19)}${pad('onnxruntime samples/s', 23)}${pad('onnxruntime / lstmkit', 23)}`);
for (const batch of BATCHES) {
  const count = Math.min(n, Math.max(batch, batch === 1 ? 200 : 1000));
  await lstmkitPredict(Math.min(count, batch * 2), batch); // warm-up: kernels compiled, buffers sized
  await onnxPredict(Math.min(count, batch * 2), batch);
  const mine = [];
  const theirs = [];
  // Interleaved, so that the load of a shared machine falls on both alike.
  for (let r = 0; r < REPEATS; r++) {
    mine.push((await timed(() => lstmkitPredict(count, batch))).ms);
    theirs.push((await timed(() => onnxPredict(count, batch))).ms);
  }
  const rate = (ms) => (count / ms) * 1000;
  const [x, y] = [rate(median(mine)), rate(median(theirs))];
  console.log(`${String(batch).padEnd(7)}${pad(x.toFixed(0), 19)}${pad(y.toFixed(0), 23)}${pad(`${(y / x).toFixed(2)}x`, 23)}`);
}
console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await session.result.release();
