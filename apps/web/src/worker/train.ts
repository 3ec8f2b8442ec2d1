import { confusionMatrix as confusion } from '@lstmkit/analysis';
import { limitSamples } from '@lstmkit/datasets';
import { buildModel, fusedRecurrentReport, tf } from '@lstmkit/models';
import { confusionMatrix, renderSvg, trainingCurves, type EpochFigures } from '@lstmkit/plot';
import { evaluate, fit, predict, useBackend } from '@lstmkit/trainer';
import type { Event, TrainResult, TrainSettings } from '../protocol.js';
import { needData, setModel, specFor, state } from './state.js';

/** Pause, resume and stop, as the page asks for them between batches. */
const control = { paused: false, stop: false, resume: () => {} };
export const pause = () => void (control.paused = true);
export function resume(): void {
  control.paused = false;
  control.resume();
}
export function stop(): void {
  control.stop = true;
  resume();
}

/**
 * Lets the worker read its messages (pause, stop) between batches: on wasm and cpu a batch can finish in
 * microtasks only, and messages wait for a macrotask. A MessageChannel round trip is one, without setTimeout's 4 ms.
 */
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (port1.close(), resolve());
    port2.postMessage(null);
  });

/** Thrown from a batch callback to end a run at once (fit disposes the batch's tensors before callbacks run). */
class Stopped extends Error {}

/** What runs the model's first recurrent layer on this backend: a fused kernel (WGSL, native, WebAssembly) or tfjs-layers' code, and why. */
function fusedText(model: tf.LayersModel): string | undefined {
  const [layer] = fusedRecurrentReport(model);
  return layer && (layer.kernel ?? `tfjs-layers' code: ${layer.reason}`);
}

/** Charts are redrawn at most this often while batches run, so drawing never slows training much. */
const REDRAW_MS = 500;

/** Trains a new model of `s.spec` on the loaded data, posting progress; then scores it on the held-out split. */
export async function train(s: TrainSettings, post: (e: Event) => void): Promise<TrainResult> {
  const data = needData();
  const choice = await useBackend(s.backend);
  post({ event: 'status', text: `training on ${choice.name}${choice.device ? ` (${choice.device})` : ''}` });
  setModel(undefined);
  const spec = specFor(s.spec);
  const model = buildModel(spec);
  setModel(model, spec);
  Object.assign(control, { paused: false, stop: false });
  const trainData = s.limit > 0 ? limitSamples(data.train, s.limit, 0) : data.train;
  const epochs: (EpochFigures & { seconds: number })[] = [];
  const batches: EpochFigures[] = [];
  let lastDraw = 0;
  let stepMs = 0;
  let stopped: string | undefined;
  try {
    await fit(model, trainData, {
      epochs: s.epochs,
      batchSize: s.batchSize,
      learningRate: s.learningRate,
      optimizer: s.optimizer,
      validationSplit: s.validationSplit || undefined,
      seed: 0,
      callbacks: [
        {
          async onBatchEnd(p) {
            stepMs = (1000 * Math.min(s.batchSize, trainData.shape[0])) / p.samplesPerSecond;
            // Fractional epochs on the x axis: the per-batch curve shares the per-epoch chart's scale.
            batches.push({ epoch: p.epoch + (p.batch + 1) / p.batches - 1, loss: p.loss, accuracy: p.accuracy });
            const now = performance.now();
            const svg = now - lastDraw > REDRAW_MS || p.batch + 1 === p.batches ? await renderSvg(trainingCurves.spec({ history: batches, title: 'per batch' })) : undefined;
            if (svg) lastDraw = performance.now();
            post({ event: 'batch', ...p, svg });
            await yieldToMessages();
            if (control.paused) await new Promise<void>((r) => (control.resume = r));
            if (control.stop) throw new Stopped();
          },
          async onEpochEnd(logs) {
            epochs.push(logs);
            post({ event: 'epoch', ...logs, svg: await renderSvg(trainingCurves.spec({ history: epochs, title: 'per epoch' })) });
          },
        },
      ],
    });
  } catch (e) {
    if (!(e instanceof Stopped)) throw e;
    stopped = `stopped by you after ${batches.length} batches`;
  }
  const result: TrainResult = {
    backend: choice.name,
    device: choice.device,
    fused: fusedText(model),
    skipped: choice.skipped,
    stopped,
    epochs: epochs.length,
    msPerStep: stepMs,
    secondsPerEpoch: epochs.length ? epochs.reduce((sum, e) => sum + e.seconds, 0) / epochs.length : undefined,
    tensorsLeft: 0,
    ...(await heldOut(model, stopped)),
  };
  // What a save records with the model, as the CLI's lstmkit.json does.
  state.record = {
    dataset: trainData,
    seed: 0,
    backend: choice.name,
    training: { epochs: s.epochs, epochsDone: epochs.length, batchSize: s.batchSize, optimizer: s.optimizer, learningRate: s.learningRate, validationSplit: s.validationSplit, ...(stopped ? { stopped } : {}) },
    metrics: { testAccuracy: result.test?.accuracy, testLoss: result.test?.loss, testMae: result.test?.mae, secondsPerEpoch: result.secondsPerEpoch },
  };
  state.classNames = data.train.classNames ? [...data.train.classNames] : undefined;
  return { ...result, tensorsLeft: tf.memory().numTensors };
}

/** Held-out loss and accuracy on the test split, and the confusion matrix for classifiers. */
async function heldOut(model: tf.LayersModel, stopped: string | undefined): Promise<Pick<TrainResult, 'test' | 'confusion'>> {
  const { test } = needData();
  if (stopped && test.shape[0] === 0) return {};
  const score = await evaluate(model, test);
  const figures = { samples: score.samples, loss: score.loss, accuracy: score.accuracy, mae: score.mae };
  if (test.task === 'regression' || !test.classNames) return { test: figures };
  const { classes } = await predict(model, test);
  state.predicted = classes;
  const classNames = test.task === 'binary' && test.classNames.length !== 2 ? ['0', '1'] : [...test.classNames];
  const matrix = confusion(test.y, classes!, classNames.length);
  const svg = await renderSvg(confusionMatrix.spec({ matrix, classNames, title: 'held-out confusion matrix' }));
  return { test: figures, confusion: { matrix, svg } };
}
