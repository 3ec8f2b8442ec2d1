import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ArtefactKind } from './artefact/kind.js';
import { recoverArtefact, writeArtefact } from './artefact/write.js';
import { NonFiniteError } from './errors.js';
import { METADATA_FILE, WEIGHTS_FILE, firstNonFinite, fullMetadata, modelArtifacts, openModel, type LoadedModel, type SaveMetadata } from './model-format.js';
import type { LayersModel } from './tf.js';

export { METADATA_FILE, MODEL_FILE, WEIGHTS_FILE, runtimeVersions, type LoadedModel, type ModelMetadata, type SaveMetadata } from './model-format.js';

/** A model folder: lstmkit.json marks it and lists the other files with their sha256. */
export const MODEL_ARTEFACT: ArtefactKind = {
  what: 'an lstmkit model',
  marker: METADATA_FILE,
  isMarker: (json) => (json as { format?: unknown } | null)?.format === 'lstmkit-model',
  // What lstmkit 0.1 wrote into a model folder, before lstmkit.json listed the files.
  legacyFiles: /^(model\.json|weights\.bin|(training|confusion)\.(svg|png))$/,
};

/** How `saveModel` writes the folder: extra files in the same atomic step, and the name errors use. */
export interface SaveModelOptions {
  /** More files for the model folder, written in the same atomic step (e.g. charts of the run), by name. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Names the folder in errors (e.g. "--out runs/m"); default the path. */
  readonly label?: string;
}

/**
 * Saves the model to `dir` in tfjs' file layout (model.json + weights.bin, loadable by tf.loadLayersModel and
 * tfjs-node's file:// handler) plus lstmkit.json, which records the sha256 of every file. Atomic (writeArtefact): a
 * crash at any moment leaves the earlier model whole; a folder lstmkit did not write is refused (OutputPathError), and
 * so is a model whose weights are not all finite (NonFiniteError).
 */
export async function saveModel(
  dir: string,
  model: LayersModel,
  record: SaveMetadata,
  options: SaveModelOptions = {},
): Promise<void> {
  const { files, specs } = await modelArtifacts(model);
  const bad = firstNonFinite(files[WEIGHTS_FILE], specs);
  if (bad) throw new NonFiniteError(options.label ?? dir, `not saved: ${bad}; a model whose weights are not all finite numbers is never saved`);
  const full = fullMetadata(record);
  await writeArtefact(dir, MODEL_ARTEFACT, { files: { ...options.files, ...files }, marker: full as unknown as Record<string, unknown> }, options.label);
}

/**
 * Loads a model saved by `saveModel`, with its metadata. The sha256 of model.json and weights.bin recorded in
 * lstmkit.json are verified, and weights that are not finite numbers are refused, each as a ModelFileError naming the
 * file. The weights are read from the files model.json's manifest names, so a folder re-saved by TensorFlow's
 * `tensorflowjs_converter` (group1-shard1of3.bin…) loads too once the original lstmkit.json is beside it (its files
 * cannot be checked against lstmkit.json, which the warnings say), and so does a model saved before lstmkit.json
 * recorded checksums. A folder whose save was killed between its two renames is put back first (recoverArtefact).
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  if (!existsSync(join(dir, METADATA_FILE))) await recoverArtefact(dir, MODEL_ARTEFACT).catch(() => false);
  return openModel({
    read: (name) => readFile(join(dir, name)).catch(() => undefined),
    where: (name) => join(dir, name),
  });
}
