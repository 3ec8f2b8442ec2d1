import { tf } from '../tf.js';
import type { BackendPlugin, BackendProbe } from './types.js';

// @tensorflow/tfjs-node(-gpu) bind libtensorflow (C++). They are not dependencies of lstmkit: their install script
// downloads libtensorflow from outside the npm registry (and -gpu needs CUDA 11.2 + cuDNN 8.1), which fails on many
// machines. A user who has them installed, next to @lstmkit/trainer and at tfjs 4.22.0, gets these backends
// (they are optional peer dependencies, so that strict package managers such as pnpm let this file import them).

/** A plugin for one of tfjs' libtensorflow packages; both register the tfjs backend named "tensorflow". */
function tensorflowPlugin(name: 'node' | 'node-gpu', pkg: string, priority: number, needs: string): BackendPlugin {
  let probed: Promise<BackendProbe> | undefined;
  return {
    name,
    priority,
    environments: ['node'],
    description: `libtensorflow via ${pkg} (${needs})`,
    probe() {
      probed ??= (async (): Promise<BackendProbe> => {
        if (typeof process === 'undefined' || !process.versions?.node) return { available: false, reason: 'runs only in Node' };
        try {
          await import(/* @vite-ignore */ pkg);
        } catch (e) {
          // Node: "Cannot find package '<pkg>'" (ERR_MODULE_NOT_FOUND); bundlers (Vite): 'Could not resolve "<pkg>"'.
          // The quoted name only: a missing file inside an installed package is a failure to load, not "missing".
          const message = String((e as Error).message);
          const missing = message.includes(`'${pkg}'`) || message.includes(`"${pkg}"`);
          return {
            available: false,
            reason: missing
              ? `not installed — npm i ${pkg}@4.22.0 (${needs}; its install downloads libtensorflow)`
              : `failed to load: ${(e as Error).message.split('\n')[0].trim()} — its install script downloads libtensorflow and this binding from storage.googleapis.com (or TFJS_NODE_CDN_STORAGE); run \`npm rebuild ${pkg}\` where that is reachable`,
          };
        }
        if (!tf.findBackendFactory('tensorflow')) return { available: false, reason: `${pkg} loaded but registered no "tensorflow" backend in this tfjs engine (a second copy of @tensorflow/tfjs-core?)` };
        return { available: true, device: name === 'node-gpu' ? 'CUDA (libtensorflow)' : 'CPU (libtensorflow, all cores)' };
      })();
      return probed;
    },
    async activate() {
      const probe = await this.probe();
      if (!probe.available) throw new Error(probe.reason);
      if (!(await tf.setBackend('tensorflow'))) throw new Error(`tfjs could not initialise ${pkg}`);
    },
  };
}

/** libtensorflow with CUDA through @tensorflow/tfjs-node-gpu, when the app has it installed. */
export const nodeGpu = tensorflowPlugin('node-gpu', '@tensorflow/tfjs-node-gpu', 40, 'needs an NVIDIA GPU with CUDA 11.2 + cuDNN 8.1');
/** libtensorflow on the CPU through @tensorflow/tfjs-node, when the app has it installed. */
export const node = tensorflowPlugin('node', '@tensorflow/tfjs-node', 30, 'libtensorflow CPU');
