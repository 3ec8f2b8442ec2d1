import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { DataKind, DrawnImage, Reading } from '../protocol.js';
import { DrawPad } from './draw-pad.js';
import { Probabilities } from './probabilities.js';
import { Thumb } from './thumb.js';
import { TraceView } from './trace-view.js';

/** The Try views of texts and series, fetched when first shown (they are not part of the first load). */
const LAZY = {
  text: () => import('./text-try.js').then((m) => m.TextTry),
  series: () => import('./forecast-try.js').then((m) => m.ForecastTry),
};

/** Try what the model reads: draw a digit, write a text, or see a series' forecast. */
export function TryView({ kind, ready }: { kind?: DataKind; ready: boolean }) {
  const [Lazy, setLazy] = useState<{ kind: DataKind; view: (p: { ready: boolean }) => preact.JSX.Element }>();
  useEffect(() => {
    if (kind === 'text' || kind === 'series') void LAZY[kind]().then((view) => setLazy({ kind, view }));
  }, [kind]);
  if (kind === 'text' || kind === 'series') return Lazy?.kind === kind ? <Lazy.view ready={ready} /> : <p class="muted">Loading…</p>;
  return <DrawTry image={kind === 'image'} ready={ready} />;
}

/** Draw a digit; it is prepared as MNIST's are and the model's class probabilities update as you draw. */
function DrawTry({ image, ready }: { image: boolean; ready: boolean }) {
  const [read, setRead] = useState<Reading>();
  const [error, setError] = useState<string>();
  const busy = useRef<DrawnImage | 'idle' | 'running'>('idle');
  // One prediction at a time; a drawing made meanwhile is read next (the latest only).
  const onDraw = async (image: DrawnImage) => {
    if (busy.current !== 'idle') return void (busy.current = image);
    busy.current = 'running';
    try {
      setRead(await call('predict', { image }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      const next = busy.current;
      busy.current = 'idle';
      if (typeof next === 'object') void onDraw(next);
    }
  };
  if (!image) return <div class="card"><h2>Try</h2><p class="muted">Try needs a model of 28×28 images (draw a digit), of texts (write one) or of a series (see its forecast): load such data and train a model on it, or open one. A model of a table has nothing to try here.</p></div>;
  const best = read && read.probabilities.length ? read.probabilities.indexOf(Math.max(...read.probabilities)) : -1;
  return (
    <div class="grid try">
      <div class="card">
        <h2>Draw a digit</h2>
        {!ready && <p class="muted">Train a model first (Train tab) or open one (Keep tab), then draw here.</p>}
        <DrawPad onDraw={onDraw} />
      </div>
      <div class="card">
        <h2>The model reads</h2>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="reading">
          {read?.digit && <Thumb pixels={read.digit} label="your drawing as the model sees it: 28 rows of 28 pixels" size={84} />}
          {/* Always present, so screen readers announce each new prediction. */}
          <p class="headline" aria-live="polite">
            {read?.digit && (
              <>
                prediction <strong id="prediction">{read.classNames[best] ?? best}</strong>
              </>
            )}
          </p>
        </div>
        {read && read.probabilities.length > 0 && <Probabilities probabilities={read.probabilities} classNames={read.classNames} />}
        {read && !read.digit && <p class="muted">Nothing drawn yet.</p>}
      </div>
      {read?.trace && (
        <div class="card wide-row">
          <TraceView trace={read.trace} />
        </div>
      )}
    </div>
  );
}
