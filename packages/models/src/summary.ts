import type { LayersModel } from './tf.js';

/** One row of a Keras-style summary: a layer's name, class, output shape and parameter count. */
export interface LayerSummary {
  readonly name: string;
  /** Keras class name, e.g. "LSTM", "Dense". */
  readonly type: string;
  /** Keras notation, e.g. "(None, 28, 128)". */
  readonly outputShape: string;
  readonly params: number;
}

/** A Keras-style model summary: its layers and parameter totals. */
export interface ModelSummary {
  readonly name: string;
  readonly layers: readonly LayerSummary[];
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
}

const shapeText = (s: unknown): string => {
  const one = (dims: (number | null)[]) => `(${dims.map((d) => (d === null ? 'None' : String(d))).join(', ')}${dims.length === 1 ? ',' : ''})`;
  const shapes = s as (number | null)[] | (number | null)[][];
  return Array.isArray(shapes[0]) ? (shapes as (number | null)[][]).map(one).join(', ') : one(shapes as (number | null)[]);
};
const count = (ws: { shape: (number | null)[] }[]) => ws.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);

/** Layer names, types, output shapes and parameter counts, as Keras' `model.summary()` reports them. */
export function summarizeModel(model: LayersModel): ModelSummary {
  const layers = model.layers.map((l) => ({ name: l.name, type: l.getClassName(), outputShape: shapeText(l.outputShape), params: l.countParams() }));
  const trainableParams = count(model.trainableWeights);
  const nonTrainableParams = count(model.nonTrainableWeights);
  return { name: model.name, layers, totalParams: trainableParams + nonTrainableParams, trainableParams, nonTrainableParams };
}

/** Bytes as Keras prints them (float32 weights, 1024-based units, two decimals). */
function memory(params: number): string {
  let bytes = params * 4;
  for (const unit of ['B', 'KB', 'MB', 'GB']) {
    if (bytes < 1024 || unit === 'GB') return `${bytes.toFixed(2)} ${unit}`;
    bytes /= 1024;
  }
  return '';
}

/** The summary as Keras 3 draws it (box table, then total / trainable / non-trainable params with sizes). */
export function formatSummary(s: ModelSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const rows = s.layers.map((l) => [`${l.name} (${l.type})`, l.outputShape, n(l.params)]);
  const head = ['Layer (type)', 'Output Shape', 'Param #'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)) + 2);
  const cell = (r: string[]) => r.map((c, i) => (i === 2 ? ` ${c.padStart(w[i]! - 2)} ` : ` ${c.padEnd(w[i]! - 2)} `));
  const line = (l: string, m: string, r: string, f: string) => l + w.map((x) => f.repeat(x)).join(m) + r;
  const out = [`Model: "${s.name}"`, line('┏', '┳', '┓', '━'), `┃${cell(head).join('┃')}┃`, line('┡', '╇', '┩', '━')];
  rows.forEach((r, i) => {
    out.push(`│${cell(r).join('│')}│`);
    if (i < rows.length - 1) out.push(line('├', '┼', '┤', '─'));
  });
  out.push(line('└', '┴', '┘', '─'));
  out.push(` Total params: ${n(s.totalParams)} (${memory(s.totalParams)})`);
  out.push(` Trainable params: ${n(s.trainableParams)} (${memory(s.trainableParams)})`);
  out.push(` Non-trainable params: ${n(s.nonTrainableParams)} (${memory(s.nonTrainableParams)})`);
  return out.join('\n');
}
