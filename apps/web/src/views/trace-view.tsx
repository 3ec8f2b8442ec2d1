import type { Trace } from '../protocol.js';
import { Svg } from './svg.js';

/** How the model read the image row by row: its guess after each row, and every unit's hidden state per row. */
export function TraceView({ trace }: { trace: Trace }) {
  return (
    <div class="trace">
      {trace.after.length > 0 && (
        <>
          <h3>The guess after each row</h3>
          <ol class="after-rows" id="after-rows" aria-label="the most likely class after each row the model has read">
            {trace.after.map((a, row) => (
              <li key={row} style={{ opacity: 0.25 + 0.75 * a.p }} title={`after row ${row + 1}: ${a.label} (${(100 * a.p).toFixed(0)}%)`}>
                {a.label}
              </li>
            ))}
          </ol>
        </>
      )}
      <Svg svg={trace.svg} id="trace-chart" label={`hidden state of the ${trace.units} units of ${trace.layer} after each of the ${trace.steps} rows`} />
    </div>
  );
}
