import { applyActivation } from '../activations.js';
import type { LayerConverter } from './types.js';

/** Keras' Activation layer. */
export const activation: LayerConverter = {
  classNames: ['Activation'],
  mask: 'passes',
  lastAxisOnly: true,
  convert: (x, { graph, layer }) => applyActivation(graph, x, layer.config.activation, layer.config.name),
};
