import { loadNative } from '@lstmkit/native/node';
import type { FusedKernels } from '@lstmkit/native';
import { loadDataset, type SequenceDataset } from '@lstmkit/datasets/node';
import { buildModel } from '@lstmkit/models';
import { webgpu } from './backends/webgpu.js';

/** Real embedded MNIST digits, a small seeded subset so tests stay fast. */
export async function smallDigits(trainSamples = 600): Promise<{ train: SequenceDataset; test: SequenceDataset }> {
  const { train, test } = await loadDataset('mnist', { seed: 1, limit: trainSamples });
  return { train, test };
}

export const smallModel = (units = 16, seed = 1) =>
  buildModel({ family: 'vanilla', inputShape: [28, 28], units, head: { task: 'multiclass', outputs: 10 }, seed });

/**
 * The compiled native kernels, or undefined (with a message) when they are not built here. CI sets
 * LSTMKIT_REQUIRE_NATIVE=1 so that a missing build fails the tests instead of skipping them.
 */
export function nativeKernels(): FusedKernels | undefined {
  const status = loadNative();
  if (status.available) return status.kernels;
  if (process.env.LSTMKIT_REQUIRE_NATIVE) throw new Error(`LSTMKIT_REQUIRE_NATIVE is set but ${status.reason}`);
  console.warn(`skipping native-kernel tests: ${status.reason}`);
  return undefined;
}

/**
 * Whether the webgpu backend runs here (a GPU, or Chromium's SwiftShader: apt-get install chromium libvulkan1).
 * CI sets LSTMKIT_REQUIRE_WEBGPU=1, which turns a missing adapter into a failure instead of a skip.
 */
export async function hasWebgpu(): Promise<boolean> {
  const probe = await webgpu.probe();
  if (probe.available) return true;
  if (process.env.LSTMKIT_REQUIRE_WEBGPU) throw new Error(`LSTMKIT_REQUIRE_WEBGPU is set but webgpu is not available: ${probe.reason}`);
  console.warn(`skipping webgpu tests: ${probe.reason}`);
  return false;
}

/** What saveModel records for `smallModel(units, seed)` trained on a few embedded digits. */
export const smallModelRecord = (units: number, seed: number, backend = 'cpu') => ({
  spec: { family: 'vanilla', inputShape: [28, 28] as const, units, head: { task: 'multiclass' as const, outputs: 10 }, seed },
  dataset: { name: 'mnist', source: 'embedded', task: 'multiclass' as const, timesteps: 28, features: 28, trainSamples: 100, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  backend,
  seed,
});
