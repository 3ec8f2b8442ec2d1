import { permutation, splitDataset, type SequenceDataset, type SequenceStream } from '@lstmkit/datasets';
import { HEADS } from '@lstmkit/models';
import { batchArrays, checkFits, makeBatch } from './batches.js';
import type { Callback, EpochLogs, History, TrainingContext } from './callbacks/types.js';
import { NonFiniteError, TrainingOptionError } from './errors.js';
import { evaluate } from './evaluate.js';
import { HostAdam } from './optimizers/host-adam.js';
import { restoreCallbackStates, restoreModelState, takeSnapshot, type RunSettings, type TrainingBackup } from './resume/snapshot.js';
import { tf, type LayersModel } from './tf.js';
import { installFusedKernels } from './kernels/fused-kernels.js';
import { hostTrainStep } from './host-step/host-train-step.js';

/** The optimizers `fit` builds by name, with Keras' default learning rates. */
export type OptimizerName = 'adam' | 'rmsprop' | 'sgd' | 'adagrad' | 'adadelta' | 'adamax';

/** How `fit` trains: epochs, batch size, optimizer, validation, seed and callbacks. */
export interface FitOptions {
  readonly epochs: number;
  /** Default 32, as Keras. */
  readonly batchSize?: number;
  /** Reshuffle the training samples every epoch (seeded); default true. */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Hold out this fraction of the training data (stratified, seeded) for validation. */
  readonly validationSplit?: number;
  readonly validationData?: SequenceDataset;
  readonly callbacks?: readonly Callback[];
  /** Used when the model is not compiled yet; default "adam". */
  readonly optimizer?: OptimizerName;
  /** Default: Keras' default for the optimizer (0.001 for adam and rmsprop, 0.01 for sgd). */
  readonly learningRate?: number;
  /** For a stream: samples read and shuffled together (rounded up to whole batches); default 8192. */
  readonly chunkSize?: number;
  /**
   * Stop at the first batch whose loss is NaN or infinite, or at the end of an epoch whose weights are, and throw a
   * NonFiniteError naming the epoch and batch (Keras' TerminateOnNaN, which lstmkit turns on by default); default true.
   */
  readonly terminateOnNaN?: boolean;
  /**
   * Resume from a backup of an interrupted run, and keep one at the end of each epoch (Keras' BackupAndRestore):
   * `backupAndRestore({ dir })` from @lstmkit/trainer/node. The resumed run ends as the uninterrupted one would.
   */
  readonly backup?: TrainingBackup;
  /**
   * Run each step of a fused recurrent layer -> Dense(softmax) classifier with lstmkit's Adam entirely on host arrays
   * on wasm and cpu (`hostTrainStep`), instead of as ~85 tfjs kernels; default true. Other models always train
   * through tfjs' trainOnBatch.
   */
  readonly hostStep?: boolean;
}

const DEFAULT_LR: Record<OptimizerName, number> = { adam: 0.001, rmsprop: 0.001, sgd: 0.01, adagrad: 0.001, adadelta: 0.001, adamax: 0.001 };

function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'adam': return new HostAdam(lr); // tfjs' Adam, with its update on the host for wasm/cpu (host-adam.ts)
    case 'rmsprop': return tf.train.rmsprop(lr, 0.9, 0, 1e-7); // Keras' rho 0.9 and epsilon 1e-7
    case 'sgd': return tf.train.sgd(lr);
    case 'adagrad': return tf.train.adagrad(lr);
    case 'adadelta': return tf.train.adadelta(lr);
    case 'adamax': return tf.train.adamax(lr);
    default: throw new TrainingOptionError('optimizer', `unknown optimizer "${name as string}"; one of ${Object.keys(DEFAULT_LR).join(', ')}`);
  }
}

/** Compiles the model with the loss and metric its task needs (Keras' choices), unless it is compiled already. */
export function compileFor(model: LayersModel, task: SequenceDataset['task'], optimizer: OptimizerName = 'adam', learningRate?: number): void {
  if ((model as unknown as { optimizer?: unknown }).optimizer) return;
  const head = HEADS[task];
  model.compile({ optimizer: makeOptimizer(optimizer, learningRate ?? DEFAULT_LR[optimizer]), loss: head.loss, metrics: [head.metric] });
  // tfjs frees an optimizer on model.dispose() only if it made it from a name; this one is ours to give the model,
  // so its state (Adam's moments: two tensors per weight) goes with the model instead of leaking.
  (model as unknown as { isOptimizerOwned: boolean }).isOptimizerOwned = true;
}

