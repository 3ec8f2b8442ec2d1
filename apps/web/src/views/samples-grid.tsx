import type { Sample } from '../protocol.js';
import { Thumb } from './thumb.js';

/** Samples as thumbnails (images) or as index and labels (other data). */
export function SamplesGrid({ samples, image, title }: { samples: readonly Sample[]; image: boolean; title: string }) {
  return (
    <div class="samples" aria-live="polite">
      <h3>{title}</h3>
      {samples.length === 0 && <p class="muted">none</p>}
      <ul>
        {samples.map((s) => (
          <li key={s.index} class="sample" data-index={s.index}>
            {image && s.pixels && <Thumb pixels={s.pixels} label={`test sample ${s.index}: ${s.label}`} />}
            <span>
              #{s.index} is {s.label}
              {s.predicted !== undefined && s.predicted !== s.label ? `, read as ${s.predicted}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
