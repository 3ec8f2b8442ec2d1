// Registers the built-in charts (this package's side effect at import; package.json's `sideEffects` lists it).
// A third-party chart is one file like charts/forecast.ts and one registerChart call.
import { confusionMatrix } from './charts/confusion-matrix.js';
import { embeddingScatter } from './charts/embedding-scatter.js';
import { forecastChart } from './charts/forecast.js';
import { hiddenStateHeatmap } from './charts/hidden-state-heatmap.js';
import { trainingCurves } from './charts/training-curves.js';
import { registerChart } from './registry.js';

registerChart(trainingCurves);
registerChart(confusionMatrix);
registerChart(embeddingScatter);
registerChart(forecastChart);
registerChart(hiddenStateHeatmap);
