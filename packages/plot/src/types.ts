import type { TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

/** A chart plugin: plain data in, a Vega-Lite spec out (rendered the same way in Node and in the browser). */
export interface ChartPlugin<D> {
  readonly name: string;
  readonly description: string;
  spec(data: D): ChartSpec;
}
