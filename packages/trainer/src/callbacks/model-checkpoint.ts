import { saveModel, type SaveMetadata } from '../persist.js';
import { watchMetric, type MonitorOptions } from './monitor.js';
import type { Callback } from './types.js';

export interface ModelCheckpointOptions extends MonitorOptions {
  /** Where to save; "{epoch}" in it becomes the epoch number (from 1, as Keras), e.g. "runs/ckpt-{epoch}". */
  readonly dir: string;
  /** Save only epochs that improve the monitored metric (default true); false: after every epoch. */
  readonly saveBestOnly?: boolean;
  /** What lstmkit.json records about the model (spec, dataset, backend, seed, training settings). */
  readonly metadata: Omit<SaveMetadata, 'metrics'>;
  /** Told after each save, e.g. to print it. */
  readonly onSave?: (dir: string, epoch: number) => void;
}

/**
 * Keras' ModelCheckpoint (tfjs has none): saves the model during training with `saveModel` (atomic: a crash
 * mid-save leaves the previous checkpoint whole), with the epoch's metrics in lstmkit.json. Node only.
 */
export function modelCheckpoint(options: ModelCheckpointOptions): Callback {
  const metric = watchMetric(options, 'modelCheckpoint');
  const saveBestOnly = options.saveBestOnly ?? true;
  return {
    onTrainBegin() {
      metric.reset();
    },
    async onEpochEnd(logs, ctx) {
      const improved = metric.improved(logs);
      if (saveBestOnly && !improved) return;
      const dir = options.dir.replaceAll('{epoch}', String(logs.epoch + 1));
      const { epoch, seconds, numTensors: _, ...metrics } = logs;
      await saveModel(dir, ctx.model, { ...options.metadata, training: { ...options.metadata.training, epoch: epoch + 1 }, metrics: { ...metrics, secondsPerEpoch: seconds } });
      options.onSave?.(dir, epoch + 1);
    },
    saveState: () => ({ ...metric.state }),
    restoreState: (saved) => metric.restore(saved as { best: number; bestEpoch: number }),
  };
}
