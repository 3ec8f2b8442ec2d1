import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite specification: what a chart plugin makes and `renderSvg` draws. */
export type ChartSpec = TopLevelSpec;

/** A chart plugin: plain data in, a Vega-Lite spec out (rendered the same way in Node and in the browser). */
export interface ChartPlugin<D> {
  readonly name: string;
  readonly description: string;
  /**
   * Which data contract it draws, so an app can offer every chart that fits what it has: 'scatter' (`ScatterData`:
   * 2-D points with classes, e.g. an embedding), 'epochs' (`EpochFigures[]`), 'confusion' (a confusion matrix),
   * 'forecast' (`ForecastData`), 'heatmap' (`HiddenStateData`), or a third party's own.
   */
  readonly data: string;
  /** The chart of `data` as a Vega-Lite specification. */
  spec(data: D): ChartSpec;
}
