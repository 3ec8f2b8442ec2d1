// One engine of `pnpm bench:train`, in its own process (so peak memory is its own): prints one JSON line.
//   node bench/train-one.mjs '{"engine":"lstmkit","backend":"wasm","fused":true,"model":"vanilla","batch":128,"steps":40}'
// engine "stock": the model written by hand with tfjs-layers on tfjs' own wasm kernels (what a user gets today).
// engine "lstmkit": @lstmkit/models + @lstmkit/trainer on the given backend, fused kernel on or off.
// model: vanilla (W1), gru, bidirectional (all 128 units) or rnn (W4's SimpleRNN(32, relu)).
// With "epochs", also trains that many epochs on all training digits and reports test accuracy.
import { tf } from '@lstmkit/models';
import { loadDataset } from '@lstmkit/datasets/node';
import { subset } from '@lstmkit/datasets';
import { buildModel } from '@lstmkit/models';
import { evaluate, fit, uninstallWasmFastMatMul, useBackend } from '@lstmkit/trainer';
import { stockModel, timeTrainSteps } from './train-steps.mjs';

const o = JSON.parse(process.argv[2]);
const WARMUP = 3;

const backend = await useBackend(o.backend);
const { train, test } = await loadDataset('mnist', { seed: 0 });

const makeModel = () =>
  o.engine === 'stock'
    ? (uninstallWasmFastMatMul(), stockModel(tf, o.model))
    : buildModel({ family: o.model, inputShape: [28, 28], ...(o.model === 'rnn' ? { units: 32, activation: 'relu' } : { units: 128 }), head: { task: 'multiclass', outputs: 10 }, seed: 0, fused: o.fused === false ? false : 'auto' });

/** Median ms per train step over `steps` batches after WARMUP. */
async function timeSteps() {
  const ds = subset(train, Array.from({ length: (o.steps + WARMUP) * o.batch }, (_, i) => i % train.shape[0]));
  const model = makeModel();
  const ms = await timeTrainSteps(tf, fit, model, ds, { stock: o.engine === 'stock', batch: o.batch, warmup: WARMUP });
  model.dispose();
  return ms;
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
