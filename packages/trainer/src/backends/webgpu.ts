import { installWgslRecurrent } from '../kernels/wgsl-recurrent.js';
import { tf } from '../tf.js';
import type { BackendPlugin, BackendProbe } from './types.js';

// Chromium's software Vulkan driver (Debian package `chromium`): dawn accepts it where it refuses Mesa's lavapipe,
// so a machine without a GPU can still run (and test) the webgpu backend, slowly.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// Variable specifiers: optional packages that browser bundlers must not try to resolve.
const DAWN = 'webgpu';
const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';

interface Adapter {
  info: { vendor: string; architecture: string; device: string; description: string };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}
interface Gpu {
  requestAdapter(): Promise<Adapter | null>;
}

let found: Promise<BackendProbe> | undefined;

/** navigator.gpu in a browser; in Node, dawn.node from the `webgpu` package, installed as navigator.gpu. */
async function findAdapter(): Promise<BackendProbe> {
  const nav = (globalThis as { navigator?: { gpu?: Gpu } }).navigator;
  let adapter = nav?.gpu ? await nav.gpu.requestAdapter() : null;
  let software = false;
  if (!adapter && typeof process !== 'undefined' && process.versions?.node && !nav?.gpu) {
    let dawn: { create(flags: string[]): Gpu; globals: object };
    try {
      dawn = (await import(/* @vite-ignore */ DAWN)) as typeof dawn;
    } catch {
      return { available: false, reason: 'not installed: npm i webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0 (Dawn for Node)' };
    }
    // Node modules are loaded here, by names bundlers do not follow, so that this plugin bundles for the browser.
    const node = (m: string) => import(/* @vite-ignore */ `node:${m}`);
    const [{ existsSync, mkdtempSync }, { join }, { tmpdir }] = (await Promise.all([node('fs'), node('path'), node('os')])) as [
      typeof import('node:fs'),
      typeof import('node:path'),
      typeof import('node:os'),
    ];
    const env = process.env;
    // Without a GPU device node, asking the system's drivers only makes Dawn print warnings (it refuses Mesa's
    // lavapipe): go straight to SwiftShader then.
    const gpuDevice = process.platform !== 'linux' || ['/dev/dri', '/dev/nvidiactl', '/dev/dxg'].some((d) => existsSync(d));
    if (gpuDevice || env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) adapter = await dawn.create([]).requestAdapter();
    if (!adapter && !env.VK_ICD_FILENAMES && !env.VK_DRIVER_FILES && existsSync(SWIFTSHADER_ICD)) {
      env.VK_ICD_FILENAMES = SWIFTSHADER_ICD; // read by the Vulkan loader when dawn makes its next instance
      // SwiftShader prints an error at every start without a private runtime directory.
      env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'lstmkit-xdg-'));
      adapter = await dawn.create([]).requestAdapter();
      software = adapter !== null;
    }
    if (adapter) {
      // tfjs' webgpu backend looks for the browser globals (navigator.gpu, GPUBufferUsage, …).
      Object.assign(globalThis, dawn.globals);
      const g = globalThis as { navigator?: object };
      g.navigator = Object.assign(g.navigator ?? {}, { gpu: dawn.create([]) });
    }
  }
  if (!adapter) {
    return {
      available: false,
      reason: 'no WebGPU adapter: needs a GPU with a Vulkan (Linux), Metal or D3D12 driver and libvulkan1, or, without a GPU, Chromium\'s SwiftShader (apt-get install chromium libvulkan1)',
    };
  }
  const i = adapter.info;
  const name = [i.vendor, i.architecture, i.description].filter(Boolean).join(' ') || 'unnamed adapter';
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  const sw = software || /swiftshader|llvmpipe|lavapipe/i.test(name);
  return {
    available: true,
    device: `${name}${sw ? ' — CPU emulation of a GPU: correct, slow' : ''} (max buffer ${mb(adapter.limits.maxBufferSize)}, storage binding ${mb(adapter.limits.maxStorageBufferBindingSize)})`,
    ...(sw ? { notForAuto: `${name} emulates a GPU on the CPU, slower than wasm (use --backend webgpu to force it)` } : {}),
  };
}

/** WebGPU through @tensorflow/tfjs-backend-webgpu: the browser's GPU, or in Node Dawn (the `webgpu` package). */
export const webgpu: BackendPlugin = {
  name: 'webgpu',
  priority: 50,
  description: 'WebGPU via @tensorflow/tfjs-backend-webgpu; in Node through Dawn (npm package webgpu) on Vulkan/Metal/D3D12',
  probe() {
    found ??= findAdapter().catch((e: Error) => ({ available: false, reason: `failed to start: ${e.message.split('\n')[0]}` }));
    return found;
  },
  async activate() {
    const probe = await this.probe();
    if (!probe.available) throw new Error(probe.reason);
    // A browser app imports @tensorflow/tfjs-backend-webgpu itself (bundlers cannot follow this variable import);
    // then its backend is registered already.
    if (!tf.findBackendFactory('webgpu')) {
      await import(/* @vite-ignore */ TFJS_WEBGPU).catch((e: Error) => {
        throw new Error(`${TFJS_WEBGPU} is not installed (${e.message.split('\n')[0]}): npm i ${TFJS_WEBGPU}@4.22.0`);
      });
    }
    if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not initialise the webgpu backend');
    installWgslRecurrent(); // the fused LSTM, GRU and SimpleRNN layers run as WGSL kernels here
  },
};
