import { useEffect, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { Forecast } from '../protocol.js';
import { Svg } from './svg.js';

/** The loaded series with the model's forecast drawn after it, for as many steps as asked. */
export function ForecastTry({ ready }: { ready: boolean }) {
  const [steps, setSteps] = useState(12);
  const [result, setResult] = useState<Forecast>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!ready || !(steps >= 1)) return;
    let current = true;
    call('forecast', { steps })
      .then((f) => current && (setResult(f), setError(undefined)))
      .catch((e: Error) => current && setError(e.message));
    return () => void (current = false);
  }, [steps, ready]);
  return (
    <div class="card">
      <h2>Forecast</h2>
      {!ready && <p class="muted">Train a model on the series first (Train tab), then see its forecast here.</p>}
      <div class="field">
        <label for="forecast-steps">steps ahead</label>
        <input id="forecast-steps" type="number" min={1} max={500} step={1} value={steps} onInput={(e) => setSteps(Number(e.currentTarget.value))} />
        <small class="help">each forecast value is fed back as the next input (the trainer's forecast)</small>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <Svg id="forecast-chart" svg={result?.svg} label={result ? `${result.column}: ${result.series.length} values, then the model's next ${result.forecast.length}` : 'forecast'} />
      {result && (
        <p class="muted" id="forecast-values">
          next values: {Array.from(result.forecast.slice(0, 6), (v) => v.toPrecision(4)).join(', ')}
          {result.forecast.length > 6 ? ', …' : ''}
        </p>
      )}
    </div>
  );
}
