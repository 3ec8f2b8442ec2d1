import type { OptionsOf, OptionsSchema, Plugin, Task } from '@lstmkit/plugin';

export type { Task };

/**
 * The one data contract every loader produces: samples as a dense row-major Float32Array of shape
 * [samples, timesteps, features], targets as class ids (classification) or values (regression).
 * Typed arrays, not per-sample objects, so 60,000 MNIST digits are one 188 MB buffer, not 60,000 arrays.
 */
export interface SequenceDataset {
  /** Registry name of the dataset this came from, e.g. "mnist". */
  readonly name: string;
  /** Where the data came from (a path, a URL or "embedded: …"), for metadata and messages. */
  readonly source: string;
  readonly x: Float32Array;
  readonly shape: readonly [samples: number, timesteps: number, features: number];
  /** Class ids (Int32Array) for classification; target values (Float32Array) for regression. */
  readonly y: Int32Array | Float32Array;
  /**
   * Shape of one sample's target when it is more than one value (regression only), e.g. [horizon, 1] for a
   * forecast of several steps; y then holds samples x product(targetShape) values. Absent: one value per sample.
   */
  readonly targetShape?: readonly number[];
  readonly task: Task;
  /** Names of the classes by id (classification only). */
  readonly classNames?: readonly string[];
  /**
   * How raw input was turned into x (and y), as JSON: e.g. standardisation means and deviations fitted on the
   * training split, or a text vocabulary. Saved with a trained model so new raw input is prepared the same way.
   */
  readonly preprocessing?: Preprocessing;
}

/** A JSON description of a dataset's preparation, by kind. */
export type Preprocessing =
  | { readonly kind: 'standardize'; readonly columns: readonly string[]; readonly mean: readonly number[]; readonly std: readonly number[] }
  | {
      readonly kind: 'minmax';
      readonly columns: readonly string[];
      readonly min: readonly number[];
      readonly max: readonly number[];
      /** The forecast column of a time series: y holds its next values, scaled as that column is. */
      readonly target?: string;
    }
  | {
      readonly kind: 'tokenize';
      /** Token of each id: 0 is padding, 1 the out-of-vocabulary token. */
      readonly vocabulary: readonly string[];
      readonly length: number;
      readonly lowercase: boolean;
      /** Words (default) or characters. */
      readonly level?: 'word' | 'char';
    };

/**
 * Training data read in chunks, for data larger than memory: only one chunk is held at a time. `fit` in
 * @lstmkit/trainer trains on it, shuffling within each chunk.
 */
export interface SequenceStream {
  readonly name: string;
  readonly source: string;
  /** [samples in one pass, timesteps, features]. */
  readonly shape: readonly [samples: number, timesteps: number, features: number];
  readonly task: Task;
  readonly classNames?: readonly string[];
  readonly targetShape?: readonly number[];
  readonly preprocessing?: Preprocessing;
  /** One pass over the samples, in file order, as in-memory datasets of at most `chunkSize` samples. */
  chunks(chunkSize: number): AsyncIterable<SequenceDataset>;
}

/** What a plugin's `stream` returns: the training part as a stream, the (smaller) test part in memory. */
export interface StreamSplits {
  readonly train: SequenceStream;
  readonly test: SequenceDataset;
}

/** The splits a loader returns. A loader that has no fixed test set makes one with a seeded split. */
export interface DatasetSplits {
  readonly train: SequenceDataset;
  readonly test: SequenceDataset;
  readonly validation?: SequenceDataset;
}

/** Progress while loading (downloads, decompression, parsing). */
export interface LoadProgress {
  readonly stage: string;
  readonly done: number;
  readonly total?: number;
  /** What done and total count: bytes for downloads; items otherwise. */
  readonly unit?: 'bytes' | 'items';
}

/** Options every dataset plugin understands (besides its own, declared by its options schema). */
export interface CommonLoadOptions {
  /** Where to read from: a directory, a file or a URL, depending on the plugin. Omitted = the plugin's embedded default. */
  readonly source?: string;
  /** Seed for every random choice the loader makes (shuffles, splits). */
  readonly seed?: number;
  /** Fraction of the data held out as test set when the source has no test split of its own. */
  readonly testFraction?: number;
  /** Keep at most this many training samples (the first ones after a seeded shuffle). */
  readonly limit?: number;
  readonly cacheDir?: string;
  /**
   * Where the data sets downloaded by name are fetched from instead of their public addresses: a base URL holding
   * each file under its path (the cache's layout, e.g. pima/pima-indians-diabetes.data.csv) or, in Node, a folder.
   * Node's default is $LSTMKIT_DATASETS_MIRROR. A page needs one for hosts that send no CORS headers.
   */
  readonly mirror?: string;
  /** Check known files (downloads, the original MNIST files) against their sha256; default true. */
  readonly verify?: boolean;
  /** Called as loading (download, decompression, parsing) advances. */
  readonly onProgress?: (p: LoadProgress) => void;
}

/** The names of the options every dataset takes (`CommonLoadOptions`), which no plugin schema declares. */
export const COMMON_LOAD_OPTIONS = ['source', 'seed', 'testFraction', 'limit', 'cacheDir', 'mirror', 'verify', 'onProgress'] as const satisfies readonly (keyof CommonLoadOptions)[];

/** What a dataset plugin's `load` takes: the common options and its own, typed by its options schema (each may be left out: its default applies). */
export type LoadOptions<S extends OptionsSchema = OptionsSchema> = CommonLoadOptions & Readonly<Partial<OptionsOf<S>>>;

/**
 * A dataset plugin: one file each, registered by name. Its own options are a JSON Schema object (TypeBox), from
 * which come its typed options, the check of what a caller passes (unknown keys refused with the known ones), the
 * CLI's `--set` help and a web form.
 */
export interface DatasetPlugin<S extends OptionsSchema = OptionsSchema> extends Plugin {
  readonly task: Task;
  /** What `source` may be for this plugin, and what is used when it is omitted. */
  readonly sources: string;
  /** The plugin's own options (beyond `CommonLoadOptions`), each with a description, a type and a default. */
  readonly options: S;
  /** Loads the train and test splits (and a validation split, if the source has one). */
  load(options?: LoadOptions<S>): Promise<DatasetSplits>;
  /** Plugins that can read data larger than memory also offer it as a stream. */
  stream?(options?: LoadOptions<S>): Promise<StreamSplits>;
}