function checkOptions(model: LayersModel, train: SequenceDataset | SequenceStream, o: FitOptions): void {
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!posInt(o.epochs)) throw new TrainingOptionError('epochs', `expected a positive integer, got ${o.epochs}`);
  if (o.batchSize !== undefined && !posInt(o.batchSize)) throw new TrainingOptionError('batchSize', `expected a positive integer, got ${o.batchSize}`);
  if (o.validationSplit !== undefined && !(o.validationSplit >= 0 && o.validationSplit < 1)) {
    throw new TrainingOptionError('validationSplit', `expected a fraction in [0, 1), got ${o.validationSplit}`);
  }
  if (train.shape[0] === 0) throw new TrainingOptionError('training data', 'has no samples');
  checkFits(model, train, 'training data');
}


/** The parts of one epoch: the whole dataset, or a stream's chunks, each with its seeded batch order. */
async function* epochParts(data: SequenceDataset | SequenceStream, epoch: number, seed: number, shuffle: boolean, chunkSize: number) {
  const order = (ds: SequenceDataset, salt: number) =>
    shuffle ? permutation(ds.shape[0], seed * 7919 + epoch * 104729 + salt) : Int32Array.from({ length: ds.shape[0] }, (_, i) => i);
  if (!isStream(data)) {
    yield { ds: data, order: order(data, 0) };
    return;
  }
  let k = 0;
  for await (const chunk of data.chunks(chunkSize)) yield { ds: chunk, order: order(chunk, ++k) };
}

const isStream = (d: SequenceDataset | SequenceStream): d is SequenceStream => typeof (d as SequenceStream).chunks === 'function';

/**
 * Trains the model on typed-array data, batch by batch (the full dataset never becomes one tensor), or on a
 * stream read chunk by chunk (data larger than memory; shuffled within each chunk of `chunkSize` samples). Seeded
 * shuffling; validation split or data; callbacks for progress and early stopping. tfjs' own `fit` is not used
 * because its shuffle is not seeded and it needs the whole dataset as one tensor.
 */
