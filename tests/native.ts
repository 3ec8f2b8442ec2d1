import { loadNative, type NativeKernels } from '@lstmkit/native';

/**
 * The compiled kernels, or undefined (with a message) when they are not built here. CI sets
 * LSTMKIT_REQUIRE_NATIVE=1 so that a missing build fails the tests instead of skipping them.
 */
export function nativeKernels(): NativeKernels | undefined {
  const status = loadNative();
  if (status.available) return status.kernels;
  if (process.env.LSTMKIT_REQUIRE_NATIVE) throw new Error(`LSTMKIT_REQUIRE_NATIVE is set but ${status.reason}`);
  console.warn(`skipping native-kernel tests: ${status.reason}`);
  return undefined;
}
