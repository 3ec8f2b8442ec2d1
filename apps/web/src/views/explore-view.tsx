import { useEffect, useState } from 'preact/hooks';
import { call } from '../client.js';
import { PluginSelect } from './plugin-select.js';
import type { DataInfo, Projection, Sample } from '../protocol.js';
import { ProgressLine } from './progress-line.js';
import { SamplesGrid } from './samples-grid.js';
import { Scatter } from './scatter.js';
import { useProgress } from './use-progress.js';

/** t-SNE or UMAP of the recurrent layer's outputs on the test set, with k-means purity and NMI. */
export function ExploreView({ data, ready }: { data?: DataInfo; ready: boolean }) {
  const [methods, setMethods] = useState<{ name: string; description: string }[]>([]);
  const [method, setMethod] = useState('tsne');
  const [samples, setSamples] = useState(500);
  const [clusters, setClusters] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [projection, setProjection] = useState<Projection>();
  const [selected, setSelected] = useState<Sample[]>();
  const progress = useProgress(busy);
  useEffect(() => void call('projections', {}).then(setMethods), []);
  const run = async () => {
    setBusy(true);
    setError(undefined);
    setSelected(undefined);
    try {
      setProjection(await call('project', { samples, method, clusters }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const select = async (indices: number[]) => setSelected(await call('samples', { indices, max: 48 }));
  return (
    <div class="grid explore">
      <div class="card settings">
        <h2>Explore</h2>
        {!ready && <p class="muted">Load data and train a model first (or open one on the Keep tab).</p>}
        <PluginSelect id="projection" label="projection" plugins={methods} value={method} onChange={setMethod} />
        <div class="field">
          <label for="project-samples">test samples</label>
          <input id="project-samples" type="number" min={20} step={100} value={samples} onInput={(e) => setSamples(Number(e.currentTarget.value))} />
        </div>
        <div class="field">
          <label for="project-clusters">k-means clusters</label>
          <input id="project-clusters" type="number" min={0} max={50} step={1} value={clusters} aria-describedby="project-clusters-hint" onInput={(e) => setClusters(Number(e.currentTarget.value))} />
          <small id="project-clusters-hint" class="muted">0: one per class</small>
        </div>
        <button class="primary" id="project" disabled={!ready || busy} onClick={run}>
          {busy ? 'Projecting…' : 'Project'}
        </button>
        <ProgressLine p={progress} label="projecting" />
        {error && <p class="error" role="alert">{error}</p>}
        {projection && (
          <dl class="facts" id="cluster-quality">
            <dt>k-means clusters</dt>
            <dd>{projection.clusters}</dd>
            <dt>purity</dt>
            <dd>{projection.purity.toFixed(3)}</dd>
            <dt>NMI</dt>
            <dd>{projection.nmi.toFixed(3)}</dd>
            <dt>points</dt>
            <dd>{projection.samples}</dd>
          </dl>
        )}
      </div>
      <div class="card wide">
        {projection ? <Scatter projection={projection} image={!!data?.image} onSelect={select} /> : <p class="muted">The projection appears here: hover a point to see its sample, drag to select a group, zoom with the wheel, two fingers, the buttons or + and -, and pan with shift-drag or the arrow keys.</p>}
        {selected && <SamplesGrid samples={selected} image={!!data?.image} title={`${selected.length} selected`} />}
      </div>
    </div>
  );
}
