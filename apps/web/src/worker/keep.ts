import { deleteBrowserModel, listBrowserModels, loadBrowserModel, loadModelFromFiles, modelToFiles, saveModelToBrowser, type LoadedModel, type ModelMetadata, type SaveMetadata } from '@lstmkit/trainer';
import type { SavedModel } from '../protocol.js';
import { kindOf } from './data.js';
import { needModel, setModel, state } from './state.js';

/** What is recorded with the current model: its spec, the data it learnt from, its held-out score. */
function record(): SaveMetadata {
  needModel();
  if (!state.spec || !state.record) throw new Error('this model has no record of how it was made: train one in this page, or open a saved one');
  return { ...state.record, spec: state.spec };
}

const row = (name: string, metadata: ModelMetadata, extra: Partial<SavedModel> = {}): SavedModel => ({
  name,
  savedAt: metadata.createdAt,
  family: metadata.spec.family,
  dataset: metadata.dataset.name,
  accuracy: metadata.metrics?.testAccuracy,
  image: metadata.dataset.timesteps === 28 && metadata.dataset.features === 28,
  kind: kindOf(metadata.dataset),
  ...extra,
});

/** Makes a loaded model the current one, with what it recorded (classes, spec) so Try and Explore can use it. */
function adopt(name: string, loaded: LoadedModel): SavedModel {
  setModel(loaded.model, loaded.metadata.spec);
  const { spec: _, ...rest } = loaded.metadata;
  state.record = { ...rest, dataset: loaded.metadata.dataset };
  state.classNames = loaded.metadata.dataset.classNames ? [...loaded.metadata.dataset.classNames] : undefined;
  return row(name, loaded.metadata, { warnings: loaded.warnings });
}

export const list = async (): Promise<SavedModel[]> => (await listBrowserModels()).map((m) => row(m.name, m.metadata, { weightBytes: m.weightBytes, savedAt: m.savedAt }));

export async function save({ name }: { name: string }): Promise<SavedModel[]> {
  await saveModelToBrowser(name, needModel(), record());
  return list();
}

export async function remove({ name }: { name: string }): Promise<SavedModel[]> {
  await deleteBrowserModel(name);
  return list();
}

export const open = async ({ name }: { name: string }): Promise<SavedModel> => adopt(name, await loadBrowserModel(name));

export const exportFiles = async () => modelToFiles(needModel(), record());

export const importFiles = async ({ files }: { files: { name: string; bytes: Uint8Array }[] }): Promise<SavedModel> => adopt(files.find((f) => f.name.endsWith('lstmkit.json'))?.name.split('/')[0] ?? 'uploaded model', await loadModelFromFiles(files));
