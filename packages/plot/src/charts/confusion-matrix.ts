import { itemDescription } from '../item-data.js';
import type { ChartPlugin } from '../types.js';

/**
 * Counts of (actual, predicted) pairs as a heatmap with the count in each cell. Each cell carries `data-true` and
 * `data-pred` (class ids) and `data-count`, so a page can open the examples behind a cell.
 */
export const confusionMatrix: ChartPlugin<{ matrix: readonly (readonly number[])[]; classNames: readonly string[]; title?: string }> = {
  name: 'confusion-matrix',
  description: 'actual x predicted class counts as a heatmap',
  spec({ matrix, classNames, title }) {
    const values = matrix.flatMap((row, a) =>
      row.map((count, p) => ({ actual: classNames[a], predicted: classNames[p], count, item: itemDescription({ true: a, pred: p, count }, `actual ${classNames[a]}, predicted ${classNames[p]}: ${count}`) })),
    );
    const max = Math.max(1, ...values.map((v) => v.count));
    const size = Math.max(240, Math.min(560, classNames.length * 42));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      config: { font: 'DejaVu Sans, sans-serif' },
      width: size,
      height: size,
      data: { values },
      encoding: {
        x: { field: 'predicted', type: 'ordinal', sort: [...classNames], axis: { labelAngle: classNames.some((n) => n.length > 3) ? -40 : 0 } },
        y: { field: 'actual', type: 'ordinal', sort: [...classNames] },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' }, legend: null }, description: { field: 'item' } } },
        {
          mark: { type: 'text', fontSize: classNames.length > 12 ? 8 : 11 },
          encoding: {
            text: { field: 'count', type: 'quantitative' },
            color: { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: 'black' },
          },
        },
      ],
    };
  },
};
