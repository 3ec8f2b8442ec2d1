/**
 * tfjs-core and tfjs-layers as one namespace (what @tensorflow/tfjs, the union package, re-exports), without the
 * union package's converter, data and webgl parts (~170 MB installed), with tfjs' gradients and chained ops
 * (`x.flatten()`, …) registered.
 *
 * Those registrations are two tfjs-core modules published only as ES modules inside a CommonJS package, which Node
 * cannot load. The union package inlines them into its Node bundle; this package's build does the same
 * (tsup.config.ts). The inlined code registers into tfjs-core's engine and registries, which are globals shared by
 * every copy, so there is still one engine.
 * @module
 */
// tfjs-core itself first: the first copy to load defines the engine's Tensor class, and it must be the package's own.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
