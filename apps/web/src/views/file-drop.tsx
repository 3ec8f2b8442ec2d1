import { useState } from 'preact/hooks';
import { call } from '../client.js';
import type { DataInfo } from '../protocol.js';

/** Drop (or pick) a CSV/TSV file: read in the worker by @lstmkit/datasets; its errors are shown next to the file. */
export function FileDrop({ onData }: { onData: (d: DataInfo) => void }) {
  const [over, setOver] = useState(false);
  const [file, setFile] = useState<string>();
  const [timesteps, setTimesteps] = useState(1);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const read = async (f: File | undefined) => {
    if (!f) return;
    setFile(`${f.name} (${(f.size / 1024).toFixed(1)} kB)`);
    setError(undefined);
    setBusy(true);
    try {
      onData(await call('loadFile', { name: f.name, text: await f.text(), options: { timesteps } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card">
      <h2>Or use your own file</h2>
      <div
        class={`dropzone${over ? ' over' : ''}`}
        id="dropzone"
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void read(e.dataTransfer?.files[0]);
        }}
      >
        <p>Drop a CSV or TSV here: numeric feature columns and a label in the last column.</p>
        <label class="file-button">
          Choose a file
          <input type="file" id="file-input" accept=".csv,.tsv,text/csv,text/tab-separated-values" onChange={(e) => void read(e.currentTarget.files?.[0])} />
        </label>
      </div>
      <div class="field">
        <label for="file-timesteps">timesteps per row</label>
        <input id="file-timesteps" type="number" min={1} step={1} value={timesteps} onInput={(e) => setTimesteps(Number(e.currentTarget.value))} />
        <small class="help">the features of a row are read as this many timesteps (it must divide their number)</small>
      </div>
      {file && (
        <p class="file-name">
          {busy ? 'Reading ' : ''}
          {file}
        </p>
      )}
      {error && (
        <p class="error" role="alert" id="file-error">
          {error}
        </p>
      )}
    </div>
  );
}
