import { webgpu } from '@lstmkit/trainer';

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
