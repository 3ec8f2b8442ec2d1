// A test page (not part of the package): builds lstmkit models in the browser, exports them with the package's
// browser-safe main entry, and runs them in onnxruntime-web next to TensorFlow.js. browser.test.ts builds it with
// Vite and reads window.onnxResult.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web/wasm';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { exportOnnx } from '../index.js';

interface PageRun {
  label: string;
  tfjs: number[];
  onnx: number[];
  maxDiff: number;
  operators: Record<string, number>;
}

// The test server serves onnxruntime-web's dist here; no threads (they need cross-origin isolation).
ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = 1;

const CASES: { label: string; spec: ModelSpec; tokens?: boolean }[] = [
  { label: 'W1-style LSTM(8) -> Dense(softmax)', spec: { family: 'vanilla', inputShape: [6, 3], units: 8, head: { task: 'multiclass', outputs: 4 }, seed: 1 } },
  { label: 'text: Embedding(mask_zero) -> Bidirectional(LSTM) -> sigmoid', spec: { family: 'bidirectional', inputShape: [6, 1], units: 4, embedding: { vocabulary: 10, dim: 3, maskZero: true }, head: { task: 'binary', outputs: 1 }, seed: 2 }, tokens: true },
];

async function runCase({ label, spec, tokens }: (typeof CASES)[number]): Promise<PageRun> {
  const [steps, features] = spec.inputShape;
  const n = 3;
  // Token ids with leading padding (0), or smooth values in [-1, 1].
  const x = Float32Array.from({ length: n * steps * features }, (_, i) => (tokens ? (i % steps < Math.floor(i / steps) ? 0 : 1 + ((i * 7) % 9)) : Math.sin(i)));
  const model = buildModel(spec);
  const input = tokens ? tf.tensor2d(x, [n, steps]) : tf.tensor3d(x, [n, steps, features]);
  const y = model.predict(input) as tf.Tensor;
  const expected = Array.from(await y.data());
  tf.dispose([input, y]);
  const exported = await exportOnnx(model);
  const session = await ort.InferenceSession.create(exported.bytes, { executionProviders: ['wasm'] });
  const feed = tokens ? new ort.Tensor('int64', BigInt64Array.from(x, (v) => BigInt(v)), [n, steps]) : new ort.Tensor('float32', x, [n, steps, features]);
  const actual = Array.from((await session.run({ input: feed })).output!.data as Float32Array);
  await session.release();
  model.dispose();
  return { label, tfjs: expected, onnx: actual, maxDiff: Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!))), operators: exported.operators };
}

function show(runs: PageRun[]): void {
  const cell = (v: number) => `<td>${v.toFixed(6)}</td>`;
  document.querySelector('#results')!.innerHTML = runs
    .map((r) => `<h2>${r.label}</h2><p>max |difference| ${r.maxDiff.toExponential(2)}; ${Object.entries(r.operators).map(([op, k]) => `${op} x${k}`).join(', ')}</p>
      <table><tr><th>output</th>${r.tfjs.map((_, i) => `<th>${i}</th>`).join('')}</tr><tr><th>TensorFlow.js</th>${r.tfjs.map(cell).join('')}</tr><tr><th>onnxruntime-web</th>${r.onnx.map(cell).join('')}</tr></table>`)
    .join('');
}

async function main() {
  await tf.setBackend('cpu');
  const runs = [];
  for (const c of CASES) runs.push(await runCase(c));
  show(runs);
  return { runs, backend: tf.getBackend(), tensorsLeft: tf.memory().numTensors };
}

(window as unknown as { onnxResult: unknown }).onnxResult = main().catch((e: Error) => {
  document.querySelector('#results')!.textContent = `error: ${e.message}`;
  return { error: e.message };
});
