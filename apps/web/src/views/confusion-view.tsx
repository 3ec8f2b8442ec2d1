import { useState } from 'preact/hooks';
import { call } from '../client.js';
import type { Sample } from '../protocol.js';
import { SamplesGrid } from './samples-grid.js';
import { Svg } from './svg.js';

/** The held-out confusion matrix; a cell (or one of the largest confusions listed) opens its examples. */
export function ConfusionView({ svg, matrix, classNames, image }: { svg: string; matrix: number[][]; classNames: readonly string[]; image: boolean }) {
  const [open, setOpen] = useState<{ actual: number; predicted: number; samples: Sample[] }>();
  const show = async (actual: number, predicted: number) => setOpen({ actual, predicted, samples: await call('samples', { cell: { actual, predicted }, max: 24 }) });
  const confusions = matrix
    .flatMap((row, actual) => row.map((count, predicted) => ({ actual, predicted, count })))
    .filter((c) => c.actual !== c.predicted && c.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, 6);
  const onClick = (e: MouseEvent) => {
    const cell = (e.target as Element).closest('[data-true][data-pred]');
    if (cell) void show(Number(cell.getAttribute('data-true')), Number(cell.getAttribute('data-pred')));
  };
  const name = (i: number) => classNames[i] ?? String(i);
  return (
    <div class="confusion">
      <Svg svg={svg} label="held-out confusion matrix: actual class by row, predicted class by column" id="confusion-chart" onClick={onClick} />
      <div>
        <h3>Most confused</h3>
        <ul class="chips">
          {confusions.map((c) => (
            <li key={`${c.actual}-${c.predicted}`}>
              <button class="chip" onClick={() => void show(c.actual, c.predicted)}>
                {name(c.actual)} read as {name(c.predicted)}: {c.count}
              </button>
            </li>
          ))}
        </ul>
        {open && <SamplesGrid samples={open.samples} image={image} title={`${name(open.actual)} read as ${name(open.predicted)}`} />}
      </div>
    </div>
  );
}
