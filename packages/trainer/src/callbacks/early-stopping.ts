import { TrainingOptionError } from '../errors.js';
import { tf } from '../tf.js';
import type { Callback, EpochLogs } from './types.js';

export interface EarlyStoppingOptions {
  /** Metric to watch; default "val_loss". */
  readonly monitor?: string;
  /** Epochs without improvement before stopping; default 0 (as Keras). */
  readonly patience?: number;
  /** Smallest change that counts as an improvement; default 0. */
  readonly minDelta?: number;
  /** "min" for losses, "max" for accuracies; default: "max" if the metric name has "acc" in it. */
  readonly mode?: 'min' | 'max';
  /** Put back the weights of the best epoch when stopping (tfjs' own EarlyStopping throws on this; ours does it). */
  readonly restoreBestWeights?: boolean;
}

/** Keras' EarlyStopping, with restore_best_weights. */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback {
  const monitor = options.monitor ?? 'val_loss';
  const mode = options.mode ?? (/acc/.test(monitor) ? 'max' : 'min');
  const patience = options.patience ?? 0;
  const minDelta = Math.abs(options.minDelta ?? 0);
  let best = mode === 'min' ? Infinity : -Infinity;
  let bestEpoch = -1;
  let wait = 0;
  let bestWeights: tf.Tensor[] | undefined;
  const release = () => {
    bestWeights?.forEach((t) => t.dispose());
    bestWeights = undefined;
  };
  return {
    onTrainBegin() {
      best = mode === 'min' ? Infinity : -Infinity;
      bestEpoch = -1;
      wait = 0;
      release();
    },
    onEpochEnd(logs: EpochLogs, ctx) {
      const value = logs[monitor];
      if (value === undefined) {
        const have = Object.keys(logs).filter((k) => typeof logs[k] === 'number' && k !== 'epoch' && k !== 'seconds' && k !== 'numTensors');
        throw new TrainingOptionError('earlyStopping.monitor', `metric "${monitor}" is not computed (available: ${have.join(', ')}; val_* needs validation data)`);
      }
      const improved = mode === 'min' ? value < best - minDelta : value > best + minDelta;
      if (improved) {
        best = value;
        bestEpoch = logs.epoch;
        wait = 0;
        if (options.restoreBestWeights) {
          release();
          bestWeights = ctx.model.getWeights().map((w) => tf.keep(w.clone()));
        }
        return;
      }
      wait += 1;
      if (wait >= patience) ctx.stop(`early stopping: ${monitor} did not improve for ${wait} epoch(s); best ${best.toFixed(4)} at epoch ${bestEpoch + 1}`);
    },
    onTrainEnd(_history, ctx) {
      if (bestWeights && bestEpoch >= 0) ctx.model.setWeights(bestWeights);
      release();
    },
  };
}
