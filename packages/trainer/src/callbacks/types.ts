import type { LayersModel } from '../tf.js';

/** Metrics at the end of an epoch: loss and accuracy (or mae), and the same on validation data if given. */
export interface EpochLogs {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly mae?: number;
  readonly val_loss?: number;
  readonly val_accuracy?: number;
  readonly val_mae?: number;
  readonly seconds: number;
  /** tf.memory().numTensors after the epoch: constant from epoch to epoch when nothing leaks. */
  readonly numTensors: number;
  readonly [metric: string]: number | undefined;
}

/** Progress after each batch, with throughput and the time left for the whole run. */
export interface BatchProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly samplesPerSecond: number;
  readonly etaSeconds: number;
}

/** What a callback can see and do during training. */
export interface TrainingContext {
  readonly model: LayersModel;
  /** Ends training after the current epoch. */
  stop(reason: string): void;
}

/** Training callbacks (all optional); a callback may be async. */
export interface Callback {
  /** Before the first epoch: the model and optimizer, epochs and batches per epoch; `initialEpoch`: epochs already done (0, or more when resuming from a backup). */
  onTrainBegin?(ctx: TrainingContext, info: { epochs: number; batches: number; samples: number; initialEpoch: number }): void | Promise<void>;
  /** After each batch: loss, accuracy, samples per second and the time left. */
  onBatchEnd?(p: BatchProgress, ctx: TrainingContext): void | Promise<void>;
  /** After each epoch, with its metrics; may stop training. */
  onEpochEnd?(logs: EpochLogs, ctx: TrainingContext): void | Promise<void>;
  /** After the last epoch, with the whole history. */
  onTrainEnd?(history: History, ctx: TrainingContext): void | Promise<void>;
  /** The callback's state after an epoch, for a backup (JSON values and typed arrays; BackupAndRestore). */
  saveState?(): unknown;
  /** Puts back a state `saveState` gave, when training resumes from a backup (called after onTrainBegin). */
  restoreState?(state: unknown, ctx: TrainingContext): void | Promise<void>;
}

/** What training returns: one entry per finished epoch, and why it stopped early, if it did. */
export interface History {
  readonly epochs: EpochLogs[];
  stoppedEarly?: string;
}
