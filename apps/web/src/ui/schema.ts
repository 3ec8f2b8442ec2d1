// The subset of JSON Schema the form reads (what TypeBox emits for options), and how it flattens into fields.

export interface JsonSchema {
  readonly type?: 'object' | 'integer' | 'number' | 'boolean' | 'string' | 'array';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly default?: unknown;
  readonly description?: string;
  /** lstmkit's keyword: a heading to group the field under. */
  readonly group?: string;
  /** The families a field applies to (absent: all). */
  readonly families?: readonly string[];
}

/** One input of the form: a dotted key into the options object and its schema. */
export interface Field {
  readonly key: string;
  readonly schema: JsonSchema;
  readonly group: string;
  readonly families?: readonly string[];
  readonly choices?: readonly (string | number)[];
}

const choicesOf = (s: JsonSchema) => s.enum ?? (s.anyOf?.every((m) => m.const !== undefined) ? s.anyOf.map((m) => m.const!) : undefined);

/**
 * What a field is called on the page: its key in the spec, less the `options.` that holds a family's own options
 * (an artefact of the spec's layout, not something a person chooses), e.g. "batchNorm", "embedding.dim".
 */
export const labelOf = (key: string): string => key.replace(/^options\./, '');

/** The leaves of an object schema, nested objects as dotted keys ("conv.filters"). */
export function fieldsOf(schema: JsonSchema, prefix = '', parent?: JsonSchema): Field[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) => {
    const key = prefix + name;
    if (s.type === 'object') return fieldsOf(s, `${key}.`, s);
    return [{ key, schema: s, group: s.group ?? parent?.group ?? 'options', families: s.families ?? parent?.families, choices: choicesOf(s) }];
  });
}

/** A nested options object as flat dotted keys (the inverse of `nest`), e.g. a preset's model. */
export function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`)) : [[`${prefix}${k}`, v]])),
  );
}

/** The defaults of every field, as a flat key -> value map. */
export const defaultsOf = (fields: readonly Field[]): Record<string, unknown> => Object.fromEntries(fields.map((f) => [f.key, f.schema.default]));

/** Flat dotted values -> the nested options object (only the fields that apply to `family`). */
export function nest(values: Record<string, unknown>, fields: readonly Field[], family: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.families && !f.families.includes(family)) continue;
    if (values[f.key] === undefined) continue;
    const path = f.key.split('.');
    let at = out;
    for (const p of path.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = values[f.key];
  }
  return out;
}

/** Why a value does not fit its field's schema, in words, or undefined when it fits. */
export function problemOf(value: unknown, s: JsonSchema): string | undefined {
  if (value === undefined) return undefined; // an optional field left out
  if (s.type === 'array') return Array.isArray(value) ? value.map((v) => problemOf(v, s.items ?? {})).find(Boolean) : 'expected a list';
  if (s.type !== 'integer' && s.type !== 'number') return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
  if (s.type === 'integer' && !Number.isInteger(value)) return 'expected a whole number';
  if (s.minimum !== undefined && value < s.minimum) return `expected at least ${s.minimum}`;
  if (s.maximum !== undefined && value > s.maximum) return `expected at most ${s.maximum}`;
  if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) return `expected less than ${s.exclusiveMaximum}`;
  if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) return `expected more than ${s.exclusiveMinimum}`;
  return undefined;
}
