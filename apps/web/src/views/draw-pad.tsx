import { useEffect, useRef } from 'preact/hooks';
import type { DrawnImage } from '../protocol.js';

/** A canvas to draw on with a mouse, a finger or a pen (Pointer Events); reports the pixels as the drawing changes. */
export function DrawPad({ onDraw, size = 280 }: { onDraw: (image: DrawnImage) => void; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number }>();
  const timer = useRef(0);
  const ctx = () => canvas.current!.getContext('2d', { willReadFrequently: true })!;
  const report = () => {
    const { data, width, height } = ctx().getImageData(0, 0, size, size);
    onDraw({ data, width, height });
  };
  // Redraw the prediction at most every 120 ms while drawing, and once when the stroke ends.
  const soon = () => {
    if (!timer.current) timer.current = window.setTimeout(() => ((timer.current = 0), report()), 120);
  };
  const at = (e: PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * size) / r.width, y: ((e.clientY - r.top) * size) / r.height };
  };
  const stroke = (e: PointerEvent) => {
    if (!last.current) return;
    const p = at(e);
    const c = ctx();
    c.lineWidth = size / 13 + (e.pointerType === 'pen' ? e.pressure * 6 : 0);
    c.lineCap = 'round';
    c.strokeStyle = '#111';
    c.beginPath();
    c.moveTo(last.current.x, last.current.y);
    c.lineTo(p.x, p.y);
    c.stroke();
    last.current = p;
    soon();
  };
  const clear = () => {
    ctx().clearRect(0, 0, size, size);
    report();
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <div class="drawpad">
      <canvas
        ref={canvas}
        id="draw"
        width={size}
        height={size}
        role="img"
        aria-label="drawing area: draw a digit with the mouse, a finger or a pen"
        onPointerDown={(e) => {
          canvas.current!.setPointerCapture(e.pointerId);
          last.current = at(e);
          stroke(e);
        }}
        onPointerMove={stroke}
        onPointerUp={() => {
          last.current = undefined;
          report();
        }}
      />
      <button id="clear" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
