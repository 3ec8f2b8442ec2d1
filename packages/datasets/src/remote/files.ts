// The files of the data sets lstmkit downloads by name: where each lives (its canonical public address, and its
// path in the cache and on a mirror) and the sha256 it must have. Browser-safe (plain data), so that Node's
// loaders (remote-file.ts) and the browser's (fetch-checked.ts) fetch exactly the same bytes.

/** One file of a data set that lstmkit downloads by name, pinned by its checksum. */
export interface RemoteFile {
  /** Where it lives in the cache and on a mirror, e.g. "mnist/train-images-idx3-ubyte.gz". */
  readonly path: string;
  /** Its canonical public address. */
  readonly url: string;
  /** sha256 of its bytes; a file that differs is never used. */
  readonly sha256: string;
  /** Its size, for progress when a server does not send one. */
  readonly bytes: number;
}

// Jason Brownlee's copies of the UCI and time-series tables, at a fixed commit.
const BROWNLEE = 'https://raw.githubusercontent.com/jbrownlee/Datasets/d20fcb6402ae34e653d4513b00f39257bb37ed7f';

/** The Pima Indians Diabetes table (UCI, via Jason Brownlee's copy at a fixed commit). */
export const PIMA_FILE: RemoteFile = {
  path: 'pima/pima-indians-diabetes.data.csv',
  url: `${BROWNLEE}/pima-indians-diabetes.data.csv`,
  sha256: '6bfe5d0f379d17a0e0819b996407e3c09bf80febd4287f2ed212190dfff154af',
  bytes: 23_278,
};

/** Box & Jenkins' monthly airline passengers 1949-1960 (thousands), via Jason Brownlee's copy at a fixed commit. */
export const AIRLINE_PASSENGERS_FILE: RemoteFile = {
  path: 'timeseries/airline-passengers.csv',
  url: `${BROWNLEE}/airline-passengers.csv`,
  sha256: '8cb51be753a718d9be5d76d7e238cc224792754676adc21faa59e954b0201621',
  bytes: 2_180,
};

/** Daily minimum temperatures in Melbourne 1981-1990 (°C, Australian Bureau of Meteorology), via Jason Brownlee's copy. */
export const DAILY_MIN_TEMPERATURES_FILE: RemoteFile = {
  path: 'timeseries/daily-min-temperatures.csv',
  url: `${BROWNLEE}/daily-min-temperatures.csv`,
  sha256: '8b9de63ed6789492bf497625e7f9beb96a63d367b4b0a21754006f749fa5e5da',
  bytes: 67_921,
};

/** Where the original MNIST files are served: the copy TensorFlow Datasets downloads (the same bytes as LeCun's site). */
export const MNIST_BASE = 'https://storage.googleapis.com/cvdf-datasets/mnist';

/** The four original MNIST files, from the copy TensorFlow Datasets downloads (the same bytes as LeCun's site). */
export const MNIST_FILES: readonly RemoteFile[] = [
  { path: 'mnist/train-images-idx3-ubyte.gz', url: `${MNIST_BASE}/train-images-idx3-ubyte.gz`, sha256: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', bytes: 9_912_422 },
  { path: 'mnist/train-labels-idx1-ubyte.gz', url: `${MNIST_BASE}/train-labels-idx1-ubyte.gz`, sha256: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', bytes: 28_881 },
  { path: 'mnist/t10k-images-idx3-ubyte.gz', url: `${MNIST_BASE}/t10k-images-idx3-ubyte.gz`, sha256: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', bytes: 1_648_877 },
  { path: 'mnist/t10k-labels-idx1-ubyte.gz', url: `${MNIST_BASE}/t10k-labels-idx1-ubyte.gz`, sha256: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', bytes: 4_542 },
];

// Zalando's repository at a fixed commit, so that the address always serves the pinned bytes.
const FASHION_BASE = 'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/b2617bb6d3ffa2e429640350f613e3291e10b141/data/fashion';

/** The four original Fashion-MNIST files (the publisher's MD5s check out on the same bytes). */
export const FASHION_MNIST_FILES: readonly RemoteFile[] = [
  { path: 'fashion-mnist/train-images-idx3-ubyte.gz', url: `${FASHION_BASE}/train-images-idx3-ubyte.gz`, sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', bytes: 26_421_880 },
  { path: 'fashion-mnist/train-labels-idx1-ubyte.gz', url: `${FASHION_BASE}/train-labels-idx1-ubyte.gz`, sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', bytes: 29_515 },
  { path: 'fashion-mnist/t10k-images-idx3-ubyte.gz', url: `${FASHION_BASE}/t10k-images-idx3-ubyte.gz`, sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', bytes: 4_422_102 },
  { path: 'fashion-mnist/t10k-labels-idx1-ubyte.gz', url: `${FASHION_BASE}/t10k-labels-idx1-ubyte.gz`, sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', bytes: 5_148 },
];

/** Fashion-MNIST's class names, by label id. */
export const FASHION_CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Where Stanford publishes the Large Movie Review Dataset v1.0. */
export const IMDB_ARCHIVE_URL = 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz';

/** The Large Movie Review Dataset v1.0 (Maas et al., ACL 2011) as published by Stanford. */
export const ACL_IMDB_ARCHIVE: RemoteFile = {
  path: 'imdb/aclImdb_v1.tar.gz',
  url: IMDB_ARCHIVE_URL,
  sha256: 'c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe',
  bytes: 84_125_825,
};

/**
 * The archive's labelled reviews as TSV (see `aclImdbToTsv`): what a mirror holds, and what the cache keeps. No
 * public address serves them (`url` is the archive they are made from): a browser reads IMDB from a mirror only.
 */
export const IMDB_FILES = {
  train: { path: 'imdb/imdb-train.tsv.gz', url: IMDB_ARCHIVE_URL, sha256: 'ad75f1ead1ad0b7e4878e6f5e66f8ef900693f1336f24b6442755d1f4db2212f', bytes: 12_938_994, contentSha256: '2a5eebbd50c54d78b31da671da50c9fc659c88d9c95d26918d0f4c89ac89ca97' },
  test: { path: 'imdb/imdb-test.tsv.gz', url: IMDB_ARCHIVE_URL, sha256: 'f9155bcd938215ab59915eb5dc0339866e0c181f38fc2e867831e04c74f968ed', bytes: 12_627_147, contentSha256: 'e64cfbe8dfff91c0a46205179aefbc8978f25bb149864ecc67ca0dfb6312b2e9' },
} as const;
