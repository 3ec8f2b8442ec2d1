import { FusedGRU } from './fused/gru-layer.js';
import { FusedLSTM } from './fused/lstm-layer.js';
import { FusedSimpleRNN } from './fused/simple-rnn-layer.js';
import { tf } from './tf.js';

type Serializable = Parameters<typeof tf.serialization.registerClass>[0];

/**
 * Registers FusedLSTM, FusedGRU and FusedSimpleRNN under tfjs' class names ("LSTM", "GRU", "SimpleRNN"), so that
 * `tf.loadLayersModel` builds them instead of tfjs' own. Their modules register on import too; calling this makes
 * the need explicit, so a bundler that drops unused modules keeps them (`loadModel` in @lstmkit/trainer calls it).
 */
export function registerFusedLayers(): void {
  for (const layer of [FusedLSTM, FusedGRU, FusedSimpleRNN]) tf.serialization.registerClass(layer as unknown as Serializable);
}
