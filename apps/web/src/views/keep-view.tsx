import { useEffect, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { SavedModel, TrainResult } from '../protocol.js';

/** Saves files the browser's way: a link to an object URL, clicked. */
function download(name: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** Keep models in this browser (IndexedDB), download one as the CLI's folder files, open one the CLI saved. */
export function KeepView({ trained, onOpened }: { trained?: TrainResult; onOpened: (m: SavedModel) => void }) {
  const [models, setModels] = useState<SavedModel[]>([]);
  const [name, setName] = useState('my-model');
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [current, setCurrent] = useState<SavedModel>();
  const attempt = async (what: () => Promise<void>) => {
    setError(undefined);
    setMessage(undefined);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void attempt(async () => setModels(await call('list', {}))), []);
  useEffect(() => setCurrent(undefined), [trained]);
  const opened = (m: SavedModel) => {
    setCurrent(m);
    onOpened(m);
    setMessage(`${m.name} is the current model: draw on the Try tab, project on the Explore tab.${m.warnings?.length ? ` Note: ${m.warnings.join('; ')}` : ''}`);
  };
  const upload = (files: FileList | null) =>
    attempt(async () => {
      const picked = await Promise.all([...(files ?? [])].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      opened(await call('importFiles', { files: picked }));
    });
  const hasModel = !!trained || !!current;
  return (
    <div class="grid two">
      <div class="card">
        <h2>Keep the current model</h2>
        {!hasModel && <p class="muted">Train a model (Train tab) or open one to keep it.</p>}
        <div class="field">
          <label for="model-name">name</label>
          <input id="model-name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="buttons">
          <button class="primary" id="save-model" disabled={!hasModel || !name.trim()} onClick={() => attempt(async () => (setModels(await call('save', { name: name.trim() })), setMessage(`kept in this browser as "${name.trim()}"`)))}>
            Save in this browser
          </button>
          <button id="download-model" disabled={!hasModel} onClick={() => attempt(async () => (await call('exportFiles', {})).forEach((f) => download(f.name, f.bytes)))}>
            Download (model.json, weights.bin, lstmkit.json)
          </button>
        </div>
        <p class="help">The downloads are the folder `lstmkit train --out` writes: put them in one folder and run `lstmkit evaluate --model folder`.</p>
        <h2>Open a model the CLI saved</h2>
        <label class="file-button">
          Choose the folder's files
          <input type="file" id="model-files" multiple accept=".json,.bin" onChange={(e) => void upload(e.currentTarget.files)} />
        </label>
        {message && (
          <p class="note" role="status" id="keep-message">
            {message}
          </p>
        )}
        {error && (
          <p class="error" role="alert" id="keep-error">
            {error}
          </p>
        )}
      </div>
      <div class="card">
        <h2>Kept in this browser</h2>
        {models.length === 0 ? (
          <p class="muted">No models kept yet.</p>
        ) : (
          <div class="table-scroll">
          <table id="saved-models">
            <thead>
              <tr>
                <th scope="col">name</th>
                <th scope="col">model</th>
                <th scope="col" class="num">held-out</th>
                <th scope="col" class="saved-at">saved</th>
                <th scope="col">
                  <span class="visually-hidden">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={m.name}>
                  <td>{m.name}</td>
                  <td>
                    {m.family} on {m.dataset}
                  </td>
                  <td class="num">{m.accuracy !== undefined ? `${(100 * m.accuracy).toFixed(1)}%` : ''}</td>
                  <td class="saved-at">{when(m.savedAt)}</td>
                  <td class="actions">
                    <button aria-label={`open ${m.name}`} onClick={() => attempt(async () => opened(await call('open', { name: m.name })))}>
                      Open
                    </button>
                    <button aria-label={`delete ${m.name}`} onClick={() => attempt(async () => setModels(await call('remove', { name: m.name })))}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </div>
    </div>
  );
}
