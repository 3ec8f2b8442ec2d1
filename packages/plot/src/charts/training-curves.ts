import type { ChartPlugin } from '../types.js';

/** One epoch's figures, as the trainer's history records them. */
export interface EpochFigures {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly val_loss?: number;
  readonly val_accuracy?: number;
  readonly mae?: number;
  readonly val_mae?: number;
}

/** Loss and accuracy (or MAE) per epoch, train and validation, side by side. */
export const trainingCurves: ChartPlugin<{ history: readonly EpochFigures[]; title?: string }> = {
  name: 'training-curves',
  data: 'epochs',
  description: 'loss and accuracy (or MAE) per epoch, training and validation',
  spec({ history, title }) {
    const rows: { epoch: number; metric: string; split: string; value: number }[] = [];
    for (const e of history) {
      for (const metric of ['loss', 'accuracy', 'mae'] as const) {
        const train = e[metric];
        const val = e[`val_${metric}`];
        if (train !== undefined) rows.push({ epoch: e.epoch + 1, metric, split: 'training', value: train });
        if (val !== undefined) rows.push({ epoch: e.epoch + 1, metric, split: 'validation', value: val });
      }
    }
    const metrics = [...new Set(rows.map((r) => r.metric))];
    // The legend lists only the splits there are (no "validation" entry for a run without validation data).
    const splits = (['training', 'validation'] as const).filter((s) => rows.some((r) => r.split === s));
    const colours = { training: '#1f77b4', validation: '#ff7f0e' };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      data: { values: rows },
      config: { font: 'DejaVu Sans, sans-serif' },
      hconcat: metrics.map((metric) => ({
        width: 320,
        height: 220,
        title: metric,
        transform: [{ filter: { field: 'metric', equal: metric } }],
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' }, title: 'epoch' },
          y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false }, ...(metric === 'accuracy' ? { axis: { format: '.0%' } } : {}) },
          color: { field: 'split', type: 'nominal', title: null, scale: { domain: splits, range: splits.map((s) => colours[s]) } },
        },
      })),
    };
  },
};
