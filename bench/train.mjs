// Training speed of the reference model W1 (LSTM(128) on 28x28 MNIST rows -> Dense(10), Adam, batch 128):
// stock tfjs-layers (the code a user writes by hand, tfjs' own kernels) against lstmkit's trainer, on the same
// backend, in one process, on the same real digits. Prints median ms/step, samples/s and the ratio.
//   pnpm bench:train                  # wasm, 12 stock steps and 40 lstmkit steps
//   STEPS=20 BATCH=128 pnpm bench:train
import * as tf from '@tensorflow/tfjs';
import { loadDataset, subset } from '@lstmkit/datasets';
import { buildModel } from '@lstmkit/models';
import { fit, installWasmFastMatMul, uninstallWasmFastMatMul, useBackend } from '@lstmkit/trainer';

const BATCH = Number(process.env.BATCH ?? 128);
const STEPS = Number(process.env.STEPS ?? 40);
const STOCK_STEPS = Number(process.env.STOCK_STEPS ?? 12);
const WARMUP = 3;
const EPOCH = 60_000;

console.warn = () => {}; // tfjs' orthogonal-initializer notice would interleave with the table

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times every batch of one epoch through an onBatchEnd hook; drops the warm-up batches. */
function stepTimer() {
  const times = [];
  let last = performance.now();
  return {
    tick() {
      const now = performance.now();
      times.push(now - last);
      last = now;
    },
    reset() {
      last = performance.now();
    },
    median: () => median(times.slice(WARMUP)),
  };
}

const backend = await useBackend('wasm');
const { train } = await loadDataset('mnist', { seed: 0 });

async function stock(steps) {
  uninstallWasmFastMatMul();
  const ds = subset(train, Array.from({ length: (steps + WARMUP) * BATCH }, (_, i) => i % train.shape[0]));
  const x = tf.tensor3d(ds.x, [ds.shape[0], 28, 28]);
  const y = tf.oneHot(tf.tensor1d(ds.y, 'int32'), 10);
  // The model as written by hand with tfjs-layers, Keras' activations.
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 128, recurrentActivation: 'sigmoid', inputShape: [28, 28] }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const timer = stepTimer();
  timer.reset();
  await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0, callbacks: { onBatchEnd: async () => timer.tick() } });
  tf.dispose([x, y, model]);
  installWasmFastMatMul();
  return timer.median();
}

async function lstmkit(steps) {
  const ds = subset(train, Array.from({ length: (steps + WARMUP) * BATCH }, (_, i) => i % train.shape[0]));
  const model = buildModel({ family: 'vanilla', inputShape: [28, 28], units: 128, head: { task: 'multiclass', outputs: 10 }, seed: 0 });
  const timer = stepTimer();
  await fit(model, ds, { epochs: 1, batchSize: BATCH, callbacks: [{ onTrainBegin: () => timer.reset(), onBatchEnd: () => timer.tick() }] });
  model.dispose();
  return timer.median();
}

console.log(`W1 train step (forward + backward + Adam), batch ${BATCH}, backend ${backend.name} (${backend.device}); medians after ${WARMUP} warm-up steps`);
const rows = [
  ['stock tfjs-layers', await stock(STOCK_STEPS), STOCK_STEPS],
  ['lstmkit trainer', await lstmkit(STEPS), STEPS],
];
const base = rows[0][1];
const pad = (s, n) => String(s).padStart(n);
console.log(`${'engine'.padEnd(20)}${pad('steps', 7)}${pad('ms/step', 10)}${pad('samples/s', 11)}${pad('s/epoch(60k)', 14)}${pad('speed-up', 10)}`);
for (const [name, ms, steps] of rows) {
  console.log(`${name.padEnd(20)}${pad(steps, 7)}${pad(ms.toFixed(0), 10)}${pad(((BATCH * 1000) / ms).toFixed(0), 11)}${pad(((EPOCH / BATCH) * ms / 1000).toFixed(0), 14)}${pad(`${(base / ms).toFixed(2)}x`, 10)}`);
}
