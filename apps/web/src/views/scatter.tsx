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

/**
 * The projection drawn by @lstmkit/plot, made interactive by its points' data-index: hover shows the sample,
 * dragging a box selects the points in it, the wheel zooms and shift-drag pans.
 */
export function Scatter({ projection, image, onSelect }: { projection: Projection; image: boolean; onSelect: (indices: number[]) => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ scale: 1, x: 0, y: 0 });
  const [tip, setTip] = useState<{ sample: Sample; x: number; y: number }>();
  const [box, setBox] = useState<Box>();
  const drag = useRef<{ pan: boolean; x: number; y: number; view: typeof view }>();
  const cache = useRef(new Map<number, Sample>());
  const local = (e: PointerEvent | WheelEvent) => {
    const r = frame.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
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
  const down = (e: PointerEvent) => {
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    const at = local(e);
    drag.current = { pan: e.shiftKey, ...at, view };
    setTip(undefined);
  };
  const move = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return void hover(e);
    const at = local(e);
    if (d.pan) setView({ ...d.view, x: d.view.x + at.x - d.x, y: d.view.y + at.y - d.y });
    else setBox({ x0: d.x, y0: d.y, x1: at.x, y1: at.y });
  };
  const up = () => {
    const d = drag.current;
    drag.current = undefined;
    if (d?.pan || !box) return setBox(undefined);
    const r = frame.current!.getBoundingClientRect();
    const [left, right] = [Math.min(box.x0, box.x1) + r.left, Math.max(box.x0, box.x1) + r.left];
    const [top, bottom] = [Math.min(box.y0, box.y1) + r.top, Math.max(box.y0, box.y1) + r.top];
    const inside = [...frame.current!.querySelectorAll('[data-index]')].filter((el) => {
      const p = el.getBoundingClientRect();
      const [cx, cy] = [p.left + p.width / 2, p.top + p.height / 2];
      return cx >= left && cx <= right && cy >= top && cy <= bottom;
    });
    setBox(undefined);
    if (inside.length) onSelect(inside.map((el) => Number(el.getAttribute('data-index'))));
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    const at = local(e);
    const factor = Math.exp(-e.deltaY / 400);
    const scale = Math.min(20, Math.max(0.5, view.scale * factor));
    const k = scale / view.scale;
    setView({ scale, x: at.x - k * (at.x - view.x), y: at.y - k * (at.y - view.y) });
  };
  return (
    <div class="scatter">
      <div class="scatter-tools">
        <button onClick={() => setView({ scale: 1, x: 0, y: 0 })}>Reset zoom</button>
        <span class="muted">{Math.round(view.scale * 100)}%</span>
      </div>
      <div
        ref={frame}
        class="scatter-frame"
        id="projection-chart"
        role="img"
        aria-label={`projection of ${projection.samples} test samples; drag to select, wheel to zoom, shift-drag to pan`}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={() => !drag.current && setTip(undefined)}
        onWheel={wheel}
      >
        <div class="scatter-inner" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }} dangerouslySetInnerHTML={{ __html: projection.svg }} />
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
