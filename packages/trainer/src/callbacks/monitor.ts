import { TrainingOptionError } from '../errors.js';
import type { EpochLogs } from './types.js';

/** Which metric a callback watches, as Keras' monitor / mode / min_delta. */
export interface MonitorOptions {
  /** Metric to watch; default "val_loss". */
  readonly monitor?: string;
  /** "min" for losses, "max" for accuracies; default: "max" if the metric name has "acc" in it. */
  readonly mode?: 'min' | 'max';
  /** Smallest change that counts as an improvement; default 0. */
  readonly minDelta?: number;
}

/** The best value of one metric so far, epoch by epoch (shared by earlyStopping and modelCheckpoint). */
export function watchMetric(options: MonitorOptions, owner: string) {
  const monitor = options.monitor ?? 'val_loss';
  const mode = options.mode ?? (/acc/.test(monitor) ? 'max' : 'min');
  const minDelta = Math.abs(options.minDelta ?? 0);
  const state = { best: mode === 'min' ? Infinity : -Infinity, bestEpoch: -1 };
  return {
    monitor,
    state: state as Readonly<typeof state>,
    reset() {
      state.best = mode === 'min' ? Infinity : -Infinity;
      state.bestEpoch = -1;
    },
    /** Puts back a state read from `state` (resuming from a backup). */
    restore(saved: { best: number; bestEpoch: number }) {
      state.best = saved.best;
      state.bestEpoch = saved.bestEpoch;
    },
    /** Reads the metric from an epoch's logs; whether it is the best so far (then recorded as such). */
    improved(logs: EpochLogs): boolean {
      const value = logs[monitor];
      if (value === undefined) {
        const have = Object.keys(logs).filter((k) => typeof logs[k] === 'number' && k !== 'epoch' && k !== 'seconds' && k !== 'numTensors');
        throw new TrainingOptionError(`${owner}.monitor`, `metric "${monitor}" is not computed (available: ${have.join(', ')}; val_* needs validation data)`);
      }
      const better = mode === 'min' ? value < state.best - minDelta : value > state.best + minDelta;
      if (better) {
        state.best = value;
        state.bestEpoch = logs.epoch;
      }
      return better;
    },
  };
}
