import type { ChartPlugin } from '../types.js';

/** The values of a series beside a model's forecast of each and the persistence forecast ("same as last time"). */
export interface ForecastData {
  readonly actual: ArrayLike<number>;
  readonly model: ArrayLike<number>;
  /** The persistence baseline, if there is one: the last value seen before each step. */
  readonly persistence?: ArrayLike<number>;
  /** What the values are, for the axis, e.g. "Temp (°C)". */
  readonly unit?: string;
  readonly title?: string;
}

/** A series and its forecasts as lines over the steps (e.g. the test windows of a time series, in its units). */
export const forecastChart: ChartPlugin<ForecastData> = {
  name: 'forecast',
  description: 'a series with the model\'s forecasts and the persistence baseline, step by step',
  spec({ actual, model, persistence, unit, title }) {
    const series: [string, ArrayLike<number>][] = [['actual', actual], ['model', model], ...(persistence ? [['persistence', persistence] as [string, ArrayLike<number>]] : [])];
    const values = series.flatMap(([name, v]) => Array.from(v, (value, step) => ({ step: step + 1, value, series: name })));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      config: { font: 'DejaVu Sans, sans-serif' },
      width: 640,
      height: 260,
      data: { values },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: unit ?? 'value', scale: { zero: false } },
        color: { field: 'series', type: 'nominal', sort: series.map(([n]) => n), scale: { range: ['#222222', '#1f77b4', '#ff7f0e'] }, title: null },
        strokeDash: { field: 'series', type: 'nominal', sort: series.map(([n]) => n), scale: { range: [[1, 0], [1, 0], [4, 3]] }, legend: null },
      },
    };
  },
};
