// The one place this package imports TensorFlow.js. `@tensorflow/tfjs` (a peer dependency, so the app has a
// single engine) is used rather than tfjs-core + tfjs-layers because the layers need tfjs' chained ops,
// which only the union package registers (tfjs-core + tfjs-layers alone fail with "flatten is not a function").
import * as tf from '@tensorflow/tfjs';
export { tf };
export type LayersModel = tf.LayersModel;
