import { useRef, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { Projection, Sample } from '../protocol.js';
import { Thumb } from './thumb.js';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface View {
  scale: number;
  x: number;
  y: number;
}
type At = { x: number; y: number };

const HOME: View = { scale: 1, x: 0, y: 0 };
const [MIN_SCALE, MAX_SCALE] = [0.5, 20];
const PAN_STEP = 40;

/** `view` zoomed by `factor` about `at` (frame pixels): the point under `at` stays where it is. */
function zoomed(view: View, factor: number, at: At): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: at.x - k * (at.x - view.x), y: at.y - k * (at.y - view.y) };
}

/**
 * The projection drawn by @lstmkit/plot, made interactive by its points' data-index: hover shows the sample,
 * dragging a box selects the points in it (or pans, in pan mode or with shift), the wheel or two fingers zoom, and
 * the buttons or the keyboard (+, -, arrows, 0) zoom and pan too.
 */
export function Scatter({ projection, image, onSelect }: { projection: Projection; image: boolean; onSelect: (indices: number[]) => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>(HOME);
  const [centroids, setCentroids] = useState<'classes' | 'clusters'>('clusters');
  const [mode, setMode] = useState<'select' | 'pan'>('select');
  const [tip, setTip] = useState<{ sample: Sample; x: number; y: number }>();
  const [box, setBox] = useState<Box>();
  const drag = useRef<{ pan: boolean; x: number; y: number; view: View }>();
  // Pointers on the frame (two of them pinch) and the pinch's start: their distance, midpoint and the view then.
  const pointers = useRef(new Map<number, At>());
  const pinch = useRef<{ distance: number; mid: At; view: View }>();
  const cache = useRef(new Map<number, Sample>());
  const local = (e: { clientX: number; clientY: number }): At => {
    const r = frame.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const centre = (): At => ({ x: frame.current!.clientWidth / 2, y: frame.current!.clientHeight / 2 });
  const hover = async (e: PointerEvent) => {
    if (drag.current) return;
    const point = (e.target as Element).closest('[data-index]');
    if (!point) return setTip(undefined);
    const index = Number(point.getAttribute('data-index'));
    const at = local(e);
    let sample = cache.current.get(index);
    if (!sample) {
      [sample] = await call('samples', { indices: [index], max: 1 });
      cache.current.set(index, sample!);
    }
    setTip({ sample: sample!, x: at.x, y: at.y });
  };
  const twoFingers = () => {
    const [a, b] = [...pointers.current.values()] as [At, At];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  };
  const down = (e: PointerEvent) => {
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const at = local(e);
    pointers.current.set(e.pointerId, at);
    setTip(undefined);
    if (pointers.current.size === 2) {
      drag.current = undefined;
      setBox(undefined);
      pinch.current = { ...twoFingers(), view };
    } else drag.current = { pan: mode === 'pan' || e.shiftKey, ...at, view };
  };
  const move = (e: PointerEvent) => {
    const at = local(e);
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, at);
    const p = pinch.current;
    if (p && pointers.current.size === 2) {
      const now = twoFingers();
      const panned = { ...p.view, x: p.view.x + now.mid.x - p.mid.x, y: p.view.y + now.mid.y - p.mid.y };
      return setView(zoomed(panned, now.distance / p.distance, now.mid));
    }
    const d = drag.current;
    if (!d) return void hover(e);
    if (d.pan) setView({ ...d.view, x: d.view.x + at.x - d.x, y: d.view.y + at.y - d.y });
    else setBox({ x0: d.x, y0: d.y, x1: at.x, y1: at.y });
  };
  /** The points whose centres lie in `box` (frame pixels), by where they are drawn now (zoom and pan included). */
  const pointsIn = (box: Box): number[] => {
    const r = frame.current!.getBoundingClientRect();
    const [left, right] = [Math.min(box.x0, box.x1) + r.left, Math.max(box.x0, box.x1) + r.left];
    const [top, bottom] = [Math.min(box.y0, box.y1) + r.top, Math.max(box.y0, box.y1) + r.top];
    return [...frame.current!.querySelectorAll('[data-index]')]
      .filter((el) => {
        const p = el.getBoundingClientRect();
        const [cx, cy] = [p.left + p.width / 2, p.top + p.height / 2];
        return cx >= left && cx <= right && cy >= top && cy <= bottom;
      })
      .map((el) => Number(el.getAttribute('data-index')));
  };
  const up = (e: PointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pinch.current) {
      if (pointers.current.size < 2) pinch.current = undefined;
      return;
    }
    const d = drag.current;
    drag.current = undefined;
    setBox(undefined);
    if (d?.pan || !box) return;
    const inside = pointsIn(box);
    if (inside.length) onSelect(inside);
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    setView(zoomed(view, Math.exp(-e.deltaY / 400), local(e)));
  };
  const showInView = () => {
    const inside = pointsIn({ x0: 0, y0: 0, x1: frame.current!.clientWidth, y1: frame.current!.clientHeight });
    if (inside.length) onSelect(inside);
  };
  const keys: Record<string, () => void> = {
    '+': () => setView(zoomed(view, 1.25, centre())),
    '=': () => setView(zoomed(view, 1.25, centre())),
    '-': () => setView(zoomed(view, 0.8, centre())),
    ArrowLeft: () => setView({ ...view, x: view.x + PAN_STEP }),
    ArrowRight: () => setView({ ...view, x: view.x - PAN_STEP }),
    ArrowUp: () => setView({ ...view, y: view.y + PAN_STEP }),
    ArrowDown: () => setView({ ...view, y: view.y - PAN_STEP }),
    '0': () => setView(HOME),
    Enter: showInView,
  };
  const key = (e: KeyboardEvent) => {
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
  return (
    <div class="scatter">
      <div class="scatter-tools">
        <fieldset class="segmented">
          <legend>centroids</legend>
          {(['classes', 'clusters'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="centroids" value={c} checked={centroids === c} onChange={() => setCentroids(c)} />
              {c === 'classes' ? 'classes' : `k-means (k=${projection.clusters})`}
            </label>
          ))}
        </fieldset>
        <fieldset class="segmented">
          <legend>drag to</legend>
          {(['select', 'pan'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="drag-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m}
            </label>
          ))}
        </fieldset>
        <span class="zoom-buttons">
          <button id="zoom-in" aria-label="zoom in" onClick={() => setView(zoomed(view, 1.25, centre()))}>
            +
          </button>
          <button id="zoom-out" aria-label="zoom out" onClick={() => setView(zoomed(view, 0.8, centre()))}>
            −
          </button>
          <button id="zoom-reset" onClick={() => setView(HOME)}>
            Reset
          </button>
          <output id="zoom-level" aria-label="zoom">
            {Math.round(view.scale * 100)}%
          </output>
        </span>
        <button id="select-in-view" onClick={showInView}>
          Show points in view
        </button>
      </div>
      <div
        ref={frame}
        class={`scatter-frame ${mode}`}
        id="projection-chart"
        tabIndex={0}
        role="group"
        aria-roledescription="zoomable chart"
        aria-label={`projection of ${projection.samples} test samples with ${centroids === 'classes' ? 'class' : 'k-means'} centroids. Drag to ${mode}, shift-drag to pan, wheel or pinch to zoom; keys: + and - zoom, arrows pan, 0 resets, Enter shows the points in view`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={() => !drag.current && setTip(undefined)}
        onWheel={wheel}
        onKeyDown={key}
      >
        <div class="scatter-inner" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }} dangerouslySetInnerHTML={{ __html: projection.svg[centroids] }} />
        {box && <div class="brush" style={{ left: Math.min(box.x0, box.x1), top: Math.min(box.y0, box.y1), width: Math.abs(box.x1 - box.x0), height: Math.abs(box.y1 - box.y0) }} />}
        {tip && (
          <div class="tooltip" role="tooltip" id="point-tooltip" style={{ left: tip.x + 12, top: tip.y + 12 }}>
            {image && tip.sample.pixels && <Thumb pixels={tip.sample.pixels} label={`sample ${tip.sample.index}`} />}
            <span>
              #{tip.sample.index}: {tip.sample.label}
              {tip.sample.predicted && tip.sample.predicted !== tip.sample.label ? ` (read as ${tip.sample.predicted})` : ''}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
