/** What a model is asked to do with a dataset's targets. */
export type Task = 'multiclass' | 'binary' | 'regression';

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

/** Options every dataset plugin understands. */
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
  /** Called as loading (download, decompression, parsing) advances. */
  readonly onProgress?: (p: LoadProgress) => void;
}

/** Description of one option a plugin accepts, so CLIs and UIs can list them without hard-coding. */
export interface DatasetOptionInfo {
  readonly name: string;
  readonly description: string;
}

/** A dataset plugin: one file each, registered by name. */
export interface DatasetPlugin<O extends CommonLoadOptions = CommonLoadOptions> {
  readonly name: string;
  readonly description: string;
  readonly task: Task;
  /** What `source` may be for this plugin, and what is used when it is omitted. */
  readonly sources: string;
  readonly options?: readonly DatasetOptionInfo[];
  /** Loads the train and test splits (and a validation split, if the source has one). */
  load(options?: O): Promise<DatasetSplits>;
  /** Plugins that can read data larger than memory also offer it as a stream. */
  stream?(options?: O): Promise<StreamSplits>;
}
