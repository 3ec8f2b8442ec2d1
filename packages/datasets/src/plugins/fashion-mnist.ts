import { dirname } from 'node:path';
import { loadIdxImageSplits } from '../idx/image-dataset.js';
import { fetchRemote, type RemoteFile } from '../remote/remote-file.js';
import type { DatasetPlugin } from '../types.js';
import type { MnistOptions } from './mnist.js';

/** sha256 of the uncompressed original Fashion-MNIST files. */
export const FASHION_MNIST_SHA256: Readonly<Record<string, string>> = {
  'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

// Zalando's repository at a fixed commit, so that the address always serves the pinned bytes.
const BASE = 'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/b2617bb6d3ffa2e429640350f613e3291e10b141/data/fashion';

/** The four original Fashion-MNIST files (the publisher's MD5s check out on the same bytes). */
export const FASHION_MNIST_FILES: readonly RemoteFile[] = [
  { path: 'fashion-mnist/train-images-idx3-ubyte.gz', url: `${BASE}/train-images-idx3-ubyte.gz`, sha256: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', bytes: 26_421_880 },
  { path: 'fashion-mnist/train-labels-idx1-ubyte.gz', url: `${BASE}/train-labels-idx1-ubyte.gz`, sha256: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', bytes: 29_515 },
  { path: 'fashion-mnist/t10k-images-idx3-ubyte.gz', url: `${BASE}/t10k-images-idx3-ubyte.gz`, sha256: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', bytes: 4_422_102 },
  { path: 'fashion-mnist/t10k-labels-idx1-ubyte.gz', url: `${BASE}/t10k-labels-idx1-ubyte.gz`, sha256: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', bytes: 5_148 },
];

/** Fashion-MNIST's class names, by label id. */
export const FASHION_CLASSES: readonly string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Zalando's Fashion-MNIST: the MNIST layout and size, ten kinds of clothing instead of digits. */
export const fashionMnist: DatasetPlugin<MnistOptions> = {
  name: 'fashion-mnist',
  description: 'Zalando Fashion-MNIST: 60,000 + 10,000 28x28 clothing images as 28 timesteps of 28 pixels, 10 classes (downloaded once, 30 MB)',
  task: 'multiclass',
  sources: `omitted: downloaded once from Zalando's repository (or LSTMKIT_DATASETS_MIRROR) into the cache; or a directory or base URL with the 4 IDX files (raw or .gz)`,
  options: [{ name: 'verify', description: 'verify the IDX files against the original sha256 (default true)' }],
  async load(options = {}) {
    const source = options.source ?? dirname((await Promise.all(FASHION_MNIST_FILES.map((f) => fetchRemote(f, options))))[0]!);
    return loadIdxImageSplits({ name: 'fashion-mnist', classNames: FASHION_CLASSES, checksums: FASHION_MNIST_SHA256 }, source, options);
  },
};
