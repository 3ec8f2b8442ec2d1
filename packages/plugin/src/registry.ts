// One registry shape for every open set of lstmkit (model families, datasets, backends, projections, charts).
// From tfjs' registerBackend/registerKernel: a name is taken once (tfjs warns and keeps the first; lstmkit refuses,
// so a plugin that shadows a built-in by accident is heard, and `replace: true` says it on purpose), and an entry
// can be removed again. From tfjs' engine: the registries live on globalThis under a Symbol.for key, so two copies
// of an lstmkit package in one app (a plugin that resolved its own copy) still fill the same registry.

/** What every plugin has: a name to be asked for by, and one line that says what it is. */
export interface Plugin {
  readonly name: string;
  readonly description: string;
}

/** Asked for a plugin name nothing is registered under; the message lists what is. */
export class PluginNotFoundError extends Error {
  override readonly name = 'PluginNotFoundError';
  constructor(
    /** What kind of plugin was asked for, e.g. "model family". */
    readonly kind: string,
    /** The name asked for. */
    readonly requested: string,
    /** The names that are registered. */
    readonly registered: readonly string[],
    hint = '',
  ) {
    super(`unknown ${kind} "${requested}"; registered: ${registered.join(', ') || '(none)'}${hint}`);
  }
}

/** A second, different plugin registered under a name that is taken. */
export class DuplicatePluginError extends Error {
  override readonly name = 'DuplicatePluginError';
  constructor(
    /** What kind of plugin it is, e.g. "dataset". */
    readonly kind: string,
    /** The name that is taken. */
    readonly taken: string,
  ) {
    super(`a ${kind} named "${taken}" is already registered; unregister it first, or register with { replace: true } to replace it`);
  }
}

/** How `register` treats a name that is taken. */
export interface RegisterOptions {
  /** Replace the plugin registered under the same name (default false: refuse with a DuplicatePluginError). */
  readonly replace?: boolean;
}

/** The registry of one kind of plugin. */
export interface Registry<P extends Plugin> {
  /** What it holds, in words ("model family"); used in errors. */
  readonly kind: string;
  /**
   * Adds a plugin. The same object again is a no-op; another plugin under a taken name is refused with a
   * `DuplicatePluginError` unless `replace` is set.
   */
  register(plugin: P, options?: RegisterOptions): void;
  /** Removes the plugin registered under `name`; whether there was one. */
  unregister(name: string): boolean;
  /** The plugin registered under `name`; a `PluginNotFoundError` listing the registered names if there is none. */
  get(name: string): P;
  /** Whether a plugin is registered under `name`. */
  has(name: string): boolean;
  /** Every registered plugin, in the registry's order (registration order unless it sorts). */
  list(): P[];
}

/** How a registry orders and explains itself. */
export interface RegistryOptions<P extends Plugin> {
  /** Sorts `list()` (e.g. backends, best first); default registration order. */
  readonly order?: (a: P, b: P) => number;
  /** A sentence added to the not-found message (e.g. which import registers more). */
  readonly notFoundHint?: (registered: readonly string[]) => string;
}

const GLOBAL = Symbol.for('lstmkit.registries');

/**
 * The registry of `kind`, shared by every copy of lstmkit in this JavaScript realm: the first call creates it,
 * later calls (from the same or another copy of a package) get the same one.
 */
export function createRegistry<P extends Plugin>(kind: string, options: RegistryOptions<P> = {}): Registry<P> {
  const all = ((globalThis as Record<symbol, Map<string, unknown>>)[GLOBAL] ??= new Map());
  const existing = all.get(kind) as Registry<P> | undefined;
  if (existing) return existing;
  const plugins = new Map<string, P>();
  const registry: Registry<P> = {
    kind,
    register(plugin, { replace = false } = {}) {
      if (!plugin || typeof plugin.name !== 'string' || !plugin.name) throw new TypeError(`a ${kind} needs a non-empty name`);
      const taken = plugins.get(plugin.name);
      if (taken === plugin) return;
      if (taken && !replace) throw new DuplicatePluginError(kind, plugin.name);
      plugins.set(plugin.name, plugin);
    },
    unregister: (name) => plugins.delete(name),
    get(name) {
      const p = plugins.get(name);
      if (p) return p;
      const names = [...plugins.keys()];
      throw new PluginNotFoundError(kind, name, names, options.notFoundHint?.(names) ?? '');
    },
    has: (name) => plugins.has(name),
    list: () => (options.order ? [...plugins.values()].sort(options.order) : [...plugins.values()]),
  };
  all.set(kind, registry);
  return registry;
}
