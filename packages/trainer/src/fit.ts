import { permutation, splitDataset, type SequenceDataset } from '@lstmkit/datasets';
import { HEADS } from '@lstmkit/models';
import { checkFits, makeBatch } from './batches.js';
import type { Callback, EpochLogs, History, TrainingContext } from './callbacks/types.js';
import { TrainingOptionError } from './errors.js';
import { evaluate } from './evaluate.js';
import { tf, type LayersModel } from './tf.js';

export type OptimizerName = 'adam' | 'rmsprop' | 'sgd' | 'adagrad' | 'adadelta' | 'adamax';

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
}

const DEFAULT_LR: Record<OptimizerName, number> = { adam: 0.001, rmsprop: 0.001, sgd: 0.01, adagrad: 0.001, adadelta: 0.001, adamax: 0.001 };

function makeOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'adam': return tf.train.adam(lr);
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
}

function checkOptions(model: LayersModel, train: SequenceDataset, o: FitOptions): void {
  const posInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
  if (!posInt(o.epochs)) throw new TrainingOptionError('epochs', `expected a positive integer, got ${o.epochs}`);
  if (o.batchSize !== undefined && !posInt(o.batchSize)) throw new TrainingOptionError('batchSize', `expected a positive integer, got ${o.batchSize}`);
  if (o.validationSplit !== undefined && !(o.validationSplit >= 0 && o.validationSplit < 1)) {
    throw new TrainingOptionError('validationSplit', `expected a fraction in [0, 1), got ${o.validationSplit}`);
  }
  if (train.shape[0] === 0) throw new TrainingOptionError('training data', 'has no samples');
  checkFits(model, train, 'training data');
}


/**
 * Trains the model on typed-array data, batch by batch (the full dataset never becomes one tensor). Seeded
 * shuffling; validation split or data; callbacks for progress and early stopping. tfjs' own `fit` is not used
 * because its shuffle is not seeded and it needs the whole dataset as one tensor.
 */
export async function fit(model: LayersModel, data: SequenceDataset, options: FitOptions): Promise<History> {
  checkOptions(model, data, options);
  const seed = options.seed ?? 0;
  let train = data;
  let validation = options.validationData;
  if (options.validationSplit) {
    const parts = splitDataset(data, { validation: options.validationSplit }, seed);
    train = parts.train;
    validation = parts.validation;
  }
  compileFor(model, train.task, options.optimizer, options.learningRate);
  const batchSize = options.batchSize ?? 32;
  const n = train.shape[0];
  const batches = Math.ceil(n / batchSize);
  const callbacks = options.callbacks ?? [];
  const history: History = { epochs: [] };
  let stopReason: string | undefined;
  const ctx: TrainingContext = { model, stop: (reason) => (stopReason ??= reason) };
  for (const cb of callbacks) await cb.onTrainBegin?.(ctx, { epochs: options.epochs, batches, samples: n });
  const started = performance.now();
  let samplesDone = 0;
  for (let epoch = 0; epoch < options.epochs && !stopReason; epoch++) {
    const epochStart = performance.now();
    const order = options.shuffle === false ? null : permutation(n, seed * 7919 + epoch);
    let lossSum = 0;
    let metricSum = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * batchSize;
      const end = Math.min(n, start + batchSize);
      const indices = order ? order.subarray(start, end) : Int32Array.from({ length: end - start }, (_, i) => start + i);
      const { x, y } = makeBatch(train, indices, model);
      let values: number | number[];
      try {
        values = await model.trainOnBatch(x, y);
      } finally {
        x.dispose();
        y.dispose();
      }
      const [loss, metric] = Array.isArray(values) ? values : [values];
      lossSum += loss! * (end - start);
      metricSum += (metric ?? 0) * (end - start);
      samplesDone += end - start;
      const elapsed = (performance.now() - started) / 1000;
      const rate = samplesDone / elapsed;
      const remaining = (options.epochs - epoch - 1) * n + (n - end);
      for (const cb of callbacks) {
        await cb.onBatchEnd?.({ epoch, epochs: options.epochs, batch: b, batches, loss: loss!, accuracy: train.task === 'regression' ? undefined : metric, samplesPerSecond: rate, etaSeconds: remaining / rate }, ctx);
      }
    }
    const metricName = HEADS[train.task].metric === 'mae' ? 'mae' : 'accuracy';
    const logs: Record<string, number> = { epoch, loss: lossSum / n, [metricName]: metricSum / n };
    if (validation) {
      const v = await evaluate(model, validation);
      logs.val_loss = v.loss;
      logs[`val_${metricName}`] = metricName === 'mae' ? v.mae! : v.accuracy!;
    }
    logs.seconds = (performance.now() - epochStart) / 1000;
    logs.numTensors = tf.memory().numTensors;
    history.epochs.push(logs as EpochLogs);
    for (const cb of callbacks) await cb.onEpochEnd?.(logs as EpochLogs, ctx);
  }
  if (stopReason) history.stoppedEarly = stopReason;
  for (const cb of callbacks) await cb.onTrainEnd?.(history, ctx);
  return history;
}