export async function fit(model: LayersModel, data: SequenceDataset | SequenceStream, options: FitOptions): Promise<History> {
  checkOptions(model, data, options);
  await installFusedKernels();
  const seed = options.seed ?? 0;
  let train = data;
  let validation = options.validationData;
  if (options.validationSplit) {
    if (isStream(data)) throw new TrainingOptionError('validationSplit', 'a stream cannot be split; give validationData');
    const parts = splitDataset(data, { validation: options.validationSplit }, seed);
    train = parts.train;
    validation = parts.validation;
  }
  compileFor(model, train.task, options.optimizer, options.learningRate);
  const batchSize = options.batchSize ?? 32;
  // Chunks hold whole batches, so a stream's batches are the same size as in memory.
  const chunkSize = Math.ceil((options.chunkSize ?? 8192) / batchSize) * batchSize;
  const n = train.shape[0];
  const batches = Math.ceil(n / batchSize);
  const callbacks = options.callbacks ?? [];
  const history: History = { epochs: [] };
  let stopReason: string | undefined;
  const ctx: TrainingContext = { model, stop: (reason) => (stopReason ??= reason) };
  const settings: RunSettings = { batchSize, seed, shuffle: options.shuffle !== false, ...(options.validationSplit ? { validationSplit: options.validationSplit } : {}), samples: n };
  const snapshot = await options.backup?.load();
  if (snapshot) {
    restoreModelState(model, snapshot, settings);
    history.epochs.push(...snapshot.history);
    stopReason = snapshot.stopReason;
  }
  const initialEpoch = snapshot?.epochs ?? 0;
  for (const cb of callbacks) await cb.onTrainBegin?.(ctx, { epochs: options.epochs, batches, samples: n, initialEpoch });
  if (snapshot) await restoreCallbackStates(snapshot, callbacks, ctx);
  const terminateOnNaN = options.terminateOnNaN !== false;
  const onHost = options.hostStep === false ? undefined : hostTrainStep(model);
  const hostStep = onHost && 'step' in onHost ? onHost.step : undefined;
  let diverged: NonFiniteError | undefined;
  const started = performance.now();
  let samplesDone = 0;
  for (let epoch = initialEpoch; epoch < options.epochs && !stopReason && !diverged; epoch++) {
    const epochStart = performance.now();
    let lossSum = 0;
    let metricSum = 0;
    let seen = 0;
    let b = 0;
    parts: for await (const { ds, order } of epochParts(train, epoch, seed, settings.shuffle, chunkSize)) {
      for (let start = 0; start < ds.shape[0]; start += batchSize, b++) {
        const indices = order.subarray(start, Math.min(ds.shape[0], start + batchSize));
        let values: number | number[];
        if (hostStep) {
          const { x, y } = batchArrays(ds, indices);
          values = hostStep(x, y, indices.length);
        } else {
          const { x, y } = makeBatch(ds, indices, model);
          try {
            values = await model.trainOnBatch(x, y);
          } finally {
            x.dispose();
            y.dispose();
          }
        }
        const [loss, metric] = Array.isArray(values) ? values : [values];
        // Both are on the host already (trainOnBatch reads the loss; HostAdam sees every new weight on wasm/cpu), so
        // these checks cost no device sync. A NaN weight can leave the loss finite (wasm clamps probabilities).
        const badWeight = (model.optimizer as { nonFiniteWeight?: string }).nonFiniteWeight;
        if (terminateOnNaN && (!Number.isFinite(loss) || badWeight)) {
          const what = Number.isFinite(loss) ? `this batch's update made weight "${badWeight}" NaN or infinite` : `the loss is ${loss}`;
          diverged = new NonFiniteError(`epoch ${epoch + 1}, batch ${b + 1} of ${batches}`, `${what}: training stopped there (TerminateOnNaN); the weights are no longer usable. Lower the learning rate, or look for extreme values in the data`);
          break parts;
        }
        lossSum += loss! * indices.length;
        metricSum += (metric ?? 0) * indices.length;
        seen += indices.length;
        samplesDone += indices.length;
        const rate = samplesDone / ((performance.now() - started) / 1000);
        const remaining = (options.epochs - epoch - 1) * n + Math.max(0, n - seen);
        for (const cb of callbacks) {
          await cb.onBatchEnd?.({ epoch, epochs: options.epochs, batch: b, batches, loss: loss!, accuracy: train.task === 'regression' ? undefined : metric, samplesPerSecond: rate, etaSeconds: remaining / rate }, ctx);
        }
      }
    }
    // The last batch's update is not seen by any loss: look at the weights themselves, once per epoch.
    if (terminateOnNaN && !diverged) {
      const bad = await nonFiniteWeight(model);
      if (bad) diverged = new NonFiniteError(`epoch ${epoch + 1}, batch ${b} of ${batches}`, `after this batch's update ${bad}: training stopped there (TerminateOnNaN). Lower the learning rate`);
    }
    if (diverged) break;
    const metricName = HEADS[train.task].metric === 'mae' ? 'mae' : 'accuracy';
    const logs: Record<string, number> = { epoch, loss: lossSum / seen, [metricName]: metricSum / seen };
    if (validation) {
      const v = await evaluate(model, validation);
      logs.val_loss = v.loss;
      logs[`val_${metricName}`] = metricName === 'mae' ? v.mae! : v.accuracy!;
    }
    logs.seconds = (performance.now() - epochStart) / 1000;
    logs.numTensors = tf.memory().numTensors;
    history.epochs.push(logs as EpochLogs);
    for (const cb of callbacks) await cb.onEpochEnd?.(logs as EpochLogs, ctx);
    if (options.backup) await options.backup.save(await takeSnapshot(model, { epochs: epoch + 1, history: history.epochs, stopReason, settings }, callbacks));
  }
  if (stopReason) history.stoppedEarly = stopReason;
  for (const cb of callbacks) await cb.onTrainEnd?.(history, ctx);
  if (diverged) throw diverged;
  await options.backup?.finish();
  return history;
}

/** The first weight that holds a NaN or an infinity, named, or undefined. Reads every weight (one sync). */
async function nonFiniteWeight(model: LayersModel): Promise<string | undefined> {
  for (const w of model.weights) {
    const values = await w.read().data();
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return `weight "${w.originalName}" holds ${values[i]}`;
  }
  return undefined;
}
