import { DatasetError } from './errors.js';
import { echo } from './plugins/echo.js';
import type { CommonLoadOptions, DatasetPlugin, DatasetSplits } from './types.js';

const plugins = new Map<string, DatasetPlugin<any>>();

/** Adds a dataset plugin (or replaces one of the same name). Third parties call this with their own plugin. */
export function registerDataset<O extends CommonLoadOptions>(plugin: DatasetPlugin<O>): void {
  plugins.set(plugin.name, plugin);
}

/** Every registered dataset plugin, in registration order. */
export function listDatasets(): DatasetPlugin[] {
  return [...plugins.values()];
}

/** The dataset plugin registered under `name`; a `DatasetError` listing the registered names if there is none. */
export function getDataset(name: string): DatasetPlugin {
  const p = plugins.get(name);
  if (!p) {
    // The file and download loaders live in the Node entry; a program that imported only the main entry sees echo.
    const hint = plugins.has('csv') ? '' : " (the file and download datasets, mnist, csv, text, timeseries…, are registered by importing '@lstmkit/datasets/node', in Node)";
    throw new DatasetError(`dataset "${name}"`, `unknown dataset; registered: ${[...plugins.keys()].join(', ')}${hint}`);
  }
  return p;
}

/** Loads a registered dataset by name. */
export function loadDataset(name: string, options?: CommonLoadOptions & Record<string, unknown>): Promise<DatasetSplits> {
  return getDataset(name).load(options);
}

registerDataset(echo as DatasetPlugin<any>);
