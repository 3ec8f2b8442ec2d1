// A model as in-memory files, in the folder format `saveModel` writes: for a download from a page, and for files a
// user picks, checked as `loadModel` checks a folder. No file system, so browsers use it.
import { NonFiniteError, ModelFileError } from './errors.js';
import { METADATA_FILE, WEIGHTS_FILE, firstNonFinite, fullMetadata, markerText, modelArtifacts, openModel, type LoadedModel, type SaveMetadata } from './model-format.js';
import type { LayersModel } from './tf.js';

/** One file of a model folder, in memory. */
export interface ModelFile {
  /** The file's name in the folder: "model.json", "weights.bin", "lstmkit.json". */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A file a user picked in a page (a DOM `File` fits): its name and a way to read it. */
export interface PickedFile {
  readonly name: string;
  /** The file's bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The model as the files `saveModel` writes into a folder (model.json, weights.bin, lstmkit.json with the sha256
 * of the other two), in memory: offer them as downloads, and the CLI's `loadModel` reads the folder they are put
 * in. A model whose weights are not all finite is refused (NonFiniteError), as `saveModel` refuses it.
 */
export async function modelToFiles(model: LayersModel, record: SaveMetadata): Promise<ModelFile[]> {
  const { files, specs } = await modelArtifacts(model);
  const bad = firstNonFinite(files[WEIGHTS_FILE], specs);
  if (bad) throw new NonFiniteError(model.name, `not saved: ${bad}; a model whose weights are not all finite numbers is never saved`);
  const marker = await markerText(fullMetadata(record), files);
  const bytes = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);
  return [...Object.entries(files).map(([name, data]) => ({ name, bytes: bytes(data) })), { name: METADATA_FILE, bytes: bytes(marker) }];
}

/**
 * Loads a model from the files of a saved model folder (as `modelToFiles` gives them, or DOM `File`s a user
 * picked), with every check `loadModel` makes: lstmkit.json's fields, the sha256 of model.json and weights.bin,
 * the weights' size and finiteness. Problems are ModelFileErrors naming the file. Files are matched by name (a
 * path's folders are ignored); other files are ignored.
 */
export async function loadModelFromFiles(files: readonly (ModelFile | PickedFile)[]): Promise<LoadedModel> {
  const byName = new Map<string, ModelFile | PickedFile>();
  for (const file of files) {
    const name = file.name.split(/[\\/]/).pop()!;
    if (byName.has(name)) throw new ModelFileError(name, 'given twice: pick the files of one model folder');
    byName.set(name, file);
  }
  return openModel({
    read: async (name) => {
      const file = byName.get(name);
      if (!file) return undefined;
      // Not `'bytes' in file`: DOM Files have a bytes() method in newer browsers.
      return 'bytes' in file && file.bytes instanceof Uint8Array ? file.bytes : new Uint8Array(await (file as PickedFile).arrayBuffer());
    },
    where: (name) => name,
  });
}
