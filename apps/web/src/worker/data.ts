import { csvFromText, getDataset, listDatasets, loadDataset, textFromText, timeseriesFromText, type DatasetSplits, type Preprocessing } from '@lstmkit/datasets';
import { datasetInfo } from '@lstmkit/trainer';
import type { DataInfo, DataKind, DataRequest, FileKind } from '../protocol.js';
import { state } from './state.js';

/** The datasets the browser entry of @lstmkit/datasets has registered (the page lists them, it names none). */
export const datasets = () => listDatasets().map((d) => ({ name: d.name, description: d.description }));

/** Loads a dataset by name into the worker and describes it for the page. */
export async function loadData(req: DataRequest, post: (stage: string, done: number, total: number) => void): Promise<DataInfo> {
  getDataset(req.dataset);
  const splits = await loadDataset(req.dataset, { ...req.options, onProgress: (p: { stage: string; done: number; total?: number }) => post(p.stage, p.done, p.total ?? 0) });
  state.data = splits;
  state.dataset = req.dataset;
  return describe();
}

/** How each kind of dropped file is read by @lstmkit/datasets' browser entry. */
const READERS: Record<FileKind, (text: string, name: string, options: Record<string, unknown>) => Promise<DatasetSplits>> = {
  table: csvFromText,
  text: textFromText,
  series: timeseriesFromText,
};

/** Reads a dropped CSV/TSV file with @lstmkit/datasets' browser entry (its errors name the line and column). */
export async function loadFile(req: { name: string; text: string; kind: FileKind; options: Record<string, unknown> }): Promise<DataInfo> {
  state.data = await READERS[req.kind](req.text, req.name, { seed: 0, ...req.options });
  state.dataset = req.name;
  return describe();
}

/** The loaded data as the page shows it (the trainer's record of a dataset, plus the split sizes). */
export function describe(): DataInfo {
  const { train, test } = state.data!;
  const { name, source, task, timesteps, features, classNames } = datasetInfo(train);
  const outputs = task === 'regression' ? (train.targetShape?.reduce((a, b) => a * b, 1) ?? 1) : task === 'binary' ? 1 : classNames!.length;
  return {
    name,
    source,
    task,
    train: train.shape[0],
    test: test.shape[0],
    timesteps,
    features,
    classNames,
    image: timesteps === 28 && features === 28,
    kind: kindOf({ timesteps, features, preprocessing: train.preprocessing }),
    specBase: { inputShape: [timesteps, features], head: { task, outputs } },
  };
}

/** What Try offers for data of this shape and preparation (a saved model's record has the same fields). */
export function kindOf(d: { timesteps: number; features: number; preprocessing?: Preprocessing }): DataKind {
  if (d.preprocessing?.kind === 'tokenize') return 'text';
  if (d.preprocessing?.kind === 'minmax' && d.preprocessing.target !== undefined && d.features === 1) return 'series';
  return d.timesteps === 28 && d.features === 28 ? 'image' : 'table';
}
