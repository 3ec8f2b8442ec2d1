import type { Callback, EpochLogs, TrainingContext } from '../callbacks/types.js';
import { TrainingOptionError } from '../errors.js';
import { tf, type LayersModel } from '../tf.js';
import { arrayOf, sameShape, tensorOf, type ArrayState } from './arrays.js';
import { optimizerState, restoreOptimizerState, type OptimizerState } from './optimizer-state.js';

/** What must be the same for a run to resume from a backup. */
export interface RunSettings {
  readonly batchSize: number;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly validationSplit?: number;
  /** Training samples per epoch. */
  readonly samples: number;
}

/**
 * A training run at the end of an epoch, all it takes to go on as if it had never stopped: the weights, the
 * optimizer's state (moments, step count, learning rate), the epochs done with their logs, why it stopped if it did,
 * and each callback's state. The order of the data needs nothing: fit draws each epoch's order from (seed, epoch).
 */
export interface TrainingSnapshot {
  /** Epochs completed. */
  readonly epochs: number;
  readonly history: readonly EpochLogs[];
  readonly stopReason?: string;
  readonly settings: RunSettings;
  readonly weights: readonly ArrayState[];
  readonly optimizer: OptimizerState;
  /** The state of each callback that has one (saveState), in the order of fit's callbacks. */
  readonly callbacks: readonly unknown[];
}

/**
 * Where fit keeps a backup of the run (Keras' BackupAndRestore). `backupAndRestore` in @lstmkit/trainer/node keeps
 * it in a folder; a browser app can keep it anywhere (IndexedDB…) by implementing these three calls.
 */
export interface TrainingBackup {
  /** The snapshot an interrupted run left, or undefined to start from scratch. */
  load(): Promise<TrainingSnapshot | undefined>;
  /** Called at the end of each epoch, after every callback's onEpochEnd. */
  save(snapshot: TrainingSnapshot): Promise<void>;
  /** Called when training has ended normally (not when it failed): Keras deletes its backup then. */
  finish(): Promise<void>;
}

const optimizerOf = (model: LayersModel): tf.Optimizer => {
  const o = (model as unknown as { optimizer?: tf.Optimizer }).optimizer;
  if (!o) throw new TrainingOptionError('backup', 'the model is not compiled');
  return o;
};

const stateful = (callbacks: readonly Callback[]) => callbacks.filter((c) => c.saveState && c.restoreState);

export async function takeSnapshot(model: LayersModel, run: { epochs: number; history: readonly EpochLogs[]; stopReason?: string; settings: RunSettings }, callbacks: readonly Callback[]): Promise<TrainingSnapshot> {
  const weights = await Promise.all(model.weights.map((w) => arrayOf(w.read(), w.originalName)));
  return {
    ...run,
    history: [...run.history],
    weights,
    optimizer: await optimizerState(optimizerOf(model)),
    callbacks: await Promise.all(stateful(callbacks).map((c) => c.saveState!())),
  };
}

const describe = (s: RunSettings) => `batch size ${s.batchSize}, seed ${s.seed}, shuffle ${s.shuffle}, validation split ${s.validationSplit ?? 0}, ${s.samples} samples`;

/** Puts the model's weights and the optimizer's state of a snapshot back, after checking it is of this run. */
export function restoreModelState(model: LayersModel, snapshot: TrainingSnapshot, settings: RunSettings): void {
  if (describe(snapshot.settings) !== describe(settings)) {
    throw new TrainingOptionError('backup', `was made by a different run (${describe(snapshot.settings)}; this run: ${describe(settings)}): use another backup folder, or delete it to start over`);
  }
  const weights = model.weights;
  const fits = snapshot.weights.length === weights.length && snapshot.weights.every((w, i) => sameShape(w.shape, weights[i]!.shape as number[]));
  if (!fits) throw new TrainingOptionError('backup', 'was made for a model with other weights (layers or sizes differ): use another backup folder, or delete it to start over');
  tf.tidy(() => model.setWeights(snapshot.weights.map(tensorOf)));
  restoreOptimizerState(optimizerOf(model), snapshot.optimizer);
}

/** Gives each callback its saved state back (after their onTrainBegin, which resets them). */
export async function restoreCallbackStates(snapshot: TrainingSnapshot, callbacks: readonly Callback[], ctx: TrainingContext): Promise<void> {
  const withState = stateful(callbacks);
  if (withState.length !== snapshot.callbacks.length) {
    throw new TrainingOptionError('backup', `holds the state of ${snapshot.callbacks.length} callback(s), this run has ${withState.length}: resume with the same callbacks, or delete the backup to start over`);
  }
  for (const [i, c] of withState.entries()) await c.restoreState!(snapshot.callbacks[i], ctx);
}
