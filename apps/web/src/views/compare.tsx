import type { ModelSpec } from '@lstmkit/models';
import { useState } from 'preact/hooks';
import { call } from '../client.js';
import type { BackendRow } from '../protocol.js';
import { ProgressLine } from './progress-line.js';
import { useProgress } from './use-progress.js';

/** The same model timed on the chosen backends in turn (all available ones at first): milliseconds per train step side by side. */
export function Compare({ spec, backends, batchSize, disabled }: { spec: ModelSpec; backends: readonly BackendRow[]; batchSize: number; disabled: boolean }) {
  const [rows, setRows] = useState<{ backend: string; msPerStep?: number; error?: string }[]>();
  const [busy, setBusy] = useState(false);
  const progress = useProgress(busy);
  const available = backends.filter((b) => b.available).map((b) => b.name);
  const [off, setOff] = useState<ReadonlySet<string>>(new Set());
  const chosen = available.filter((b) => !off.has(b));
  const toggle = (name: string, on: boolean) => setOff((s) => new Set([...s].filter((b) => b !== name).concat(on ? [] : [name])));
  const run = async () => {
    setBusy(true);
    try {
      setRows(await call('benchmark', { spec, backends: chosen, steps: 6, batchSize }));
    } finally {
      setBusy(false);
    }
  };
  const best = Math.min(...(rows ?? []).map((r) => r.msPerStep ?? Infinity));
  return (
    <div class="card compare">
      <h2>Compare backends</h2>
      <p class="muted">Times 6 train steps of this model (batch {batchSize}) on each backend ticked here.</p>
      <fieldset class="compare-backends">
        <legend>backends to time</legend>
        {available.map((b) => (
          <label key={b}>
            <input type="checkbox" name="compare-backend" value={b} checked={!off.has(b)} onChange={(e) => toggle(b, e.currentTarget.checked)} /> {b}
          </label>
        ))}
      </fieldset>
      <button id="compare" disabled={disabled || busy || chosen.length === 0} onClick={run}>
        {busy ? 'Timing…' : 'Time each backend'}
      </button>
      <ProgressLine p={progress} label="timing backends" />
      {rows && (
        <table id="compare-table">
          <thead>
            <tr>
              <th scope="col">backend</th>
              <th scope="col" class="num">ms / step</th>
              <th scope="col" class="num">vs fastest</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.backend}>
                <td>{r.backend}</td>
                <td class="num">{r.msPerStep !== undefined ? r.msPerStep.toFixed(1) : r.error}</td>
                <td class="num">{r.msPerStep !== undefined ? `${(r.msPerStep / best).toFixed(2)}×` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
