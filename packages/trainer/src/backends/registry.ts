import { BackendUnavailableError } from '../errors.js';
import { missingTrainingKernel } from '../can-train.js';
import { installFusedKernels } from '../kernels/fused-kernels.js';
import { lstmKernelFor } from '@lstmkit/models';
import { tf, type LayersModel } from '../tf.js';
import { cpu } from './cpu.js';
import { moveVariablesToActiveBackend, releaseBackend } from './switch.js';
import type { BackendChoice, BackendEnvironment, BackendPlugin, BackendProbe } from './types.js';
import { node, nodeGpu } from './tfjs-node.js';
import { wasm } from './wasm.js';
import { webgl } from './webgl.js';
import { webgpu } from './webgpu.js';

const plugins = new Map<string, BackendPlugin>();

/** Adds a backend plugin (or replaces one of the same name). */
export function registerBackendPlugin(plugin: BackendPlugin): void {
  plugins.set(plugin.name, plugin);
}

/** Registered plugins, best first. */
export function listBackendPlugins(): BackendPlugin[] {
  return [...plugins.values()].sort((a, b) => b.priority - a.priority);
}

/** Every registered backend with what its probe found here, best first. */
export async function probeBackends(): Promise<(BackendProbe & { name: string; priority: number; description: string; environments?: readonly BackendEnvironment[] })[]> {
  return Promise.all(
    listBackendPlugins().map(async (p) => ({ name: p.name, priority: p.priority, description: p.description, ...(p.environments ? { environments: p.environments } : {}), ...(await p.probe()) })),
  );
}

/** The runtime this code runs in: Node, or a browser (page or worker). */
export const currentEnvironment = (): BackendEnvironment => (typeof process !== 'undefined' && process.versions?.node ? 'node' : 'browser');

/** Whether a backend plugin can run in an environment (default: this one); a browser app lists only these. */
export const runsIn = (plugin: Pick<BackendPlugin, 'environments'>, environment: BackendEnvironment = currentEnvironment()): boolean =>
  !plugin.environments || plugin.environments.includes(environment);

/** What `useBackend` checks beyond starting the backend. */
export interface UseBackendOptions {
  /** Only accept a backend that has every kernel this model's training needs (checked with one gradient pass). */
  readonly model?: LayersModel;
}

/**
 * Activates a backend: "auto" takes the best one whose probe and activation succeed, saying why each better one
 * was skipped; a name takes that one or fails with the reason it cannot run here. Existing models (their variables)
 * move to the new backend, and the previous backend is disposed if nothing is left on it.
 */
export async function useBackend(request = 'auto', options: UseBackendOptions = {}): Promise<BackendChoice> {
  const skipped: { name: string; reason: string }[] = [];
  const candidates = request === 'auto' ? listBackendPlugins() : [plugins.get(request)];
  if (candidates[0] === undefined) {
    throw new BackendUnavailableError(`unknown backend "${request}"; registered: auto, ${[...plugins.keys()].join(', ')}`);
  }
  // Backends this call leaves behind: freed at the end if nothing is left on them (see switch.ts).
  const left = new Set([tf.engine().backendName].filter(Boolean));
  for (const plugin of candidates as BackendPlugin[]) {
    const probe = await plugin.probe();
    let reason = probe.reason ?? 'unavailable';
    if (probe.available && probe.notForAuto && request === 'auto') {
      reason = probe.notForAuto;
    } else if (probe.available) {
      try {
        left.add(plugin.name);
        await plugin.activate();
        await moveVariablesToActiveBackend();
        await installFusedKernels();
        const missing = options.model ? missingTrainingKernel(options.model) : undefined;
        if (!missing) {
          for (const name of left) if (name !== plugin.name) releaseBackend(name);
          return { name: plugin.name, device: probe.device, skipped, fusedLstm: lstmKernelFor(plugin.name) };
        }
        reason = `cannot train this model: tfjs' ${plugin.name} backend has no ${missing} kernel`;
      } catch (e) {
        reason = `failed to start: ${(e as Error).message}`;
      }
    }
    if (request !== 'auto') throw new BackendUnavailableError(`backend "${plugin.name}" is not available: ${reason}`);
    skipped.push({ name: plugin.name, reason });
  }
  throw new BackendUnavailableError(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** The active tfjs backend's name. */
export const activeBackend = (): string => tf.getBackend();

registerBackendPlugin(webgpu);
registerBackendPlugin(nodeGpu);
registerBackendPlugin(node);
registerBackendPlugin(webgl);
registerBackendPlugin(wasm);
registerBackendPlugin(cpu);
