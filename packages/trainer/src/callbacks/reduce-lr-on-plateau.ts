import { TrainingOptionError } from '../errors.js';
import { watchMetric, type MonitorOptions } from './monitor.js';
import type { Callback } from './types.js';

export interface ReduceLrOnPlateauOptions extends MonitorOptions {
  /** The learning rate is multiplied by this when the metric stalls; default 0.1 (Keras). */
  readonly factor?: number;
  /** Epochs without improvement before reducing; default 10 (Keras). */
  readonly patience?: number;
  /** Epochs to wait after a reduction before counting again; default 0. */
  readonly cooldown?: number;
  /** Never below this; default 0. */
  readonly minLr?: number;
  /** Told after each reduction. */
  readonly onReduce?: (learningRate: number, epoch: number) => void;
}

/** The two ways tfjs optimizers hold their learning rate: a field (Adam, RMSprop, …) or SGD's setter. */
type WithLearningRate = { learningRate: number; setLearningRate?: (lr: number) => void };

/** Keras' ReduceLROnPlateau: lowers the optimizer's learning rate when a metric stops improving. */
export function reduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): Callback {
  const factor = options.factor ?? 0.1;
  if (!(factor > 0 && factor < 1)) throw new TrainingOptionError('reduceLrOnPlateau.factor', `expected a number in (0, 1), got ${factor}`);
  // Keras' default min_delta here is 1e-4, not EarlyStopping's 0.
  const metric = watchMetric({ minDelta: 1e-4, ...options }, 'reduceLrOnPlateau');
  const patience = options.patience ?? 10;
  const minLr = options.minLr ?? 0;
  let wait = 0;
  let cooldown = 0;
  return {
    onTrainBegin() {
      metric.reset();
      wait = 0;
      cooldown = 0;
    },
    onEpochEnd(logs, ctx) {
      if (cooldown > 0) cooldown -= 1;
      if (metric.improved(logs)) return void (wait = 0);
      if (cooldown > 0) return;
      wait += 1;
      if (wait < patience) return;
      const optimizer = (ctx.model as unknown as { optimizer?: WithLearningRate }).optimizer;
      if (!optimizer || typeof optimizer.learningRate !== 'number') return;
      const lr = Math.max(optimizer.learningRate * factor, minLr);
      if (lr < optimizer.learningRate) {
        if (optimizer.setLearningRate) optimizer.setLearningRate(lr);
        else optimizer.learningRate = lr;
        options.onReduce?.(lr, logs.epoch);
      }
      wait = 0;
      cooldown = options.cooldown ?? 0;
    },
    // The learning rate itself is the optimizer's, which a backup keeps.
    saveState: () => ({ wait, cooldown, ...metric.state }),
    restoreState(saved) {
      const s = saved as { wait: number; cooldown: number; best: number; bestEpoch: number };
      wait = s.wait;
      cooldown = s.cooldown;
      metric.restore(s);
    },
  };
}
