import { createRegistry, parseOptions, type OptionsSchema, type RegisterOptions } from '@lstmkit/plugin';
import { DatasetError } from './errors.js';
import type { KnownDatasets } from './known-datasets.js';
import { COMMON_LOAD_OPTIONS, type CommonLoadOptions, type DatasetPlugin, type DatasetSplits, type LoadOptions, type StreamSplits } from './types.js';

const datasets = createRegistry<DatasetPlugin>('dataset', {
  // The file and download loaders live in the Node entry; a program that imported only the main entry sees echo.
  notFoundHint: (names) => (names.includes('csv') ? '' : " (the file and download datasets, mnist, csv, text, timeseries…, are registered by importing '@lstmkit/datasets/node', in Node)"),
});

/** Adds a dataset plugin; a different plugin under a taken name is refused unless `replace` is set. */
export function registerDataset<S extends OptionsSchema>(plugin: DatasetPlugin<S>, options?: RegisterOptions): void {
  datasets.register(plugin as unknown as DatasetPlugin, options);
}

/** Removes the dataset registered under `name`; whether there was one. */
export const unregisterDataset = (name: string): boolean => datasets.unregister(name);

/** Every registered dataset plugin, in registration order. */
export const listDatasets = (): DatasetPlugin[] => datasets.list();

/** The dataset plugin registered under `name`; a `PluginNotFoundError` listing the registered names if there is none. */
export const getDataset = (name: string): DatasetPlugin => datasets.get(name);

/** The options `loadDataset(name, …)` takes: a known dataset's own, typed; any other registered name, untyped. */
export type DatasetOptions<N extends string> = N extends keyof KnownDatasets ? LoadOptions<KnownDatasets[N]['options']> : CommonLoadOptions & Record<string, unknown>;

/**
 * Checks options for a dataset against its schema: the common options pass as they are, the plugin's own are
 * checked and their defaults filled in. An unknown key is a `DatasetError` that names the dataset's known options.
 */
export function datasetOptions(plugin: DatasetPlugin, options: Record<string, unknown> = {}): LoadOptions {
  const common: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) ((COMMON_LOAD_OPTIONS as readonly string[]).includes(k) ? common : own)[k] = v;
  const parsed = parseOptions(plugin.options, own, (key, problem) =>
    new DatasetError(`${plugin.name} option "${key}"`, problem.startsWith('unknown option') ? `${problem} (and the options of every dataset: ${COMMON_LOAD_OPTIONS.join(', ')})` : problem),
  );
  return { ...common, ...parsed };
}

/**
 * Loads a registered dataset by name, its options checked against the plugin's schema first. A dataset this package
 * knows (or one a third party declared in `KnownDatasets`) has typed options: a misspelt key does not compile.
 */
export async function loadDataset<N extends string>(name: N, options?: DatasetOptions<N>): Promise<DatasetSplits> {
  const plugin = getDataset(name);
  return plugin.load(datasetOptions(plugin, options as Record<string, unknown> | undefined));
}

/** Streams a registered dataset by name (plugins that can read data larger than memory), options checked as `loadDataset`'s. */
export async function streamDataset<N extends string>(name: N, options?: DatasetOptions<N>): Promise<StreamSplits> {
  const plugin = getDataset(name);
  if (!plugin.stream) throw new DatasetError(`dataset "${name}"`, 'cannot be streamed (its data is read whole)');
  return plugin.stream(datasetOptions(plugin, options as Record<string, unknown> | undefined));
}
