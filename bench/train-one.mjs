// One engine of `pnpm bench:train`, in its own process (so peak memory is its own): prints one JSON line.
//   node bench/train-one.mjs '{"engine":"lstmkit","backend":"wasm","fused":true,"model":"vanilla","batch":128,"steps":40}'
// engine "stock": the model written by hand with tfjs-layers on tfjs' own wasm kernels (what a user gets today).
// engine "lstmkit": @lstmkit/models + @lstmkit/trainer on the given backend, fused kernel on or off.
// model: vanilla (W1), gru, bidirectional (all 128 units) or rnn (W4's SimpleRNN(32, relu)).
// With "epochs", also trains that many epochs on all training digits and reports test accuracy.
import { tf } from '@lstmkit/models';
import { loadDataset } from '@lstmkit/datasets/node';
import { subset } from '@lstmkit/datasets';
import { buildModel, setFusedLstm } from '@lstmkit/models';
import { evaluate, fit, uninstallWasmFastMatMul, useBackend } from '@lstmkit/trainer';

const o = JSON.parse(process.argv[2]);
const WARMUP = 3;
console.warn = () => {}; // tfjs' notices would interleave with the table

const backend = await useBackend(o.backend);
setFusedLstm(o.fused !== false);
const { train, test } = await loadDataset('mnist', { seed: 0 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function stockModel() {
  uninstallWasmFastMatMul();
  const model = tf.sequential();
  const args = { units: 128, recurrentActivation: 'sigmoid', inputShape: [28, 28] };
  if (o.model === 'rnn') model.add(tf.layers.simpleRNN({ units: 32, activation: 'relu', inputShape: [28, 28] }));
  else if (o.model === 'gru') model.add(tf.layers.gru(args));
  else if (o.model === 'bidirectional') model.add(tf.layers.bidirectional({ layer: tf.layers.lstm(args), inputShape: [28, 28] }));
  else model.add(tf.layers.lstm(args));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const makeModel = () =>
  o.engine === 'stock'
    ? stockModel()
    : buildModel({ family: o.model, inputShape: [28, 28], ...(o.model === 'rnn' ? { units: 32, activation: 'relu' } : { units: 128 }), head: { task: 'multiclass', outputs: 10 }, seed: 0 });

/** Median ms per train step over `steps` batches after WARMUP. */
async function timeSteps() {
  const ds = subset(train, Array.from({ length: (o.steps + WARMUP) * o.batch }, (_, i) => i % train.shape[0]));
  const model = makeModel();
  const times = [];
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    times.push(now - last);
    last = now;
  };
  if (o.engine === 'stock') {
    const x = tf.tensor3d(ds.x, [ds.shape[0], 28, 28]);
    const y = tf.tensor1d(ds.y, 'float32');
    await model.fit(x, y, { batchSize: o.batch, epochs: 1, shuffle: true, verbose: 0, callbacks: { onBatchEnd: async () => tick() } });
    tf.dispose([x, y]);
  } else {
    await fit(model, ds, { epochs: 1, batchSize: o.batch, callbacks: [{ onTrainBegin: () => (last = performance.now()), onBatchEnd: tick }] });
  }
  model.dispose();
  return median(times.slice(WARMUP));
}

const result = { msPerStep: await timeSteps(), steps: o.steps, device: backend.device, fusedLstm: backend.fusedLstm?.kernel?.name ?? backend.fusedLstm?.reason };
if (o.epochs) {
  const model = makeModel();
  await fit(model, train, { epochs: o.epochs, batchSize: o.batch, seed: 0 });
  result.accuracy = (await evaluate(model, test)).accuracy;
  model.dispose();
}
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));
