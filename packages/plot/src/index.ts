// @lstmkit/plot: charts as Vega-Lite specs from plain data, drawn as SVG (PNG in '@lstmkit/plot/node').
import './register.js';

export type { ChartPlugin, ChartSpec } from './types.js';
export { getChart, listCharts, registerChart, unregisterChart } from './registry.js';
export { renderSvg } from './render.js';
export { trainingCurves, type EpochFigures } from './charts/training-curves.js';
export { confusionMatrix } from './charts/confusion-matrix.js';
export { embeddingScatter, type ScatterData } from './charts/embedding-scatter.js';
export { forecastChart, type ForecastData } from './charts/forecast.js';
export { hiddenStateHeatmap, type HiddenStateData } from './charts/hidden-state-heatmap.js';
