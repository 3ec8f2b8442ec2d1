import { useEffect, useState } from 'preact/hooks';
import { call } from '../client.js';
import { PluginSelect } from './plugin-select.js';
import type { DataInfo } from '../protocol.js';
import { FileDrop } from './file-drop.js';
import { getMirror, mirrorOption, setMirror } from '../mirror.js';
import { ProgressLine } from './progress-line.js';
import { useProgress } from './use-progress.js';

/** Choose a dataset by name (the ones @lstmkit/datasets' browser entry registers) and load it into the worker. */
export function DataView({ data, onData }: { data?: DataInfo; onData: (d: DataInfo) => void }) {
  const [names, setNames] = useState<{ name: string; description: string }[]>([]);
  const [name, setName] = useState('');
  const [limit, setLimit] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [mirror, setMirrorField] = useState(getMirror);
  const progress = useProgress(busy);
  useEffect(() => {
    void call('datasets', {}).then((list) => {
      setNames(list);
      setName((n) => n || (list.find((d) => d.name === 'mnist') ?? list[0])?.name || '');
    });
  }, []);
  const load = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onData(await call('loadData', { dataset: name, options: { seed: 0, ...mirrorOption(), ...(limit > 0 ? { limit } : {}) } }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="grid two">
      <div class="card">
        <h2>Choose data</h2>
        <PluginSelect id="dataset" label="dataset" plugins={names} value={name} onChange={setName} />
        <div class="field">
          <label for="data-limit">training samples</label>
          <input id="data-limit" type="number" min={0} step={100} value={limit} onInput={(e) => setLimit(Number(e.currentTarget.value))} />
          <small class="help">0 keeps all; fewer train faster</small>
        </div>
        <div class="field">
          <label for="data-mirror">mirror</label>
          <input id="data-mirror" type="url" placeholder="https://your-server/lstmkit-data/" value={mirror} onInput={(e) => setMirrorField(e.currentTarget.value)} onChange={(e) => setMirror(e.currentTarget.value)} />
          <small class="help">
            Where the data sets by name (pima, imdb, mnist-full, …) are fetched from instead of their public addresses: a server holding
            each file under its path, as <code>lstmkit</code> caches them (<code>pima/pima-indians-diabetes.data.csv</code>). A page may read
            another site only if it sends CORS headers: serve the folder with them (e.g. <code>npx http-server ~/.cache/lstmkit --cors</code>).
            IMDB has no public copy a page can read: it needs a mirror. Every file is checked by its sha256 and kept in this browser.
          </small>
        </div>
        <button class="primary" id="load-data" disabled={busy || !name} onClick={load}>
          {busy ? 'Loading…' : 'Load'}
        </button>
        <ProgressLine p={progress} label="loading" />
        {error && <p class="error" role="alert">{error}</p>}
      </div>
      <div class="card" id="data-info">
        <h2>Loaded</h2>
        {data ? (
          <dl class="facts">
            <dt>dataset</dt>
            <dd>{data.name}</dd>
            <dt>source</dt>
            <dd>{data.source}</dd>
            <dt>task</dt>
            <dd>{data.task}</dd>
            <dt>samples</dt>
            <dd>
              {data.train.toLocaleString()} train, {data.test.toLocaleString()} held out
            </dd>
            <dt>each sample</dt>
            <dd>
              {data.timesteps} timesteps × {data.features} features
            </dd>
            {data.classNames && (
              <>
                <dt>classes</dt>
                <dd>{data.classNames.join(', ')}</dd>
              </>
            )}
          </dl>
        ) : (
          <p class="muted">Nothing loaded yet.</p>
        )}
      </div>
      <FileDrop onData={onData} />
    </div>
  );
}
