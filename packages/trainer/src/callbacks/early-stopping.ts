import { arrayOf, tensorOf, type ArrayState } from '../resume/arrays.js';
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
      // Epochs are counted from 1 in every message, as the progress lines count them.
      const bestText = bestEpoch < 0 ? 'no epoch improved on it' : `best ${best.toFixed(4)} at epoch ${bestEpoch + 1}`;
      if (wait >= patience) ctx.stop(`early stopping: ${metric.monitor} did not improve for ${wait} epoch(s); ${bestText}`);
    },
    async saveState() {
      const weights = bestWeights ? await Promise.all(bestWeights.map((w) => arrayOf(w))) : undefined;
      return { wait, ...metric.state, bestWeights: weights };
    },
    restoreState(saved) {
      const s = saved as { wait: number; best: number; bestEpoch: number; bestWeights?: ArrayState[] };
      wait = s.wait;
      metric.restore(s);
      release();
      bestWeights = s.bestWeights?.map((a) => tf.keep(tensorOf(a)));
    },
    onTrainEnd(_history, ctx) {
      if (bestWeights && metric.state.bestEpoch >= 0) ctx.model.setWeights(bestWeights);
      release();
    },
  };
}
