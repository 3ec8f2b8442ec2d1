import type { LayerJson, LayerWeights } from '../artifacts.js';
import type { OnnxGraph } from '../graph.js';
import type { Value } from '../value.js';

/** What a converter works with: the graph being built, its layer, and that layer's weights. */
export interface ConvertContext {
  readonly graph: OnnxGraph;
  readonly layer: LayerJson;
  readonly weights: LayerWeights;
  /** Converts a wrapped layer (inside TimeDistributed or Bidirectional) with the given weights. */
  convertInner(layer: LayerJson, x: Value, weights: LayerWeights): Value;
  /** The converter registered for a layer class (refused, naming `layer`, when there is none). */
  converterOf(className: string, layer: string): LayerConverter;
}

/** Turns one tfjs/Keras layer class into ONNX nodes. */
export interface LayerConverter {
  /** The layer classes it converts, as tfjs saves them ("LSTM", "Dense"…). */
  readonly classNames: readonly string[];
  /**
   * How it treats Keras' mask (from Masking or Embedding(mask_zero)): "passes" keeps it for the next layer
   * unchanged, "uses" reads it (`x.mask`) and says what follows; without this a masked input is refused.
   */
  readonly mask?: 'passes' | 'uses';
  /** It acts on the last axis only, whatever the axes before it (TimeDistributed can then skip its reshapes). */
  readonly lastAxisOnly?: boolean;
  /** Adds the nodes computing the layer on `x` to the graph and returns the layer's output. */
  convert(x: Value, ctx: ConvertContext): Value;
}
