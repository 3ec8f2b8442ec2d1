import type { DatasetSplits } from '@lstmkit/datasets';
import { forecastChart, renderSvg } from '@lstmkit/plot';
import { forecast } from '@lstmkit/trainer';
import type { Forecast } from '../protocol.js';
import { needData, needModel, state } from './state.js';

/**
 * The loaded series in its units, put back together from its windows: the first window's inputs, then the target
 * of every window (training windows, then test windows, which follow on in time). Univariate, one step ahead.
 */
function seriesOf({ train, test }: DatasetSplits): { values: Float32Array; column: string } {
  const p = train.preprocessing;
  const [, lookback, features] = train.shape;
  if (p?.kind !== 'minmax' || features !== 1 || (train.targetShape?.[0] ?? 1) !== 1) throw new Error('a forecast needs a series of one column, windowed one step ahead (a time series file or data set)');
  const scaled = [...train.x.subarray(0, lookback), ...train.y, ...test.y];
  const min = p.min[0]!;
  const range = p.max[0]! - min || 1;
  return { values: Float32Array.from(scaled, (v) => v * range + min), column: p.target ?? p.columns[0]! };
}

/** The current model's forecast of `steps` values after the loaded series (the trainer's `forecast`), drawn after it. */
export async function forecastSeries({ steps }: { steps: number }): Promise<Forecast> {
  const model = needModel();
  const { values, column } = seriesOf(needData());
  const scaling = state.record?.dataset.preprocessing ?? needData().train.preprocessing;
  const ahead = await forecast(model, values, steps, { scaling });
  // The forecast's line starts at the last value seen, so it continues the series; NaN leaves the rest undrawn.
  const line = Float32Array.from({ length: values.length + steps }, (_, i) => (i < values.length - 1 ? NaN : i === values.length - 1 ? values.at(-1)! : ahead[i - values.length]!));
  const svg = await renderSvg(forecastChart.spec({ actual: values, model: line, unit: column, title: `${column}: the series and the model's next ${steps} values` }));
  return { series: values, forecast: ahead, column, svg };
}
