// The one place this package imports TensorFlow.js: tfjs-core and tfjs-layers (dependencies), with tfjs'
// gradients and chained ops registered (see tfjs.ts).
import * as tf from './tfjs.js';
export { tf };
/** A tfjs-layers model. */
export type LayersModel = tf.LayersModel;
