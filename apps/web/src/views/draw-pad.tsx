import { useEffect, useRef, useState } from 'preact/hooks';
import type { DrawnImage } from '../protocol.js';

/** The keyboard cursor moves on MNIST's grid: 28 cells a side. */
const CELLS = 28;

/**
 * A canvas to draw on with a mouse, a finger or a pen (Pointer Events), or with the keyboard: the arrow keys move a
 * cursor cell by cell (shift: three cells), space puts the pen down or lifts it (moving with the pen down draws),
 * Enter paints a dot, Escape lifts the pen, Delete clears. Reports the pixels as the drawing changes.
 */
export function DrawPad({ onDraw, size = 280 }: { onDraw: (image: DrawnImage) => void; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number }>();
  const timer = useRef(0);
  const [cursor, setCursor] = useState({ row: 4, col: 14, pen: false });
  const [keyboard, setKeyboard] = useState(false);
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
  const line = (from: { x: number; y: number }, to: { x: number; y: number }, width = size / 13) => {
    const c = ctx();
    c.lineWidth = width;
    c.lineCap = 'round';
    c.strokeStyle = '#111';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x, to.y);
    c.stroke();
    soon();
  };
  const stroke = (e: PointerEvent) => {
    if (!last.current) return;
    const p = at(e);
    line(last.current, p, size / 13 + (e.pointerType === 'pen' ? e.pressure * 6 : 0));
    last.current = p;
  };
  const clear = () => {
    ctx().clearRect(0, 0, size, size);
    report();
  };
  const cell = size / CELLS;
  const centre = (c: { row: number; col: number }) => ({ x: (c.col + 0.5) * cell, y: (c.row + 0.5) * cell });
  const key = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 3 : 1;
    const moves: Record<string, [number, number]> = { ArrowUp: [-step, 0], ArrowDown: [step, 0], ArrowLeft: [0, -step], ArrowRight: [0, step] };
    const clamp = (v: number) => Math.min(CELLS - 1, Math.max(0, v));
    let next = cursor;
    if (moves[e.key]) {
      const [dr, dc] = moves[e.key]!;
      next = { ...cursor, row: clamp(cursor.row + dr), col: clamp(cursor.col + dc) };
      if (cursor.pen) line(centre(cursor), centre(next));
    } else if (e.key === ' ') {
      next = { ...cursor, pen: !cursor.pen };
      if (next.pen) line(centre(cursor), centre(cursor));
    } else if (e.key === 'Enter') line(centre(cursor), centre(cursor));
    else if (e.key === 'Escape') next = { ...cursor, pen: false };
    else if (e.key === 'Delete' || e.key === 'Backspace') clear();
    else return;
    e.preventDefault();
    setKeyboard(true);
    setCursor(next);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const where = `row ${cursor.row + 1}, column ${cursor.col + 1}, pen ${cursor.pen ? 'down' : 'up'}`;
  return (
    <div class="drawpad">
      <div class="drawpad-frame">
        <canvas
          ref={canvas}
          id="draw"
          width={size}
          height={size}
          tabIndex={0}
          role="application"
          aria-roledescription="drawing pad"
          aria-label="draw a digit with the mouse, a finger or a pen, or with the keyboard"
          aria-describedby="draw-keys"
          onFocus={(e) => setKeyboard(e.currentTarget.matches(':focus-visible'))}
          onBlur={() => setKeyboard(false)}
          onKeyDown={key}
          onPointerDown={(e) => {
            setKeyboard(false);
            canvas.current!.setPointerCapture(e.pointerId);
            last.current = at(e);
            stroke(e);
          }}
          onPointerMove={stroke}
          onPointerUp={() => {
            last.current = undefined;
            report();
          }}
          onPointerCancel={() => (last.current = undefined)}
        />
        {keyboard && <span class={`draw-cursor${cursor.pen ? ' down' : ''}`} aria-hidden="true" style={{ left: `${((cursor.col + 0.5) * 100) / CELLS}%`, top: `${((cursor.row + 0.5) * 100) / CELLS}%` }} />}
      </div>
      <p id="draw-keys" class="muted keys">
        Keyboard: arrows move, space pen down/up, Enter a dot, Delete clears.
      </p>
      <p id="draw-cursor" class="muted keys" aria-live="polite">
        {keyboard ? `cursor at ${where}` : ''}
      </p>
      <button id="clear" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
