import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite specification: what a chart plugin makes and `renderSvg` draws. */
export type ChartSpec = TopLevelSpec;

/** A chart plugin: plain data in, a Vega-Lite spec out (rendered the same way in Node and in the browser). */
export interface ChartPlugin<D> {
  readonly name: string;
  readonly description: string;
  /** The chart of `data` as a Vega-Lite specification. */
  spec(data: D): ChartSpec;
}
