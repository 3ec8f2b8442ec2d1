import { digitFromPixels } from '@lstmkit/datasets';
import { hiddenStateHeatmap, renderSvg } from '@lstmkit/plot';
import { predict, recurrentTrace } from '@lstmkit/trainer';
import type { DrawnImage, Reading } from '../protocol.js';
import { needModel, recurrentLayerName, state } from './state.js';

/**
 * A drawing prepared as MNIST's digits were (@lstmkit/datasets), then read by the current model row by row
 * (@lstmkit/trainer's recurrentTrace): the hidden state of every unit after every row, and the prediction after
 * each row, whose last one is the model's prediction for the whole image.
 */
export async function predictDrawing({ image }: { image: DrawnImage }): Promise<Reading> {
  const model = needModel();
  const classNames = state.classNames ?? [];
  const digit = digitFromPixels(image);
  if (!digit) return { digit: null, probabilities: [], classNames };
  const rows = Array.from({ length: 28 }, (_, r) => Array.from(digit.subarray(28 * r, 28 * r + 28)));
  const t = await recurrentTrace(model, [rows], { layer: recurrentLayerName(model) });
  const k = t.outputs ?? 0;
  const step = (s: number) => Array.from(t.predictions?.subarray(s * k, (s + 1) * k) ?? []);
  const after = Array.from({ length: t.predictions ? t.steps : 0 }, (_, s) => {
    const p = step(s);
    const best = p.indexOf(Math.max(...p));
    return { label: classNames[best] ?? String(best), p: p[best]! };
  });
  // A model without a per-step head (see recurrentTrace's note) is still read whole.
  const probabilities = t.predictions ? step(t.steps - 1) : Array.from((await predict(model, [rows])).outputs);
  return { digit, probabilities, classNames, trace: { layer: t.layer, steps: t.steps, units: t.units, hidden: t.hidden, after, svg: await renderSvg(hiddenStateHeatmap.spec({ values: t.hidden, steps: t.steps, units: t.units, title: `${t.layer}: hidden state of each unit after each row` })) } };
}
