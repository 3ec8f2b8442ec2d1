// The one contract between the page and its worker. The page sends a Request with an id and gets one Reply with
// that id; while a request runs, the worker also posts Events (training progress, projection progress). Everything
// is structured-cloneable (typed arrays, plain objects, SVG text): no tfjs object crosses the boundary.
import type { ModelSpec, ModelSummary } from '@lstmkit/models';
import type { JsonSchema } from './ui/schema.js';

/** A dataset chosen by registry name with its loader options, or the samples of a file the person dropped. */
export interface DataRequest {
  readonly dataset: string;
  readonly options: Record<string, unknown>;
}

/** What a model reads, as the Try tab sees it. */
export type DataKind = 'image' | 'text' | 'series' | 'table';

/** What a dropped file holds, which decides how @lstmkit/datasets reads it. */
export type FileKind = 'table' | 'text' | 'series';

/** What the page shows of a loaded dataset. */
export interface DataInfo {
  readonly name: string;
  readonly source: string;
  readonly task: 'multiclass' | 'binary' | 'regression';
  readonly train: number;
  readonly test: number;
  readonly timesteps: number;
  readonly features: number;
  readonly classNames?: readonly string[];
  /** Whether samples are 28x28 images (MNIST-like): the page then offers drawing and thumbnails. */
  readonly image: boolean;
  /** What Try offers for it: drawing (images), a text box (tokenised texts), a forecast (a series of one column), or nothing. */
  readonly kind: DataKind;
  /** A model spec that fits the data (input shape and head filled in). */
  readonly specBase: Pick<ModelSpec, 'inputShape' | 'head'>;
}

export interface BackendRow {
  readonly name: string;
  readonly available: boolean;
  readonly device?: string;
  readonly reason?: string;
  readonly notForAuto?: string;
}

export interface TrainSettings {
  readonly spec: ModelSpec;
  /** A backend name, or "auto" for the trainer's pick. */
  readonly backend: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly optimizer: 'adam' | 'rmsprop' | 'sgd';
  /** Training samples used (the first n of the seeded shuffle); 0 = all. */
  readonly limit: number;
  readonly validationSplit: number;
}

export interface TrainResult {
  readonly backend: string;
  readonly device?: string;
  readonly fused?: string;
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
  readonly stopped?: string;
  readonly epochs: number;
  /** Held-out figures on the test split. */
  readonly test?: { readonly samples: number; readonly loss: number; readonly accuracy?: number; readonly mae?: number };
  readonly confusion?: { readonly matrix: number[][]; readonly svg: string };
  readonly msPerStep: number;
  /** Mean seconds per finished epoch (training and validation), as the CLI reports it. */
  readonly secondsPerEpoch?: number;
  readonly tensorsLeft: number;
}

export interface Sample {
  readonly index: number;
  readonly label: string;
  readonly predicted?: string;
  /** Row-major pixels in [0, 1] (image data) for a thumbnail. */
  readonly pixels?: Float32Array;
}

/** How the model read one sample, step by step (LSTMVis' view). */
export interface Trace {
  readonly layer: string;
  readonly steps: number;
  readonly units: number;
  /** Hidden state of every unit after every step, row-major [steps, units]. */
  readonly hidden: Float32Array;
  /** The most likely class after each step, and its probability. */
  readonly after: readonly { readonly label: string; readonly p: number }[];
  /** The hidden states drawn as a heat map (units by timestep). */
  readonly svg?: string;
}

export interface Projection {
  /** The scatter with each class's centroid, and with each k-means cluster's centroid. */
  readonly svg: { readonly classes: string; readonly clusters: string };
  /** k of the k-means clustering (of the recurrent layer's outputs) scored by purity and NMI. */
  readonly clusters: number;
  readonly points: Float32Array;
  readonly labels: Int32Array;
  readonly purity: number;
  readonly nmi: number;
  readonly samples: number;
}

/** A model kept in this browser (IndexedDB), or the one just opened. */
export interface SavedModel {
  readonly name: string;
  readonly savedAt: string;
  readonly family: string;
  readonly dataset: string;
  readonly accuracy?: number;
  readonly weightBytes?: number;
  /** Whether it reads 28x28 images (then the page offers drawing). */
  readonly image: boolean;
  /** What Try offers for it. */
  readonly kind: DataKind;
  /** What the person should know about it (e.g. a model saved without checksums). */
  readonly warnings?: readonly string[];
}

