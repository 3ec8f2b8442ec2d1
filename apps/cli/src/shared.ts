import { Option, type Command } from 'commander';
import type { DatasetSplits, LoadProgress, StreamSplits } from '@lstmkit/datasets';
import { getDataset, loadDataset } from '@lstmkit/datasets/node';
import { loadModel, type LoadedModel } from '@lstmkit/trainer/node';
import { UsageError } from './errors.js';
import { int, fraction } from './parse.js';
import { loadProgress } from './progress.js';

/** How a dataset was loaded; saved with the model so `evaluate` can load the same test split again. */
export interface DatasetRequest {
  readonly name: string;
  readonly source?: string;
  readonly seed: number;
  readonly testFraction?: number;
  readonly limit?: number;
  readonly verify?: boolean;
  /** Plugin options (--set key=value). */
  readonly options?: Record<string, unknown>;
  /** Read the training data as a stream (for data larger than memory). */
  readonly stream?: boolean;
}

/** Dataset options of evaluate and predict: by default the dataset and split the model was trained on. */
export function addDatasetOptions(cmd: Command): Command {
  return cmd
    .option('--dataset <name>', 'registered dataset (default: the one the model was trained on)')
    .option('--source <path|url>', 'where the data is: a directory, file or URL (default: the embedded data)')
    .option('--limit <n>', 'use at most N training samples (seeded choice)', int('--limit'))
    .option('--test-fraction <f>', 'test share when the source has no test split', fraction('--test-fraction'))
    .addOption(new Option('--no-verify', 'skip checksum verification of known files'));
}

export function datasetRequest(o: Record<string, any>, seed: number, fallback?: DatasetRequest): DatasetRequest {
  return {
    name: o.dataset ?? fallback?.name ?? 'mnist',
    source: o.source ?? (o.dataset ? undefined : fallback?.source),
    seed: fallback?.seed ?? seed,
    testFraction: o.testFraction ?? fallback?.testFraction,
    limit: o.limit ?? fallback?.limit,
    verify: o.verify === false ? false : fallback?.verify,
    // Same dataset as in training: same plugin options and same way of reading, hence the same test split.
    ...(o.dataset && o.dataset !== fallback?.name ? {} : { options: fallback?.options, stream: fallback?.stream }),
  };
}

export function loadRequested(req: DatasetRequest & { stream: true }, quiet?: boolean): Promise<DatasetSplits | StreamSplits>;
export function loadRequested(req: DatasetRequest, quiet?: boolean): Promise<DatasetSplits>;
export function loadRequested(req: DatasetRequest, quiet = false): Promise<DatasetSplits | StreamSplits> {
  const onProgress = quiet ? undefined : loadProgress();
  const { options, stream, ...common } = req;
  if (stream) {
    const plugin = getDataset(req.name);
    const streaming = (plugin.stream ?? (() => Promise.reject(new UsageError(`--stream: the ${req.name} dataset cannot be streamed (its data is read whole)`)))) as NonNullable<typeof plugin.stream>;
    return streaming.call(plugin, { ...options, ...common, onProgress });
  }
  return loadDataset(req.name, { ...options, ...common, onProgress });
}

/** Prints a value as JSON on stdout (the only thing on stdout with --json). */
export const printJson = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);

/** Progress and logs go to stderr. */
export const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

/** Results go to stdout, so that `lstmkit datasets | grep csv` finds them. */
export const out = (msg: string): void => void process.stdout.write(`${msg}\n`);

/** Class name -> number of samples, in class order. */
export const classTable = (names: readonly string[], counts: readonly number[]): Record<string, number> => Object.fromEntries(names.map((n, i) => [n, counts[i] ?? 0]));

/** "0: 400, 1: 214", or "0, 1" without counts (names quoted when they hold spaces or control characters; long lists shortened). */
export function formatClasses(names: readonly string[], counts?: readonly number[], max = 30): string {
  const name = (n: string) => (/^[^\s\p{Cc}:,]+$/u.test(n) ? n : JSON.stringify(n));
  const shown = names.slice(0, max).map((n, i) => (counts ? `${name(n)}: ${counts[i] ?? 0}` : name(n)));
  if (names.length > max) shown.push(`… ${names.length - max} more classes`);
  return shown.join(', ');
}

/** A saved model (see `loadModel`), telling the user on stderr what they should know about it (e.g. no checksums). */
export async function loadSavedModel(dir: string): Promise<Omit<LoadedModel, 'warnings'>> {
  const { model, metadata, warnings } = await loadModel(dir);
  for (const w of warnings) log(`warning: ${w}`);
  return { model, metadata };
}
