import { createRegistry, parseOptions, type OptionsOf, type OptionsSchema, type RegisterOptions } from '@lstmkit/plugin';
import { AnalysisInputError, type Matrix } from '../matrix.js';
import type { Threads } from '../parallel/threads.js';

/** What every projection's `project` also takes, besides its own options. */
export interface ProjectionRunOptions {
  readonly seed?: number;
  /** Reports each stage in turn (t-SNE: neighbours, affinities, iterations). */
  readonly onProgress?: (done: number, total: number, stage?: string) => void;
  /** Cancels the run. */
  readonly signal?: AbortSignal;
  /** Worker threads the projection may share its work with (`nodeThreads()`, `webThreads()`); one thread if absent. */
  readonly threads?: Threads;
}

/**
 * A projection plugin, one file each: points in, 2-D points out. Its own options (perplexity, neighbours, …) are a
 * schema, from which the CLI makes `analyze`'s flags and a web page a form.
 */
export interface ProjectionPlugin<S extends OptionsSchema = OptionsSchema> {
  readonly name: string;
  readonly description: string;
  /** The projection's own options, each with a description, a type and a default. */
  readonly options: S;
  /** Projects the rows of `m` to 2-D; `options` are checked and completed by `project` (the function) first. */
  project(m: Matrix, options: OptionsOf<S> & ProjectionRunOptions): Promise<Matrix>;
}

const projections = createRegistry<ProjectionPlugin>('projection');

/** Adds a projection; a different one under a taken name is refused unless `replace` is set. */
export function registerProjection<S extends OptionsSchema>(p: ProjectionPlugin<S>, options?: RegisterOptions): void {
  projections.register(p as unknown as ProjectionPlugin, options);
}

/** Removes the projection registered under `name`; whether there was one. */
export const unregisterProjection = (name: string): boolean => projections.unregister(name);

/** Every registered projection, in registration order. */
export const listProjections = (): ProjectionPlugin[] => projections.list();

/** The projection registered under `name`; a `PluginNotFoundError` listing the registered names if there is none. */
export const getProjection = (name: string): ProjectionPlugin => projections.get(name);

/**
 * Projects `m` to 2-D with the projection registered under `name`, its options checked against its schema (an
 * unknown or bad one is an `AnalysisInputError` naming it and what is expected) and completed with its defaults.
 */
export function project(name: string, m: Matrix, options: Record<string, unknown> & ProjectionRunOptions = {}): Promise<Matrix> {
  const plugin = getProjection(name);
  const { seed, onProgress, signal, threads, ...own } = options;
  const parsed = parseOptions(plugin.options, own, (key, problem) => new AnalysisInputError(`${name} option "${key}": ${problem}`));
  return plugin.project(m, { ...parsed, ...(seed !== undefined ? { seed } : {}), ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}), ...(threads ? { threads } : {}) });
}
