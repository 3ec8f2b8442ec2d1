// GPU dispatches and time per training step on the webgpu backend: lstmkit's fused WGSL kernels against
// tfjs-layers' step-by-step cells (the same model with the fused path off), for a small LSTM and GRU on MNIST rows.
//   pnpm bench:webgpu                      # LSTM(32) and GRU(32) on 28 x 28 digits, batch 32
//   UNITS=128 BATCH=128 STEPS=3 pnpm bench:webgpu   # W1's shape (slow on SwiftShader: minutes)
// Dispatches are counted at tfjs' webgpu backend (every compute pass it records, the kernels' own included); the
// time is the median of STEPS training steps after WARMUP (the first ones compile shaders), each step ending with
// the loss read back. Without a GPU this runs on SwiftShader (the CPU emulating a GPU): the dispatch counts carry
// over to a GPU, the times do not.
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { subset } from '@lstmkit/datasets';
import { loadDataset } from '@lstmkit/datasets/node';
import { buildModel, fusedRecurrentReport } from '@lstmkit/models';
import { fit, useBackend } from '@lstmkit/trainer';

const UNITS = Number(process.env.UNITS ?? 32);
const BATCH = Number(process.env.BATCH ?? 32);
const STEPS = Number(process.env.STEPS ?? 4);
const WARMUP = Number(process.env.WARMUP ?? 2);
const MODELS = (process.env.MODELS ?? 'vanilla,gru').split(',');

let choice;
try {
  choice = await useBackend('webgpu');
} catch (e) {
  console.log(`skipped: ${e.message}`);
  process.exit(0);
}
// Every dispatch tfjs records goes through runWebGPUProgram: count the calls (the function itself still runs).
const backend = tf.backend();
const runProgram = backend.runWebGPUProgram;
let dispatches = 0;
backend.runWebGPUProgram = function (...args) {
  dispatches++;
  return runProgram.apply(this, args);
};

const { train } = await loadDataset('mnist', { seed: 0 });
const [, timesteps, features] = train.shape;
const data = subset(train, Array.from({ length: (STEPS + WARMUP) * BATCH }, (_, i) => i));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The recurrent layer alone, one forward and backward pass (its gradients) on a batch: dispatches and median ms. */
async function layerAlone(model) {
  const layer = model.layers[0];
  const x = tf.tensor3d(data.x.subarray(0, BATCH * timesteps * features), [BATCH, timesteps, features]);
  const counts = [], times = [];
  for (let i = 0; i < STEPS + WARMUP; i++) {
    const [before, start] = [dispatches, performance.now()];
    const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x)));
    counts.push(dispatches - before);
    await Promise.all(Object.values(grads).map((g) => g.data()));
    times.push(performance.now() - start);
    tf.dispose([value, ...Object.values(grads)]);
  }
  x.dispose();
  return { layer: median(counts.slice(WARMUP)), layerMs: median(times.slice(WARMUP)) };
}

/** Median ms and dispatches per training step of `family` with the fused kernels on or off, and the layer's own. */
async function measure(family, fused) {
  const model = buildModel({ family, inputShape: [timesteps, features], units: UNITS, head: { task: 'multiclass', outputs: 10 }, seed: 0, fused: fused ? 'auto' : false });
  const kernel = fusedRecurrentReport(model)[0];
  const times = [], counts = [];
  let last, lastCount;
  await fit(model, data, {
    epochs: 1,
    batchSize: BATCH,
    shuffle: false,
    callbacks: [
      { onTrainBegin: () => ((last = performance.now()), (lastCount = dispatches)) },
      {
        onBatchEnd: () => {
          times.push(performance.now() - last);
          counts.push(dispatches - lastCount);
          last = performance.now();
          lastCount = dispatches;
        },
      },
    ],
  });
  const layer = await layerAlone(model);
  model.dispose();
  return { ms: median(times.slice(WARMUP)), dispatches: median(counts.slice(WARMUP)), ...layer, kernel: kernel.kernel ?? 'tfjs-layers cells' };
}

const pad = (s, n) => String(s).padStart(n);
console.log(`lstmkit bench:webgpu — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`adapter: ${choice.device}`);
console.log(`${timesteps} timesteps x ${features} features, ${UNITS} units -> Dense(10), Adam, batch ${BATCH}; median of ${STEPS} training steps after ${WARMUP} warm-up steps`);
console.log('layer: the recurrent layer alone, forward + backward; step: a whole training step (layer, head, loss, tfjs\' Adam)\n');
console.log(`${'model'.padEnd(10)}${'recurrent layer'.padEnd(32)}${pad('layer dispatches', 18)}${pad('per timestep', 14)}${pad('layer ms', 10)}${pad('step dispatches', 17)}${pad('step ms', 9)}`);
for (const family of MODELS) {
  const name = family === 'gru' ? `GRU(${UNITS})` : `LSTM(${UNITS})`;
  const stock = await measure(family, false);
  const fused = await measure(family, true);
  for (const r of [stock, fused]) {
    console.log(`${name.padEnd(10)}${r.kernel.slice(0, 31).padEnd(32)}${pad(r.layer, 18)}${pad((r.layer / timesteps).toFixed(2), 14)}${pad(r.layerMs.toFixed(0), 10)}${pad(r.dispatches, 17)}${pad(r.ms.toFixed(0), 9)}`);
  }
  const x = (a, b) => `${(a / b).toFixed(1)}x`;
  console.log(`${''.padEnd(10)}tfjs-layers / fused: ${x(stock.layer, fused.layer)} the layer's dispatches and ${x(stock.layerMs, fused.layerMs)} its time; ${x(stock.dispatches, fused.dispatches)} the step's dispatches and ${x(stock.ms, fused.ms)} its time\n`);
}
