import { tf } from '../tf.js';
import type { BackendPlugin, BackendProbe } from './types.js';

// A variable specifier: an optional package that browser bundlers must not try to resolve. A browser app imports
// @tensorflow/tfjs-backend-webgl itself, which registers the backend; activate() only imports it when it has not.
const TFJS_WEBGL = '@tensorflow/tfjs-backend-webgl';

interface DebugRendererInfo {
  readonly UNMASKED_RENDERER_WEBGL: number;
}

/** Looks for WebGL without starting tfjs on it: a throwaway canvas context, and what renders it. */
function lookForWebgl(): BackendProbe {
  const g = globalThis as { document?: { createElement(tag: 'canvas'): HTMLCanvasElement }; OffscreenCanvas?: new (w: number, h: number) => OffscreenCanvas };
  if (!g.document && !g.OffscreenCanvas) {
    return { available: false, reason: 'WebGL needs a browser (a page or a worker with OffscreenCanvas); in Node use wasm, webgpu (Dawn) or tfjs-node' };
  }
  const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document!.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return { available: false, reason: 'this browser gives no WebGL context (disabled, or no GPU driver it accepts); wasm runs everywhere' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info') as DebugRendererInfo | null;
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const version = typeof WebGL2RenderingContext !== 'undefined' && gl instanceof WebGL2RenderingContext ? 'WebGL 2' : 'WebGL 1';
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // browsers allow only a few live contexts
  const software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  return {
    available: true,
    device: `${version}: ${renderer}${software ? ' — CPU emulation of a GPU: correct, slow' : ''}`,
    ...(software ? { notForAuto: `${renderer} emulates a GPU on the CPU, slower than wasm (choose webgl to force it)` } : {}),
  };
}

let found: BackendProbe | undefined;

/** WebGL through @tensorflow/tfjs-backend-webgl: the GPU of browsers without WebGPU. */
export const webgl: BackendPlugin = {
  name: 'webgl',
  // Below webgpu and the Node backends, above wasm: in a browser, webgpu > webgl > wasm > cpu.
  priority: 25,
  description: 'WebGL (GPU shaders) via @tensorflow/tfjs-backend-webgl; browsers only, for those without WebGPU',
  environments: ['browser'],
  async probe() {
    try {
      found ??= lookForWebgl();
    } catch (e) {
      found = { available: false, reason: `failed to look for WebGL: ${(e as Error).message.split('\n')[0]}` };
    }
    return found;
  },
  async activate() {
    const probe = await this.probe();
    if (!probe.available) throw new Error(probe.reason);
    if (!tf.findBackendFactory('webgl')) {
      await import(/* @vite-ignore */ TFJS_WEBGL).catch((e: Error) => {
        throw new Error(`${TFJS_WEBGL} is not installed or not bundled (${e.message.split('\n')[0]}): npm i ${TFJS_WEBGL}@4.22.0 and import it in the app`);
      });
    }
    if (!(await tf.setBackend('webgl'))) throw new Error('tfjs could not initialise the webgl backend');
  },
};
