import { itemDescription } from '../item-data.js';
import type { ChartPlugin } from '../types.js';

/** 2-D points with their class labels, and optional labelled centroids. */
export interface ScatterData {
  /** 2-D points, row-major [n, 2]. */
  readonly points: ArrayLike<number>;
  /** Class id of each point. */
  readonly labels: ArrayLike<number>;
  readonly classNames: readonly string[];
  /** Marked centroids, e.g. of each class or cluster. */
  readonly centroids?: readonly { readonly x: number; readonly y: number; readonly label: string }[];
  readonly title?: string;
}

/**
 * Points coloured by class (10 distinct colours), centroids as labelled crosses on top. Each point carries
 * `data-index` (its row), each centroid `data-centroid` (its position in `centroids`) and "centroid <label>".
 */
export const embeddingScatter: ChartPlugin<ScatterData> = {
  name: 'embedding-scatter',
  data: 'scatter',
  description: '2-D embedding coloured by class, with labelled centroids',
  spec({ points, labels, classNames, centroids = [], title }) {
    const values = Array.from({ length: labels.length }, (_, i) => {
      const name = classNames[labels[i]!] ?? String(labels[i]);
      return { x: points[2 * i]!, y: points[2 * i + 1]!, class: name, item: itemDescription({ index: i }, `point ${i}: ${name}`) };
    });
    const axis = { title: null, grid: false, labels: false, ticks: false, domain: false };
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...(title ? { title } : {}),
      config: { font: 'DejaVu Sans, sans-serif', view: { stroke: '#ddd' } },
      width: 560,
      height: 480,
      layer: [
        {
          data: { values },
          mark: { type: 'circle', size: values.length > 2000 ? 6 : 18, opacity: 0.6 },
          encoding: {
            x: { field: 'x', type: 'quantitative', axis, scale: { zero: false } },
            y: { field: 'y', type: 'quantitative', axis, scale: { zero: false } },
            color: { field: 'class', type: 'nominal', sort: [...classNames], scale: { scheme: classNames.length <= 10 ? 'category10' : 'tableau20' }, legend: { title: 'class', symbolOpacity: 1 } },
            description: { field: 'item' },
          },
        },
        {
          data: { values: centroids.map((c, i) => ({ ...c, item: itemDescription({ centroid: i }, `centroid ${c.label}`) })) },
          layer: [
            {
              mark: { type: 'point', shape: 'cross', size: 220, filled: true, color: 'black', stroke: 'white', strokeWidth: 1 },
              encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, description: { field: 'item' } },
            },
            { mark: { type: 'text', dx: 10, dy: -10, fontSize: 13, fontWeight: 'bold', stroke: 'white', strokeWidth: 0.5 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } },
          ],
        },
      ],
    };
  },
};
