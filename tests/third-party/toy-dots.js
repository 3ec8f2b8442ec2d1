// A chart of 2-D points (the 'scatter' data every scatter chart draws), as squares, without centroids.
import { registerChart } from '@lstmkit/plot';

/** @type {import('@lstmkit/plot').ChartPlugin<import('@lstmkit/plot').ScatterData>} */
export const toyDots = {
  name: 'toy-dots',
  description: '2-D points as squares, coloured by class',
  data: 'scatter',
  spec({ points, labels, classNames, title }) {
    const values = Array.from({ length: labels.length }, (_, i) => ({ x: points[2 * i], y: points[2 * i + 1], class: classNames[labels[i]] ?? String(labels[i]) }));
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      width: 320,
      height: 240,
      data: { values },
      mark: { type: 'square', size: 20 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'class', type: 'nominal' } },
    };
  },
};

registerChart(toyDots);
