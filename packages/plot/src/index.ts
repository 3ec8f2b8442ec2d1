export type { ChartPlugin, ChartSpec } from './types.js';
export { getChart, listCharts, registerChart } from './registry.js';
export { renderSvg } from './render.js';
export { trainingCurves, type EpochFigures } from './charts/training-curves.js';
export { confusionMatrix } from './charts/confusion-matrix.js';
export { embeddingScatter, type ScatterData } from './charts/embedding-scatter.js';
export { forecastChart, type ForecastData } from './charts/forecast.js';
export { hiddenStateHeatmap, type HiddenStateData } from './charts/hidden-state-heatmap.js';
