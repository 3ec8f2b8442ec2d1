import { recurrentClassifier } from '../layers.js';
import type { ModelFamily } from '../registry.js';

/** GRU layers (reset_after=false: tfjs has no reset_after=true, Keras' default), stacked when units is a list. */
export const gru: ModelFamily = {
  name: 'gru',
  description: 'GRU(units...) -> head; 3*(u*(d+u)+u) params per layer (reset_after=false, as tfjs has no other)',
  build: (spec) => recurrentClassifier('gru', 'gru', spec),
};
