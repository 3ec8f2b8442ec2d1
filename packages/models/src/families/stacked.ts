import { recurrentClassifier } from '../layers.js';
import type { ModelFamily } from '../registry.js';

/** LSTM layers one on another; every layer but the last returns its whole sequence to the next (W2, W4). */
export const stacked: ModelFamily = {
  name: 'stacked',
  description: 'LSTM(u1, return sequences) -> ... -> LSTM(un) -> head; units as a list, optional BatchNorm/Dropout between',
  build: (spec) => recurrentClassifier('lstm', 'stacked', spec),
};
