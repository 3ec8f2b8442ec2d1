import { useEffect, useState } from 'preact/hooks';
import { call } from './client.js';
import type { BackendRow, DataInfo, SavedModel, TrainResult } from './protocol.js';
import type { ModelSpec } from '@lstmkit/models';
import { DataView } from './views/data-view.js';
import { ModelView } from './views/model-view.js';
import { TrainView } from './views/train-view.js';
import { ExploreView } from './views/explore-view.js';
import { TryView } from './views/try-view.js';
import { KeepView } from './views/keep-view.js';

const TABS = ['Data', 'Model', 'Train', 'Try', 'Explore', 'Keep'] as const;
type Tab = (typeof TABS)[number];

/** The shell: a header, the tabs, and the one view that is open. State shared by views lives here. */
export function App() {
  const [tab, setTab] = useState<Tab>('Data');
  const [data, setData] = useState<DataInfo>();
  const [spec, setSpec] = useState<ModelSpec>();
  const [backends, setBackends] = useState<BackendRow[]>([]);
  const [trained, setTrained] = useState<TrainResult>();
  // A model opened from this browser's store or from the CLI's files (it replaces the trained one as current).
  const [opened, setOpened] = useState<SavedModel>();
  const [training, setTraining] = useState<Partial<{ epochs: number; batchSize: number; optimizer: 'adam' | 'rmsprop' | 'sgd'; validationSplit: number }>>({});
  useEffect(() => void call('probe', {}).then(setBackends), []);
  // The tabs pattern of WAI-ARIA: one tab stop; the arrow keys, Home and End move between tabs.
  const arrows = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const views: Record<Tab, () => preact.JSX.Element> = {
    Data: () => <DataView data={data} onData={(d) => (setData(d), setTrained(undefined))} />,
    Model: () => <ModelView data={data} onSpec={setSpec} onTraining={setTraining} onData={(d) => (setData(d), setTrained(undefined))} />,
    Train: () => <TrainView data={data} spec={spec} backends={backends} defaults={training} result={trained} onResult={(r) => (setTrained(r), r && setOpened(undefined))} />,
    Try: () => <TryView kind={opened ? opened.kind : data?.kind} ready={!!trained || !!opened} />,
    Explore: () => <ExploreView data={data} ready={!!data && (!!trained || !!opened)} />,
    Keep: () => <KeepView trained={trained} onOpened={setOpened} />,
  };
  return (
    <>
      <header class="top">
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <h1>lstmkit</h1>
        <p class="tagline">train, try and explore recurrent networks in your browser</p>
        <p class="status" aria-live="polite">
          {data ? `${data.name}: ${data.train.toLocaleString()} train / ${data.test.toLocaleString()} test` : 'no data yet'}
          {opened ? ` · model ${opened.name}` : spec ? ` · ${spec.family}` : ''}
          {trained?.test?.accuracy !== undefined ? ` · held-out ${(trained.test.accuracy * 100).toFixed(1)}%` : ''}
        </p>
      </header>
      <nav aria-label="sections">
        <div role="tablist" class="tabs">
          {TABS.map((t) => (
            <button key={t} role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} tabIndex={tab === t ? 0 : -1} onClick={() => setTab(t)} onKeyDown={arrows}>
              {t}
            </button>
          ))}
        </div>
      </nav>
      <main>
        {TABS.map((t) => (
          <section key={t} role="tabpanel" id={`panel-${t}`} aria-labelledby={`tab-${t}`} hidden={tab !== t}>
            {views[t]()}
          </section>
        ))}
      </main>
    </>
  );
}
