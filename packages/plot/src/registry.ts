import { createRegistry, type RegisterOptions } from '@lstmkit/plugin';
import type { ChartPlugin } from './types.js';

const charts = createRegistry<ChartPlugin<unknown>>('chart');

/** Adds a chart; a different chart under a taken name is refused unless `replace` is set. */
export function registerChart<D>(chart: ChartPlugin<D>, options?: RegisterOptions): void {
  charts.register(chart as ChartPlugin<unknown>, options);
}

/** Removes the chart registered under `name`; whether there was one. */
export const unregisterChart = (name: string): boolean => charts.unregister(name);

/** Every registered chart, in registration order. */
export const listCharts = (): ChartPlugin<unknown>[] => charts.list();

/** The chart registered under `name`; a `PluginNotFoundError` listing the registered names if there is none. */
export const getChart = (name: string): ChartPlugin<unknown> => charts.get(name);
