// Models kept in the browser: the model in tfjs' own IndexedDB store (indexeddb://lstmkit/<name>, so plain tfjs
// loads it too), and lstmkit's record of it (spec, dataset, metrics: lstmkit.json's content) in an IndexedDB
// database of lstmkit's own, by the same name.
import { openDB, type IDBPDatabase } from 'idb';
import { registerFusedLayers } from '@lstmkit/models';
import { ModelFileError, NonFiniteError, TrainingOptionError } from './errors.js';
import { installFusedKernels } from './kernels/fused-kernels.js';
import { firstNonFinite, fullMetadata, type LoadedModel, type ModelMetadata, type SaveMetadata } from './model-format.js';
import { tf, type LayersModel } from './tf.js';

/** A model kept in this browser, as `listBrowserModels` lists it. */
export interface BrowserModelInfo {
  /** The name it was saved under. */
  readonly name: string;
  /** Where tfjs keeps it: `tf.loadLayersModel(url)` loads it without lstmkit. */
  readonly url: string;
  /** ISO time of the save. */
  readonly savedAt: string;
  /** Bytes of its weights. */
  readonly weightBytes: number;
  /** lstmkit's record of it, as lstmkit.json holds it (without the files table). */
  readonly metadata: ModelMetadata;
}

const DATABASE = 'lstmkit';
const STORE = 'models';

const urlOf = (name: string): string => `indexeddb://lstmkit/${name}`;

async function database(): Promise<IDBPDatabase> {
  if (typeof indexedDB === 'undefined') throw new TrainingOptionError('browser storage', 'IndexedDB is not available here: models are kept in a browser (Node programs save folders with saveModel)');
  return openDB(DATABASE, 1, { upgrade: (db) => void db.createObjectStore(STORE, { keyPath: 'name' }) });
}

/** tfjs' IndexedDB handler for a URL (tfjs registers it only in a browser). */
function handlerFor(url: string, handlers: (url: string) => tf.io.IOHandler[]): tf.io.IOHandler {
  const handler = handlers(url)[0];
  if (!handler) throw new TrainingOptionError('browser storage', `tfjs has no handler for ${url}: models are kept in a browser (Node programs save folders with saveModel)`);
  return handler;
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw new TrainingOptionError('name', `${JSON.stringify(name)}: expected a non-empty model name of at most 200 characters`);
}

/**
 * Keeps the model in this browser under `name` (replacing a model of that name), with lstmkit's record of it.
 * A model whose weights are not all finite is refused (NonFiniteError), as `saveModel` refuses it.
 */
export async function saveModelToBrowser(name: string, model: LayersModel, record: SaveMetadata): Promise<BrowserModelInfo> {
  checkName(name);
  const db = await database();
  try {
    let weightBytes = 0;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights = new Uint8Array(artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData));
        const bad = firstNonFinite(weights, artifacts.weightSpecs ?? []);
        if (bad) throw new NonFiniteError(name, `not saved: ${bad}; a model whose weights are not all finite numbers is never saved`);
        weightBytes = weights.byteLength;
        return handlerFor(urlOf(name), tf.io.getSaveHandlers).save!(artifacts);
      }),
    );
    const info: BrowserModelInfo = { name, url: urlOf(name), savedAt: new Date().toISOString(), weightBytes, metadata: fullMetadata(record) };
    try {
      await db.put(STORE, info);
    } catch (e) {
      // No model without its record: take the half-saved model back out.
      await tf.io.removeModel(info.url).catch(() => undefined);
      throw e;
    }
    return info;
  } finally {
    db.close();
  }
}

/** The models kept in this browser, by name. Records whose model tfjs no longer has (site data cleared in part) are left out. */
export async function listBrowserModels(): Promise<BrowserModelInfo[]> {
  const db = await database();
  try {
    const records = (await db.getAll(STORE)) as BrowserModelInfo[];
    const stored = await tf.io.listModels();
    return records.filter((r) => r.url in stored).sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    db.close();
  }
}

/** Loads a model kept in this browser, with its record; weights that are not finite are refused (ModelFileError). */
export async function loadBrowserModel(name: string): Promise<LoadedModel> {
  checkName(name);
  const db = await database();
  let info: BrowserModelInfo | undefined;
  try {
    info = (await db.get(STORE, name)) as BrowserModelInfo | undefined;
  } finally {
    db.close();
  }
  if (!info) throw new ModelFileError(urlOf(name), 'no model of this name is kept in this browser');
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await handlerFor(info.url, tf.io.getLoadHandlers).load!();
  } catch (e) {
    throw new ModelFileError(info.url, `the model's record is here but tfjs cannot read the model (${(e as Error).message}); save it again`);
  }
  const weights = new Uint8Array(artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const bad = firstNonFinite(weights, artifacts.weightSpecs ?? []);
  if (bad) throw new ModelFileError(info.url, `${bad}: the model is broken (a weight must be a finite number); train it again`);
  registerFusedLayers(); // LSTM, GRU and SimpleRNN layers load as lstmkit's fused classes
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  await installFusedKernels();
  return { model, metadata: info.metadata, warnings: [] };
}

/** Deletes a model kept in this browser and its record; false when there was none of that name. */
export async function deleteBrowserModel(name: string): Promise<boolean> {
  checkName(name);
  const db = await database();
  try {
    const had = (await db.get(STORE, name)) !== undefined;
    await db.delete(STORE, name);
    const removed = await tf.io.removeModel(urlOf(name)).then(
      () => true,
      () => false,
    );
    return had || removed;
  } finally {
    db.close();
  }
}
