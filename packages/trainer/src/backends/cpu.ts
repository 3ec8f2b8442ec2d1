import { tf } from '../tf.js';
import type { BackendPlugin } from './types.js';

/** Plain JavaScript kernels (@tensorflow/tfjs-backend-cpu, part of @tensorflow/tfjs): always there, slowest. */
export const cpu: BackendPlugin = {
  name: 'cpu',
  priority: 10,
  description: 'plain JavaScript kernels from @tensorflow/tfjs; always available, the slowest',
  async probe() {
    return tf.findBackendFactory('cpu') ? { available: true, device: 'JavaScript (main thread)' } : { available: false, reason: '@tensorflow/tfjs did not register its cpu backend' };
  },
  async activate() {
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs could not initialise the cpu backend');
  },
};
