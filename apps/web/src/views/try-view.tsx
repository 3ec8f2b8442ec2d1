import { useRef, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { DrawnImage, Reading } from '../protocol.js';
import { DrawPad } from './draw-pad.js';
import { Probabilities } from './probabilities.js';
import { Thumb } from './thumb.js';
import { TraceView } from './trace-view.js';

/** Draw a digit; it is prepared as MNIST's are and the model's class probabilities update as you draw. */
export function TryView({ image, ready }: { image: boolean; ready: boolean }) {
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
  if (!image) return <div class="card"><h2>Try</h2><p class="muted">Drawing needs a model of 28×28 images: load MNIST digits and train a model on them, or open one trained on them.</p></div>;
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
