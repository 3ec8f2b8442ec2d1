import { itemDescription } from '../item-data.js';
import type { ChartPlugin } from '../types.js';

/** A recurrent layer's hidden state per unit and timestep (e.g. `recurrentTrace`'s `hidden` from @lstmkit/trainer). */
export interface HiddenStateData {
  /** The states, row-major [steps, units]: all units after step 0, then after step 1, … */
  readonly values: ArrayLike<number>;
  readonly steps: number;
  readonly units: number;
  /** A label per step for the x axis (e.g. the input's tokens); default the step number from 1. */
  readonly stepLabels?: readonly string[];
  readonly title?: string;
}

/**
 * Units (rows) x timesteps (columns), coloured on a diverging scale centred on 0 (blue negative, red positive,
 * white 0; symmetric, so equal magnitudes get equal strength). Each cell carries `data-unit`, `data-step` and
 * `data-value`.
 */
export const hiddenStateHeatmap: ChartPlugin<HiddenStateData> = {
  name: 'hidden-state-heatmap',
  description: 'hidden state of every unit at every timestep, on a diverging colour scale',
  spec({ values, steps, units, stepLabels, title }) {
    if (values.length !== steps * units) throw new RangeError(`hidden-state-heatmap: ${values.length} values for ${steps} steps x ${units} units = ${steps * units}`);
    if (stepLabels && stepLabels.length !== steps) throw new RangeError(`hidden-state-heatmap: ${stepLabels.length} step labels for ${steps} steps`);
    const labels = stepLabels ?? Array.from({ length: steps }, (_, t) => String(t + 1));
    const cells = Array.from({ length: steps * units }, (_, i) => {
      const step = Math.floor(i / units);
      const unit = i % units;
      const value = values[i]!;
      return { step: labels[step]!, unit, value, item: itemDescription({ unit, step, value: +value.toPrecision(6) }, `unit ${unit}, step ${labels[step]}: ${value.toFixed(3)}`) };
    });
    const extent = Math.max(1e-6, ...Array.from(values, (v) => Math.abs(v)));
    const cellWidth = Math.min(24, Math.max(6, 560 / steps));
    const cellHeight = Math.min(16, Math.max(3, 480 / units));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      config: { font: 'DejaVu Sans, sans-serif', view: { stroke: null } },
      width: steps * cellWidth,
      height: units * cellHeight,
      data: { values: cells },
      mark: 'rect',
      encoding: {
        x: { field: 'step', type: 'ordinal', sort: [...new Set(labels)], title: 'timestep', axis: { labelAngle: 0, labelOverlap: 'greedy' } },
        y: { field: 'unit', type: 'ordinal', title: 'unit', axis: { labelOverlap: 'greedy' } },
        color: { field: 'value', type: 'quantitative', title: 'state', scale: { scheme: 'redblue', reverse: true, domain: [-extent, extent] } },
        description: { field: 'item' },
      },
    };
  },
};
