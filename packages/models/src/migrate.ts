import { getModelFamily } from './registry.js';
import { MOVED_TO_OPTIONS, type ModelSpec } from './spec.js';

/**
 * A spec written before each family had its own options (lstmkit 0.1: `batchNorm`, `dense`, `embedding`,
 * `mergeMode`, `conv`… at the top level) in today's form, with those fields under `options`. `conv` becomes
 * `filters`, `kernelSize`, `poolSize` and `frame`. Fields the family did not read (0.1 ignored them; e.g. `dense`
 * of an encoder-decoder) are dropped when the family is registered, so the result validates. A spec in today's
 * form (or anything that is not an object, which `validateSpec` then names) comes back unchanged.
 */
export function migrateSpec(spec: unknown): ModelSpec {
  type Result = ModelSpec;
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return spec as Result;
  const old = spec as Record<string, unknown>;
  const moved = MOVED_TO_OPTIONS.filter((k) => old[k] !== undefined);
  if (moved.length === 0) return spec as Result;
  const rest = Object.fromEntries(Object.entries(old).filter(([k]) => !(MOVED_TO_OPTIONS as readonly string[]).includes(k)));
  let options: Record<string, unknown> = { ...(old.options as object | undefined) };
  for (const key of moved) {
    if (key === 'conv') Object.assign(options, old.conv);
    else options[key] = old[key];
  }
  const family = typeof old.family === 'string' ? tryFamily(old.family) : undefined;
  if (family) options = Object.fromEntries(Object.entries(options).filter(([k]) => k in family.options.properties));
  return { ...rest, options } as Result;
}

const tryFamily = (name: string) => {
  try {
    return getModelFamily(name);
  } catch {
    return undefined;
  }
};
