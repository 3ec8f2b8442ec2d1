import { DatasetError } from './errors.js';
import { csv } from './plugins/csv.js';
import { echo } from './plugins/echo.js';
import { fashionMnist } from './plugins/fashion-mnist.js';
import { idx } from './plugins/idx.js';
import { mnist } from './plugins/mnist.js';
import { nextToken } from './plugins/next-token.js';
import { text } from './plugins/text.js';
import { timeseries } from './plugins/timeseries.js';
import type { CommonLoadOptions, DatasetPlugin, DatasetSplits } from './types.js';

const plugins = new Map<string, DatasetPlugin<any>>();

/** Adds a dataset plugin (or replaces one of the same name). Third parties call this with their own plugin. */
export function registerDataset<O extends CommonLoadOptions>(plugin: DatasetPlugin<O>): void {
  plugins.set(plugin.name, plugin);
}

export function listDatasets(): DatasetPlugin[] {
  return [...plugins.values()];
}

export function getDataset(name: string): DatasetPlugin {
  const p = plugins.get(name);
  if (!p) throw new DatasetError(`dataset "${name}"`, `unknown dataset; registered: ${[...plugins.keys()].join(', ')}`);
  return p;
}

/** Loads a registered dataset by name. */
export function loadDataset(name: string, options?: CommonLoadOptions & Record<string, unknown>): Promise<DatasetSplits> {
  return getDataset(name).load(options);
}

for (const plugin of [mnist, fashionMnist, idx, csv, echo, text, timeseries, nextToken]) registerDataset(plugin as DatasetPlugin<any>);
