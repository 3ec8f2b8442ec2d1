import type { Event } from '../protocol.js';

/** A labelled progress bar (or a status line) for the worker's long work. */
export function ProgressLine({ p, label }: { p?: Extract<Event, { event: 'progress' | 'status' }>; label: string }) {
  if (!p) return null;
  if (p.event === 'status') return <p class="progress-text" role="status">{p.text}</p>;
  return (
    <div class="progress" role="status">
      <span>{p.stage}</span>
      <progress aria-label={label} max={p.total || 1} value={p.done} />
      <span>{p.total ? `${Math.round((100 * p.done) / p.total)}%` : p.done.toLocaleString()}</span>
    </div>
  );
}
