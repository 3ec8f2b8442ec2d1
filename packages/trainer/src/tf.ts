// The one place the trainer imports TensorFlow.js: @lstmkit/models' namespace (tfjs-core + tfjs-layers, with
// tfjs' gradients and chained ops registered into the one engine) and tfjs' cpu backend, which is always there.
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { tf } from '@lstmkit/models';

export { tf };
export type LayersModel = tf.LayersModel;

// tfjs' cpu backend advertises tfjs-node on its first tensor in Node ("Hi, looks like you are running TensorFlow.js
// in Node.js…"), in every program that uses it. lstmkit picks its backend itself and says why (`probeBackends`,
// `lstmkit backends`), so its cpu backend is the same class made without that first-use notice.
tf.removeBackend('cpu');
tf.registerBackend('cpu', () => Object.assign(new MathBackendCPU(), { firstUse: false }), 1);
