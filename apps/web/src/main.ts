// The page: composition only. It trains a small LSTM (the model factory of @lstmkit/models) for a few steps on
// WebGPU when the browser has it, else on tfjs' cpu backend, and renders the three @lstmkit/plot charts.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { buildModel } from '@lstmkit/models';
import { confusionMatrix, embeddingScatter, renderSvg, trainingCurves } from '@lstmkit/plot';

interface PageResult {
  backend: string;
  losses: number[];
  charts: number;
  error?: string;
}

const log = document.getElementById('log')!;
const say = (line: string) => (log.textContent = `${log.textContent === 'starting…' ? '' : `${log.textContent}\n`}${line}`);

/** W3-style data: 5 one-hot steps over 10 values; the label is the value at step 2. */
function echoBatch(n: number, seed: number): { x: tf.Tensor3D; y: tf.Tensor2D; labels: number[] } {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const values = Array.from({ length: n }, () => Array.from({ length: 5 }, () => Math.floor(next() * 10)));
  const labels = values.map((v) => v[2]!);
  return { x: tf.oneHot(tf.tensor2d(values, undefined, 'int32'), 10).toFloat() as tf.Tensor3D, y: tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as tf.Tensor2D, labels };
}

async function run(): Promise<PageResult> {
  const backend = (navigator as { gpu?: unknown }).gpu && (await tf.setBackend('webgpu').catch(() => false)) ? 'webgpu' : 'cpu';
  if (backend === 'cpu') await tf.setBackend('cpu');
  say(`backend: ${tf.getBackend()}`);
  const model = buildModel({ family: 'vanilla', inputShape: [5, 10], units: 16, head: { task: 'multiclass', outputs: 10 }, seed: 1 });
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const { x, y, labels } = echoBatch(64, 7);
  const history: { epoch: number; loss: number; accuracy: number }[] = [];
  for (let epoch = 0; epoch < 8; epoch++) {
    const h = await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
    history.push({ epoch, loss: h.history.loss![0] as number, accuracy: h.history.acc![0] as number });
    say(`epoch ${epoch + 1}: loss ${history.at(-1)!.loss.toFixed(4)}`);
  }
  const predicted = Array.from(await (tf.argMax(model.predict(x) as tf.Tensor, -1).data()));
  const matrix = Array.from({ length: 10 }, (_, t) => Array.from({ length: 10 }, (_, p) => predicted.filter((q, i) => labels[i] === t && q === p).length));
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  const points = labels.flatMap((l, i) => [Math.cos((2 * Math.PI * l) / 10) * 5 + (i % 7) * 0.1, Math.sin((2 * Math.PI * l) / 10) * 5 + (i % 5) * 0.1]);
  const specs = [
    trainingCurves.spec({ history, title: `training on ${backend}` }),
    confusionMatrix.spec({ matrix, classNames, title: 'confusion matrix' }),
    embeddingScatter.spec({ points, labels, classNames, title: 'points by class' }),
  ];
  const charts = document.getElementById('charts')!;
  for (const spec of specs) {
    const div = document.createElement('div');
    div.className = 'chart';
    div.innerHTML = await renderSvg(spec);
    charts.append(div);
  }
  tf.dispose([x, y]);
  model.dispose();
  say('done');
  return { backend, losses: history.map((h) => h.loss), charts: specs.length };
}

(window as unknown as { lstmkitResult: Promise<PageResult> }).lstmkitResult = run().catch((e: Error) => {
  say(`error: ${e.message}`);
  return { backend: tf.getBackend(), losses: [], charts: 0, error: e.message };
});
