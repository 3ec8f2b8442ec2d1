import type { Sample } from '../protocol.js';
import { needData, state } from './state.js';

/** Test samples for the page to show: by index, or the ones in one cell of the confusion matrix. */
export function samples(req: { indices?: number[]; cell?: { actual: number; predicted: number }; max: number }): Sample[] {
  const { test } = needData();
  const names = test.classNames ?? [];
  let indices = req.indices ?? [];
  if (req.cell) {
    const predicted = state.predicted;
    if (!predicted) throw new Error('no predictions yet: train or evaluate a model first');
    indices = [];
    for (let i = 0; i < predicted.length && indices.length < req.max; i++) if (test.y[i] === req.cell.actual && predicted[i] === req.cell.predicted) indices.push(i);
  }
  const size = test.shape[1] * test.shape[2];
  return indices.slice(0, req.max).map((index) => ({
    index,
    label: names[test.y[index]!] ?? String(test.y[index]),
    predicted: state.predicted ? (names[state.predicted[index]!] ?? String(state.predicted[index])) : undefined,
    pixels: test.x.slice(index * size, (index + 1) * size),
  }));
}
