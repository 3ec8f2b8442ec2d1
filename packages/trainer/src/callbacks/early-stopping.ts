import { tf } from '../tf.js';
import { watchMetric, type MonitorOptions } from './monitor.js';
import type { Callback } from './types.js';

export interface EarlyStoppingOptions extends MonitorOptions {
  /** Epochs without improvement before stopping; default 0 (as Keras). */
  readonly patience?: number;
  /** Put back the weights of the best epoch when stopping (tfjs' own EarlyStopping throws on this; ours does it). */
  readonly restoreBestWeights?: boolean;
}

/** Keras' EarlyStopping, with restore_best_weights. */
export function earlyStopping(options: EarlyStoppingOptions = {}): Callback {
  const metric = watchMetric(options, 'earlyStopping');
  const patience = options.patience ?? 0;
  let wait = 0;
  let bestWeights: tf.Tensor[] | undefined;
  const release = () => {
    bestWeights?.forEach((t) => t.dispose());
    bestWeights = undefined;
  };
  return {
    onTrainBegin() {
      metric.reset();
      wait = 0;
      release();
    },
    onEpochEnd(logs, ctx) {
      if (metric.improved(logs)) {
        wait = 0;
        if (options.restoreBestWeights) {
          release();
          bestWeights = ctx.model.getWeights().map((w) => tf.keep(w.clone()));
        }
        return;
      }
      wait += 1;
      const { best, bestEpoch } = metric.state;
      if (wait >= patience) ctx.stop(`early stopping: ${metric.monitor} did not improve for ${wait} epoch(s); best ${best.toFixed(4)} at epoch ${bestEpoch + 1}`);
    },
    onTrainEnd(_history, ctx) {
      if (bestWeights && metric.state.bestEpoch >= 0) ctx.model.setWeights(bestWeights);
      release();
    },
  };
}
