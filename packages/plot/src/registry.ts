import { confusionMatrix } from './charts/confusion-matrix.js';
import { embeddingScatter } from './charts/embedding-scatter.js';
import { forecastChart } from './charts/forecast.js';
import { hiddenStateHeatmap } from './charts/hidden-state-heatmap.js';
import { trainingCurves } from './charts/training-curves.js';
import type { ChartPlugin } from './types.js';

const charts = new Map<string, ChartPlugin<any>>();

/** Adds a chart (or replaces one of the same name). */
export function registerChart<D>(chart: ChartPlugin<D>): void {
  charts.set(chart.name, chart);
}

/** Every registered chart. */
export const listCharts = (): ChartPlugin<unknown>[] => [...charts.values()];

/** The chart registered under `name`; an error listing the registered names if there is none. */
export function getChart(name: string): ChartPlugin<unknown> {
  const c = charts.get(name);
  if (!c) throw new Error(`unknown chart "${name}"; registered: ${[...charts.keys()].join(', ')}`);
  return c;
}

for (const chart of [trainingCurves, confusionMatrix, embeddingScatter, forecastChart, hiddenStateHeatmap]) registerChart(chart as ChartPlugin<any>);
