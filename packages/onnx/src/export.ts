import type { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { version } from '../package.json';
import { artifactsOf, readArtifacts, type LayerJson, type LayerWeights } from './artifacts.js';
import { getLayerConverter } from './converters/registry.js';
import { identity } from './converters/identity.js';
import type { ConvertContext } from './converters/types.js';
import { OnnxExportError } from './errors.js';
import { OnnxGraph, OPSET, type DataType, type Dim } from './graph.js';
import { inLayout, type Value } from './value.js';

/** What a server needs to prepare input and read the output, written into the model's metadata_props. */
export interface OnnxMetadata {
  readonly task?: 'multiclass' | 'binary' | 'regression';
  /** The name of each output class, in output order. */
  readonly classNames?: readonly string[];
  /**
   * How raw input is prepared before the model sees it (standardisation, min-max scaling, vocabulary): any JSON,
   * e.g. lstmkit.json's `dataset.preprocessing`.
   */
  readonly preprocessing?: object;
  /** The lstmkit model spec the model was built from. */
  readonly spec?: unknown;
}

/** What `exportOnnx` writes besides the graph: metadata, extra properties, the graph's name. */
export interface OnnxExportOptions {
  readonly metadata?: OnnxMetadata;
  /** Further metadata_props entries, written as given. */
  readonly properties?: Readonly<Record<string, string>>;
  /** The graph's name; default the model's. */
  readonly name?: string;
}

/** The graph's input or output: name, element type and shape ("batch" is the dynamic batch size). */
export interface OnnxTensorInfo {
  readonly name: string;
  readonly type: DataType;
  readonly shape: readonly Dim[];
}

/** What `exportOnnx` returns: the model's bytes, its opset, input and output, and its operators. */
export interface OnnxExport {
  /** The ONNX model (a serialised ModelProto), ready to write to a .onnx file or hand to a runtime. */
  readonly bytes: Uint8Array;
  readonly opset: number;
  readonly input: OnnxTensorInfo;
  readonly output: OnnxTensorInfo;
  /** How many nodes of each operator the graph has. */
  readonly operators: Readonly<Record<string, number>>;
  /** Layers that only act in training (Dropout…), left out. */
  readonly removed: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** metadata_props entries: plain keys, JSON values where the value is structured. */
function metadataProps(meta: OnnxMetadata | undefined, input: OnnxTensorInfo, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const props: Record<string, string> = {
    input_layout: input.type === 'int64' ? 'batch, timesteps: token ids (int64)' : 'batch, timesteps, features (float32)',
  };
  if (meta?.task) props.task = meta.task;
  if (meta?.classNames) props.class_names = JSON.stringify(meta.classNames);
  if (meta?.preprocessing) props.preprocessing = JSON.stringify(meta.preprocessing);
  if (meta?.spec !== undefined) props.lstmkit_spec = JSON.stringify(meta.spec);
  return { ...props, ...extra };
}

/** The model's input as a graph input: float [batch, ...shape], or int64 token ids when an Embedding reads it. */
function graphInput(graph: OnnxGraph, layers: readonly LayerJson[]): Value {
  const first = layers.find((l) => l.config.batch_input_shape);
  const shape = first?.config.batch_input_shape as (number | null)[] | undefined;
  if (!shape) throw new OnnxExportError(layers[0]?.config.name, 'the model declares no input shape (batch_input_shape)');
  if (shape.slice(1).some((d) => typeof d !== 'number')) throw new OnnxExportError(first!.config.name, `its input shape [${shape.map((d) => d ?? 'batch')}] has an undefined size besides the batch`);
  const type: DataType = layers.find((l) => l.class_name !== 'InputLayer')?.class_name === 'Embedding' ? 'int64' : 'float';
  const name = graph.input('input', type, ['batch', ...(shape.slice(1) as number[])]);
  return { name, shape, layout: 'keras', type };
}

/**
 * Exports a tfjs LayersModel (or its saved artifacts: model.json's topology and the weights) to ONNX. Every layer
 * becomes the ONNX operators that compute the same function at inference (LSTM, GRU and SimpleRNN as ONNX's own
 * recurrent operators); a layer that cannot be expressed is refused with an OnnxExportError naming it, and
 * nothing is returned. The batch size is dynamic. Browser-safe: no file system, no tfjs runtime needed.
 */
export async function exportOnnx(model: LayersModel | io.ModelArtifacts, options: OnnxExportOptions = {}): Promise<OnnxExport> {
  const artifacts = typeof (model as LayersModel).save === 'function' ? await artifactsOf(model as LayersModel) : (model as io.ModelArtifacts);
  const read = readArtifacts(artifacts);
  const graph = new OnnxGraph();
  const removed: string[] = [];

  const convert = (layer: LayerJson, x: Value, weights: LayerWeights): Value => {
    const name = layer.config.name;
    const converter = getLayerConverter(layer.class_name, name);
    if (x.mask && !converter.mask) throw new OnnxExportError(name, `${layer.class_name} receives Keras' mask of padded steps (from Masking or Embedding(mask_zero)), which it cannot apply in ONNX`);
    if (converter === identity && layer.class_name !== 'InputLayer') removed.push(name);
    const context: ConvertContext = { graph, layer, weights, convertInner: convert, converterOf: getLayerConverter };
    const y = converter.convert(x, context);
    return converter.mask === 'passes' ? { ...y, mask: x.mask } : y;
  };

  let x = graphInput(graph, read.layers);
  const inputInfo: OnnxTensorInfo = { name: x.name, type: x.type, shape: ['batch', ...(x.shape.slice(1) as number[])] };
  for (const layer of read.layers) x = convert(layer, x, read.weightsOf(layer.config.name));
  const y = inLayout(graph, x, 'keras');
  const output: OnnxTensorInfo = { name: 'output', type: 'float', shape: ['batch', ...(y.shape.slice(1) as number[])] };
  graph.output(output.name, y.name, output.shape);

  const metadata = metadataProps(options.metadata, inputInfo, options.properties);
  const name = options.name ?? read.name;
  const bytes = graph.encode({ name, docString: `${name}: a TensorFlow.js Sequential model exported by @lstmkit/onnx ${version}`, producerVersion: version, metadata });
  return { bytes, opset: OPSET, input: inputInfo, output, operators: graph.operators(), removed, metadata };
}
