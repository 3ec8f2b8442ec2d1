import type { LayerConverter } from './types.js';

/** Layers that only act in training (dropout and noise): at inference they pass their input on unchanged. */
export const identity: LayerConverter = {
  classNames: ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization', 'InputLayer'],
  mask: 'passes',
  lastAxisOnly: true,
  convert: (x) => x,
};
