// The page: composition only, the same pipeline as the CLI. @lstmkit/trainer trains one small LSTM (@lstmkit/models)
// on webgpu and on wasm from the same weights; @lstmkit/analysis scores it and projects its LSTM outputs with t-SNE;
// @lstmkit/plot draws the charts. Every package is imported through its browser-safe entry.
import { centroidsOf, confusionMatrix as confusion, tsne } from '@lstmkit/analysis';
import { echo } from '@lstmkit/datasets';
import { buildModel, fusedLstmReport } from '@lstmkit/models';
import { confusionMatrix, embeddingScatter, renderSvg, trainingCurves, type EpochFigures } from '@lstmkit/plot';
import { fit, layerFeatures, predict, probeBackends, useBackend } from '@lstmkit/trainer';
import { tf } from '@lstmkit/models';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Bundlers only follow literal imports: the trainer loads its optional backends by names they cannot see, so the
// page imports the webgpu backend itself (it registers on import) and tells the wasm backend where its binaries are.
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';

type LayersModel = tf.LayersModel;

/** One backend's training run, for people (shown) and for the browser test (window.lstmkitResult). */
interface Run {
  backend: string;
  device?: string;
  /** The fused kernel the LSTM ran ("WGSL compute shaders (webgpu)", "wasm SIMD128 (2 threads)"), or why tfjs-layers' code ran instead. */
  fused?: string;
  losses: number[];
  error?: string;
}
interface PageResult {
  runs: Run[];
  charts: number;
  tensorsLeft: number;
  error?: string;
}

setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });

const log = document.getElementById('log')!;
const say = (line: string) => (log.textContent = `${log.textContent === 'starting…' ? '' : `${log.textContent}\n`}${line}`);

const EPOCHS = 10;
const SPEC = { family: 'vanilla', inputShape: [5, 10], units: 16, head: { task: 'multiclass', outputs: 10 }, seed: 1 } as const;
// W3's task, small: 5 one-hot steps over 10 values; the label is the value at step 2 (seeded: the same everywhere).
const { train } = await echo.load({ seed: 7, trainSamples: 64, testSamples: 1 });

// ?backends=wasm trains on those only (default: webgpu, then wasm).
const BACKENDS = new URLSearchParams(location.search).get('backends')?.split(',') ?? ['webgpu', 'wasm'];

async function trainOn(backend: string): Promise<{ run: Run; model: LayersModel; history: EpochFigures[] }> {
  const choice = await useBackend(backend);
  const model = buildModel(SPEC);
  const [lstm] = fusedLstmReport(model);
  const fused = lstm?.kernel ?? `tfjs-layers' code: ${lstm?.reason}`;
  say(`${backend}: ${choice.device ?? ''}; LSTM: ${fused}`);
  try {
    const history = await fit(model, train, {
      epochs: EPOCHS,
      batchSize: 64,
      learningRate: 0.05,
      seed: 1,
      callbacks: [{ onEpochEnd: (e) => void say(`${backend} epoch ${e.epoch + 1}: loss ${e.loss.toFixed(4)}`) }],
    });
    return { run: { backend, device: choice.device, fused, losses: history.epochs.map((e) => e.loss) }, model, history: history.epochs };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

async function run(): Promise<PageResult> {
  for (const p of await probeBackends()) say(`${p.available ? '✓' : '✗'} ${p.name}: ${p.available ? p.device : p.reason}`);
  const runs: Run[] = [];
  let first: { model: LayersModel; history: EpochFigures[]; backend: string } | undefined;
  for (const backend of BACKENDS) {
    try {
      const r = await trainOn(backend);
      runs.push(r.run);
      if (first) r.model.dispose();
      else first = { model: r.model, history: r.history, backend };
    } catch (e) {
      runs.push({ backend, losses: [], error: (e as Error).message });
      say(`${backend}: ${(e as Error).message}`);
    }
  }
  if (!first) throw new Error('no backend could train the model');
  // The charts are of the first run's model, analysed on the backend that is active now.
  const { model } = first;
  const classNames = [...train.classNames!];
  const { classes } = await predict(model, train);
  const lstm = model.layers.find((l) => l.getClassName() === 'LSTM')!.name;
  const embedding = await tsne(await layerFeatures(model, train, lstm), { perplexity: 8, iterations: 400, seed: 1 });
  const c = centroidsOf(embedding, train.y, classNames.length);
  const centroids = classNames.map((label, k) => ({ x: c.values[2 * k]!, y: c.values[2 * k + 1]!, label })).filter((p) => Number.isFinite(p.x));
  model.dispose();
  const specs = [
    trainingCurves.spec({ history: first.history, title: `training on ${first.backend}` }),
    confusionMatrix.spec({ matrix: confusion(train.y, classes!, classNames.length), classNames, title: 'confusion matrix (training data)' }),
    embeddingScatter.spec({ points: embedding.values, labels: train.y, classNames, centroids, title: `t-SNE of the ${lstm} outputs, class centroids` }),
  ];
  const charts = document.getElementById('charts')!;
  for (const spec of specs) {
    const div = document.createElement('div');
    div.className = 'chart';
    div.innerHTML = await renderSvg(spec);
    charts.append(div);
  }
  const tensorsLeft = tf.memory().numTensors;
  say(`done (tensors left: ${tensorsLeft})`);
  return { runs, charts: specs.length, tensorsLeft };
}

(window as unknown as { lstmkitResult: Promise<PageResult> }).lstmkitResult = run().catch((e: Error) => {
  say(`error: ${e.message}`);
  return { runs: [], charts: 0, tensorsLeft: -1, error: e.message };
});
