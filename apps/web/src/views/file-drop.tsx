import { useState } from 'preact/hooks';
import { call } from '../client.js';
import type { DataInfo, FileKind } from '../protocol.js';

/** What each kind of file holds, and its one setting (the datasets' option it sets). */
const KINDS: Record<FileKind, { label: string; hint: string; option: string; setting: string; help: string; initial: number }> = {
  table: { label: 'a table', hint: 'numeric feature columns and a label in the last column (CSV or TSV)', option: 'timesteps', setting: 'timesteps per row', help: 'the features of a row are read as this many timesteps (it must divide their number)', initial: 1 },
  text: { label: 'texts', hint: 'a header naming a "text" and a "label" column, one text per row (TSV or CSV)', option: 'length', setting: 'words per text', help: 'each text is cut or padded to this many words (the last ones are kept)', initial: 100 },
  series: { label: 'a time series', hint: 'one row per time step, a header, the date or time first, then the values (CSV)', option: 'lookback', setting: 'look back', help: 'past steps the model reads to predict the next one', initial: 12 },
};

/** Drop (or pick) a CSV/TSV file: read in the worker by @lstmkit/datasets; its errors are shown next to the file. */
export function FileDrop({ onData }: { onData: (d: DataInfo) => void }) {
  const [over, setOver] = useState(false);
  const [file, setFile] = useState<string>();
  const [kind, setKind] = useState<FileKind>('table');
  const [values, setValues] = useState<Record<FileKind, number>>({ table: KINDS.table.initial, text: KINDS.text.initial, series: KINDS.series.initial });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const read = async (f: File | undefined) => {
    if (!f) return;
    setFile(`${f.name} (${(f.size / 1024).toFixed(1)} kB)`);
    setError(undefined);
    setBusy(true);
    try {
      onData(await call('loadFile', { name: f.name, text: await f.text(), kind, options: { [KINDS[kind].option]: values[kind] } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const k = KINDS[kind];
  return (
    <div class="card">
      <h2>Or use your own file</h2>
      <fieldset class="field kinds">
        <legend>the file holds</legend>
        {(Object.keys(KINDS) as FileKind[]).map((name) => (
          <label key={name}>
            <input type="radio" name="file-kind" value={name} checked={kind === name} onChange={() => setKind(name)} /> {KINDS[name].label}
          </label>
        ))}
      </fieldset>
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
        <p>Drop a file here: {k.hint}.</p>
        <label class="file-button">
          Choose a file
          <input type="file" id="file-input" accept=".csv,.tsv,text/csv,text/tab-separated-values" onChange={(e) => void read(e.currentTarget.files?.[0])} />
        </label>
      </div>
      <div class="field">
        <label for="file-setting">{k.setting}</label>
        <input id="file-setting" type="number" min={1} step={1} value={values[kind]} onInput={(e) => setValues({ ...values, [kind]: Number(e.currentTarget.value) })} />
        <small class="help">{k.help}</small>
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
