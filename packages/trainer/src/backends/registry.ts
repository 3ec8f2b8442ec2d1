import { createRegistry, type RegisterOptions } from '@lstmkit/plugin';
import { BackendUnavailableError } from '../errors.js';
import { missingTrainingKernel } from '../can-train.js';
import { installFusedKernels } from '../kernels/fused-kernels.js';
import { lstmKernelFor } from '@lstmkit/models';
import { tf, type LayersModel } from '../tf.js';
import { moveVariablesToActiveBackend, releaseBackend } from './switch.js';
import type { BackendChoice, BackendEnvironment, BackendPlugin, BackendProbe } from './types.js';

// As tfjs' registerBackend: a name and a priority (higher wins in "auto"); unlike tfjs, a taken name is refused
// unless `replace` is given, so a plugin cannot shadow a built-in backend by accident.
const backends = createRegistry<BackendPlugin>('backend', {
  order: (a, b) => b.priority - a.priority,
  notFoundHint: () => ' (or "auto": the best one that starts here)',
});

/** Adds a backend plugin; a different one under a taken name is refused unless `replace` is set. */
export function registerBackendPlugin(plugin: BackendPlugin, options?: RegisterOptions): void {
  backends.register(plugin, options);
}

/** Removes the backend plugin registered under `name`; whether there was one. */
export const unregisterBackendPlugin = (name: string): boolean => backends.unregister(name);

/** Registered plugins, best first. */
export const listBackendPlugins = (): BackendPlugin[] => backends.list();

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
  // An unknown name is a PluginNotFoundError listing the registered backends.
  const candidates = request === 'auto' ? listBackendPlugins() : [backends.get(request)];
  // Backends this call leaves behind: freed at the end if nothing is left on them (see switch.ts).
  const left = new Set([tf.engine().backendName].filter(Boolean));
  for (const plugin of candidates) {
    const probe = await plugin.probe();
    let reason = probe.reason ?? 'unavailable';
    if (probe.available && probe.notForAuto && request === 'auto') {
      reason = probe.notForAuto;
    } else if (probe.available) {
      try {
        left.add(plugin.name);
        await plugin.activate();
        // A started backend may know more than its probe could see (webgpu in Node reads its adapter only here).
        const started = await plugin.probe();
        if (request === 'auto' && started.notForAuto) {
          skipped.push({ name: plugin.name, reason: started.notForAuto });
          continue;
        }
        await moveVariablesToActiveBackend();
        await installFusedKernels();
        const missing = options.model ? missingTrainingKernel(options.model) : undefined;
        if (!missing) {
          for (const name of left) if (name !== plugin.name) releaseBackend(name);
          return { name: plugin.name, device: started.device, skipped, fusedLstm: lstmKernelFor(plugin.name) };
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

