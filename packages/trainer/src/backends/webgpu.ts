import { installWgslRecurrent } from '../kernels/wgsl-recurrent.js';
import { tf } from '../tf.js';
import type { BackendPlugin, BackendProbe } from './types.js';

// Chromium's software Vulkan driver (Debian package `chromium`): dawn accepts it where it refuses Mesa's lavapipe,
// so a machine without a GPU can still run (and test) the webgpu backend, slowly.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// Variable specifiers: optional packages that browser bundlers must not try to resolve.
const DAWN = 'webgpu';
const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';
const NOT_INSTALLED = `not installed: npm i webgpu@0.6.2 ${TFJS_WEBGPU}@4.22.0 (Dawn for Node)`;
const NO_ADAPTER =
  "no WebGPU adapter: needs a GPU with a Vulkan (Linux), Metal or D3D12 driver and libvulkan1, or, without a GPU, Chromium's SwiftShader (apt-get install chromium libvulkan1)";
const EMULATED = ' — CPU emulation of a GPU: correct, slow';

interface Adapter {
  info: { vendor: string; architecture: string; device: string; description: string };
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
}
interface Gpu {
  requestAdapter(): Promise<Adapter | null>;
}
interface Dawn {
  create(flags: string[]): Gpu;
  globals: object;
}

const isNode = () => typeof process !== 'undefined' && !!process.versions?.node;
const browserGpu = () => (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
// Node modules are loaded by names bundlers do not follow, so that this plugin bundles for the browser.
const nodeModule = <T>(m: string) => import(/* @vite-ignore */ `node:${m}`) as Promise<T>;

/** What an adapter is, as the probe reports it. */
function describe(adapter: Adapter, software: boolean): BackendProbe {
  const i = adapter.info;
  const name = [i.vendor, i.architecture, i.description].filter(Boolean).join(' ') || 'unnamed adapter';
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  const sw = software || /swiftshader|llvmpipe|lavapipe/i.test(name);
  return {
    available: true,
    device: `${name}${sw ? EMULATED : ''} (max buffer ${mb(adapter.limits.maxBufferSize)}, storage binding ${mb(adapter.limits.maxStorageBufferBindingSize)})`,
    ...(sw ? { notForAuto: `${name} emulates a GPU on the CPU, slower than wasm (use --backend webgpu to force it)` } : {}),
  };
}

/** Which Vulkan driver Dawn will use in Node: the system's (a GPU device node, or one the user named) or SwiftShader's. */
async function nodeDriver(): Promise<{ system: boolean; swiftshader: boolean }> {
  const { existsSync } = await nodeModule<typeof import('node:fs')>('fs');
  const env = process.env;
  // Without a GPU device node, asking the system's drivers only makes Dawn print warnings (it refuses Mesa's
  // lavapipe): go straight to SwiftShader then.
  const gpuDevice = process.platform !== 'linux' || ['/dev/dri', '/dev/nvidiactl', '/dev/dxg'].some((d) => existsSync(d));
  const named = !!(env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES);
  return { system: gpuDevice || named, swiftshader: !named && existsSync(SWIFTSHADER_ICD) };
}

/**
 * The probe only looks: it changes nothing in the process. In a browser it asks navigator.gpu for its adapter (a
 * read). In Node, reading the adapter means loading Dawn (a native library) and, without a GPU, pointing the Vulkan
 * loader at SwiftShader through VK_ICD_FILENAMES — changes to the process, so they are left to `activate`. The Node
 * probe checks that both packages resolve (without loading them) and which driver Dawn will get; the adapter's own
 * name and limits are reported once `activate` has read them.
 */
async function look(): Promise<BackendProbe> {
  const gpu = browserGpu();
  if (gpu) {
    const adapter = await gpu.requestAdapter();
    return adapter ? describe(adapter, false) : { available: false, reason: NO_ADAPTER };
  }
  if (!isNode()) return { available: false, reason: 'this browser has no WebGPU (navigator.gpu)' };
  const { createRequire } = await nodeModule<typeof import('node:module')>('module');
  const resolves = (pkg: string) => {
    try {
      createRequire(import.meta.url).resolve(pkg);
      return true;
    } catch {
      return false;
    }
  };
  if (!resolves(DAWN)) return { available: false, reason: NOT_INSTALLED };
  const driver = await nodeDriver();
  if (driver.system) return { available: true, device: 'a GPU through Dawn (its adapter is read when the backend starts)' };
  if (driver.swiftshader) {
    const name = `SwiftShader (${SWIFTSHADER_ICD})`;
    return { available: true, device: `${name}${EMULATED}`, notForAuto: `${name} emulates a GPU on the CPU, slower than wasm (use --backend webgpu to force it)` };
  }
  return { available: false, reason: NO_ADAPTER };
}

/** In Node: loads Dawn, picks its Vulkan driver, and installs it as the browser globals tfjs' webgpu backend looks for. */
async function startDawn(): Promise<BackendProbe> {
  let dawn: Dawn;
  try {
    dawn = (await import(/* @vite-ignore */ DAWN)) as Dawn;
  } catch {
    throw new Error(NOT_INSTALLED);
  }
  const driver = await nodeDriver();
  let adapter = driver.system ? await dawn.create([]).requestAdapter() : null;
  let software = false;
  if (!adapter && driver.swiftshader) {
    const [{ mkdtempSync }, { join }, { tmpdir }] = await Promise.all([
      nodeModule<typeof import('node:fs')>('fs'),
      nodeModule<typeof import('node:path')>('path'),
      nodeModule<typeof import('node:os')>('os'),
    ]);
    // This must be the process environment: the Vulkan loader reads only that (Dawn takes no driver path), when Dawn
    // makes its next instance; set only when no system driver was found.
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    // SwiftShader prints an error at every start without a private runtime directory.
    process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'lstmkit-xdg-'));
    adapter = await dawn.create([]).requestAdapter();
    software = adapter !== null;
  }
  if (!adapter) throw new Error(NO_ADAPTER);
  // These must be globals: tfjs' webgpu backend reads navigator.gpu and the GPU* constants (GPUBufferUsage, …) by
  // name, as in a browser, and takes no device or namespace to use instead.
  Object.assign(globalThis, dawn.globals);
  const g = globalThis as { navigator?: object };
  g.navigator = Object.assign(g.navigator ?? {}, { gpu: dawn.create([]) });
  return describe(adapter, software);
}

let looked: Promise<BackendProbe> | undefined;
let started: Promise<BackendProbe> | undefined;

/** WebGPU through @tensorflow/tfjs-backend-webgpu: the browser's GPU, or in Node Dawn (the `webgpu` package). */
export const webgpu: BackendPlugin = {
  name: 'webgpu',
  priority: 50,
  description: 'WebGPU via @tensorflow/tfjs-backend-webgpu; in Node through Dawn (npm package webgpu) on Vulkan/Metal/D3D12',
  probe() {
    // Once started, the adapter Dawn found is what there is to report.
    if (started) return started.catch((e: Error) => ({ available: false, reason: e.message }));
    looked ??= look().catch((e: Error) => ({ available: false, reason: `failed to start: ${e.message.split('\n')[0]}` }));
    return looked;
  },
  async activate() {
    const probe = await this.probe();
    if (!probe.available) throw new Error(probe.reason);
    if (!browserGpu() && isNode()) {
      started ??= startDawn();
      await started;
    }
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
