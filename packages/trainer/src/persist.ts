import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Preprocessing } from '@lstmkit/datasets/core';
import type { ModelSpec } from '@lstmkit/models';
import { ModelFileError } from './errors.js';
import { tf, type LayersModel } from './tf.js';

/** Everything needed to know what a saved model is and how it was made. */
export interface ModelMetadata {
  readonly format: 'lstmkit-model';
  readonly formatVersion: 1;
  readonly createdAt: string;
  readonly spec: ModelSpec;
  readonly dataset: {
    readonly name: string;
    readonly source: string;
    readonly task: 'multiclass' | 'binary' | 'regression';
    readonly timesteps: number;
    readonly features: number;
    readonly trainSamples: number;
    readonly classNames?: readonly string[];
    /** How raw input was prepared (standardisation, vocabulary…), to prepare new input the same way. */
    readonly preprocessing?: Preprocessing;
  };
  readonly backend: string;
  readonly seed: number;
  readonly training?: Record<string, unknown>;
  readonly metrics?: Record<string, number | undefined>;
  readonly versions: Record<string, string>;
}

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const METADATA_FILE = 'lstmkit.json';

const require = createRequire(import.meta.url);

/** The versions that made a model: lstmkit's trainer, tfjs, Node. */
export function runtimeVersions(): Record<string, string> {
  const own = require('../package.json') as { version: string };
  return { '@lstmkit/trainer': own.version, '@tensorflow/tfjs': tf.version.tfjs, node: process.versions.node };
}

/**
 * Saves the model to `dir` in tfjs' file layout (model.json + weights.bin, loadable by tf.loadLayersModel and
 * tfjs-node's file:// handler) plus lstmkit.json. Atomic: everything is written to a temporary sibling directory,
 * then renamed into place, so an interrupted save never leaves a half-written model.
 */
export async function saveModel(dir: string, model: LayersModel, metadata: Omit<ModelMetadata, 'format' | 'formatVersion' | 'createdAt' | 'versions'>): Promise<void> {
  const target = resolve(dir);
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  await mkdir(tmp);
  try {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weights = artifacts.weightData === undefined ? new Uint8Array() : new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
        const modelJson = {
          modelTopology: artifacts.modelTopology,
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy,
          weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
        };
        await writeFile(join(tmp, MODEL_FILE), JSON.stringify(modelJson));
        await writeFile(join(tmp, WEIGHTS_FILE), weights);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
      }),
    );
    const full: ModelMetadata = { format: 'lstmkit-model', formatVersion: 1, createdAt: new Date().toISOString(), ...metadata, versions: runtimeVersions() };
    await writeFile(join(tmp, METADATA_FILE), JSON.stringify(full, null, 2));
    const old = existsSync(target) ? `${tmp}.old` : undefined;
    if (old) await rename(target, old);
    await rename(tmp, target);
    if (old) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function readJson(file: string): Promise<any> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ModelFileError(file, 'missing: not a saved lstmkit model directory (expected model.json, weights.bin, lstmkit.json)');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(file, `not valid JSON (${(e as Error).message})`);
  }
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/**
 * Loads a model saved by `saveModel`, with its metadata. The weights are read from the files model.json's manifest
 * names, so a folder written by TensorFlow's `tensorflowjs_converter` (group1-shard1of3.bin…) loads too, once the
 * original lstmkit.json is beside it.
 */
export async function loadModel(dir: string): Promise<{ model: LayersModel; metadata: ModelMetadata }> {
  const metadata = (await readJson(join(dir, METADATA_FILE))) as ModelMetadata;
  if (metadata.format !== 'lstmkit-model') throw new ModelFileError(join(dir, METADATA_FILE), `format is ${JSON.stringify(metadata.format)}, expected "lstmkit-model"`);
  const modelJson = await readJson(join(dir, MODEL_FILE));
  const groups = modelJson.weightsManifest as { paths: string[]; weights: { shape: number[]; dtype: string; quantization?: { dtype: string } }[] }[] | undefined;
  if (!modelJson.modelTopology || !Array.isArray(groups) || !groups.every((g) => Array.isArray(g?.paths) && Array.isArray(g?.weights))) {
    throw new ModelFileError(join(dir, MODEL_FILE), 'no modelTopology or weightsManifest: not a tfjs layers model');
  }
  const files = groups.flatMap((g) => g.paths.map((p) => join(dir, p)));
  const parts = await Promise.all(
    files.map((file) =>
      readFile(file).catch(() => {
        throw new ModelFileError(file, 'missing');
      }),
    ),
  );
  const weights = Buffer.concat(parts);
  const specs = groups.flatMap((g) => g.weights);
  const expected = specs.reduce((sum, s) => sum + (BYTES_PER_VALUE[s.quantization?.dtype ?? s.dtype] ?? 4) * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expected) throw new ModelFileError(files.join(' + '), `${weights.byteLength} bytes, the manifest in model.json needs ${expected}`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData }));
  return { model, metadata };
}