/** A drawing as the model read it: the 28x28 sample it became, the class probabilities, the step-by-step trace. */
export interface Reading {
  readonly digit: Float32Array | null;
  readonly probabilities: number[];
  readonly classNames: string[];
  readonly trace?: Trace;
}

/** A text as the model read it: its tokens (unknown words marked) and the class probabilities. */
export interface TextReading {
  readonly tokens: readonly { readonly word: string; readonly known: boolean }[];
  readonly probabilities: number[];
  readonly classNames: string[];
}

/** A series and the model's forecast after it, in the series' units, and as a chart. */
export interface Forecast {
  readonly series: Float32Array;
  readonly forecast: Float32Array;
  readonly column: string;
  readonly svg: string;
}

/** A model family as the form needs it. */
export interface FamilyInfo {
  readonly name: string;
  readonly description: string;
  readonly options?: JsonSchema;
}

/** A canvas' pixels (ImageData's fields). */
export interface DrawnImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Request name -> [its payload, its reply]. */
export interface Calls {
  probe: [{}, BackendRow[]];
  datasets: [{}, { name: string; description: string }[]];
  /** The registered model families, with their options' JSON Schema where a family publishes one. */
  families: [{}, FamilyInfo[]];
  projections: [{}, { name: string; description: string }[]];
  loadData: [DataRequest, DataInfo];
  /** A CSV or TSV file the person dropped on the page, with the csv loader's options (timesteps, label, …). */
  loadFile: [{ name: string; text: string; kind: FileKind; options: Record<string, unknown> }, DataInfo];
  summary: [{ spec: ModelSpec }, ModelSummary];
  train: [TrainSettings, TrainResult];
  pause: [{}, null];
  resume: [{}, null];
  stop: [{}, null];
  benchmark: [{ spec: ModelSpec; backends: string[]; steps: number; batchSize: number }, { backend: string; msPerStep?: number; error?: string }[]];
  /** Test samples by index, or those of one confusion-matrix cell (actual class, predicted class). */
  samples: [{ indices?: number[]; cell?: { actual: number; predicted: number }; max: number }, Sample[]];
  /** A drawing (canvas RGBA pixels) read as a digit: the 28x28 MNIST-style sample it became, and the class probabilities. */
  predict: [{ image: DrawnImage }, Reading];
  /** `clusters`: k of k-means (default: one per class). */
  project: [{ samples: number; method: string; clusters?: number }, Projection];
  /** A text read by the current text model: tokenised with the vocabulary it was trained with, then its class probabilities. */
  readText: [{ text: string }, TextReading];
  /** The current series model's forecast of `steps` values after the loaded series, drawn after it. */
  forecast: [{ steps: number }, Forecast];
  save: [{ name: string }, SavedModel[]];
  list: [{}, SavedModel[]];
  remove: [{ name: string }, SavedModel[]];
  /** Makes a kept model the current one (for Try and Explore). */
  open: [{ name: string }, SavedModel];
  /** The current model as the files of the CLI's model folder (model.json, weights.bin, lstmkit.json). */
  exportFiles: [{}, { name: string; bytes: Uint8Array }[]];
  /** The files of a model folder the CLI saved (or a download), checked and made the current model. */
  importFiles: [{ files: { name: string; bytes: Uint8Array }[] }, SavedModel];
}
export type CallName = keyof Calls;

export interface Request<K extends CallName = CallName> {
  readonly id: number;
  readonly call: K;
  readonly payload: Calls[K][0];
}

export type Reply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** Progress the worker posts while a call runs. */
export type Event =
  | { readonly event: 'batch'; readonly epoch: number; readonly epochs: number; readonly batch: number; readonly batches: number; readonly loss: number; readonly accuracy?: number; readonly samplesPerSecond: number; readonly etaSeconds: number; readonly svg?: string }
  | { readonly event: 'epoch'; readonly epoch: number; readonly loss: number; readonly accuracy?: number; readonly val_loss?: number; readonly val_accuracy?: number; readonly seconds: number; readonly svg: string }
  | { readonly event: 'status'; readonly text: string }
  | { readonly event: 'progress'; readonly stage: string; readonly done: number; readonly total: number };

export type WorkerMessage = Reply | Event;
