import type { Preprocessing } from '@lstmkit/datasets';
import { TrainingOptionError } from './errors.js';
import { tf, type LayersModel } from './tf.js';

/** How `forecast` reads and answers in the series' units. */
export interface ForecastOptions {
  /**
   * The min-max scaling the model was trained with (the dataset's `preprocessing`, or a saved model's
   * `metadata.dataset.preprocessing`): the series is scaled with it and the forecast comes back in its units.
   * Without it, the series and the forecast are in the model's units.
   */
  readonly scaling?: Preprocessing;
}

/**
 * The next `steps` values of a series, from a model trained on its windows (e.g. the `airline-passengers` or
 * `daily-min-temperatures` datasets): the last `lookback` values in, the model's next value(s) appended, again
 * until there are `steps`. The series is given and returned in its own units when `scaling` is.
 */
export async function forecast(model: LayersModel, series: ArrayLike<number>, steps: number, options: ForecastOptions = {}): Promise<Float32Array> {
  const [, lookback, features] = model.inputs[0]!.shape as number[];
  if (features !== 1) throw new TrainingOptionError('forecast', `feeds its forecasts back in, so the model must read one series ([timesteps x 1]); this one reads [${lookback} x ${features}]`);
  if (!Number.isInteger(steps) || steps < 1) throw new TrainingOptionError('steps', `expected a whole number of steps >= 1, got ${steps}`);
  if (series.length < lookback!) throw new TrainingOptionError('series', `${series.length} values; the model looks back ${lookback} steps`);
  const { scaling } = options;
  if (scaling && scaling.kind !== 'minmax') throw new TrainingOptionError('scaling', `expected the min-max scaling of a time series, got "${scaling.kind}"`);
  const c = scaling ? Math.max(0, scaling.columns.indexOf(scaling.target ?? scaling.columns[0]!)) : 0;
  const min = scaling?.min[c] ?? 0;
  const range = scaling ? scaling.max[c]! - min || 1 : 1;
  const window = Array.from(series).slice(-lookback!).map((v) => (v - min) / range);
  const out: number[] = [];
  while (out.length < steps) {
    const y = tf.tidy(() => model.predict(tf.tensor3d(window.slice(-lookback!), [1, lookback!, 1])) as tf.Tensor);
    const next = await y.data();
    y.dispose();
    for (const v of next) {
      if (out.length === steps) break;
      out.push(v);
      window.push(v);
    }
  }
  return Float32Array.from(out, (v) => v * range + min);
}
