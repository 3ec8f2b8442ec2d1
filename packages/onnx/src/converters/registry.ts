import { OnnxExportError } from '../errors.js';
import { activation } from './activation.js';
import { batchNormalization } from './batch-normalization.js';
import { bidirectional } from './bidirectional.js';
import { conv } from './conv.js';
import { dense } from './dense.js';
import { embedding } from './embedding.js';
import { identity } from './identity.js';
import { masking } from './masking.js';
import { globalPooling, pooling } from './pooling.js';
import { recurrent } from './recurrent.js';
import { repeatVector, reshape } from './reshape.js';
import { timeDistributed } from './time-distributed.js';
import type { LayerConverter } from './types.js';

const converters = new Map<string, LayerConverter>();

/** Adds a converter for its layer classes (replacing any registered for the same class). */
export function registerLayerConverter(converter: LayerConverter): void {
  for (const name of converter.classNames) converters.set(name, converter);
}

/** The layer classes that can be exported. */
export function listLayerConverters(): string[] {
  return [...converters.keys()].sort();
}

/** The converter of a layer class; a class without one is refused, naming the layer. */
export function getLayerConverter(className: string, layer: string): LayerConverter {
  const c = converters.get(className);
  if (!c) throw new OnnxExportError(layer, `no ONNX converter for ${className} layers (exportable: ${listLayerConverters().join(', ')})`);
  return c;
}

for (const c of [recurrent, bidirectional, dense, embedding, masking, identity, activation, batchNormalization, conv, pooling, globalPooling, reshape, repeatVector, timeDistributed]) registerLayerConverter(c);
