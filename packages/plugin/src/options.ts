import { Type, type Static, type TLiteral, type TObject, type TSchema, type TUnion } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// A plugin's options are declared once, as a JSON Schema object built with TypeBox (the schema is a plain JSON
// object, and TypeBox infers the TypeScript type from it). From that one declaration come: the typed options a
// plugin receives (defaults filled in, unknown keys and wrong values refused in the library's words), the CLI's
// flags and help, and a web form (JSON Schema is what form generators read). Like Keras' get_config, every value
// is JSON, so a spec or a run records its options as they were.
// Keywords lstmkit adds to JSON Schema (ignored by validators): `group` (a heading for forms and help) and
// `fromData` (the option's default comes from the data, e.g. "vocabulary": the dataset's vocabulary size).

/** A plugin's options: a TypeBox object schema, each property with a `description` (help) and a `default`. */
export type OptionsSchema = TObject;

/** The typed options an options schema describes, after defaults. */
export type OptionsOf<S extends OptionsSchema> = Static<S>;

/** What an option's default can be taken from when the data decides it. */
export type FromData = 'vocabulary' | 'horizon';

/** One option of a schema, flattened (nested objects give dotted keys), for CLIs and forms. */
export interface OptionField {
  /** Dotted path in the options object, e.g. "embedding.dim". */
  readonly key: string;
  readonly path: readonly string[];
  /** Its schema: JSON Schema type, range or choices, default, description. */
  readonly schema: TSchema;
  /** The help text. */
  readonly help: string;
  /** What it accepts, in words: "an integer >= 1", "one of concat, sum". */
  readonly expected: string;
  readonly default?: unknown;
  /** A heading to group it under in forms and help. */
  readonly group?: string;
  /** The data decides its default (see `FromData`). */
  readonly fromData?: FromData;
  /** Values it takes, when it is a choice. */
  readonly choices?: readonly (string | number)[];
  /** A flag: a boolean (or a boolean or a value) that is set by being given. */
  readonly flag: boolean;
}

/** An option whose value is one of a few words or numbers. */
export function choice<const T extends readonly (string | number)[]>(values: T, options: { description: string; default?: T[number]; group?: string }): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as TUnion<TLiteral<T[number]>[]>;
}

const isObjectSchema = (s: TSchema): s is TObject => s.type === 'object' && typeof s.properties === 'object';
const choicesOf = (s: TSchema): (string | number)[] | undefined =>
  Array.isArray(s.anyOf) && s.anyOf.every((m: TSchema) => 'const' in m) ? s.anyOf.map((m: TSchema) => m.const) : undefined;

/** What a schema accepts, in words. */
export function expected(s: TSchema): string {
  const choices = choicesOf(s);
  if (choices) return `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`;
  if (Array.isArray(s.anyOf)) return s.anyOf.map(expected).join(', or ');
  const range = (what: string) => {
    const low = s.minimum !== undefined ? `>= ${s.minimum}` : s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined;
    const high = s.maximum !== undefined ? `<= ${s.maximum}` : s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : undefined;
    if (low && high) return `${what} in ${s.minimum !== undefined ? '[' : '('}${s.minimum ?? s.exclusiveMinimum}, ${s.maximum ?? s.exclusiveMaximum}${s.maximum !== undefined ? ']' : ')'}`;
    return [what, low, high].filter(Boolean).join(' ');
  };
  switch (s.type) {
    case 'integer':
      return range('an integer');
    case 'number':
      return range('a number');
    case 'boolean':
      return 'true or false';
    case 'string':
      return s.minLength ? 'a non-empty text' : 'a text';
    case 'array':
      if (Array.isArray(s.items)) return `[${s.items.map(expected).join(', ')}]`;
      return `a list of ${expected(s.items).replace(/^an? /, '').replace(/^integer/, 'integers').replace(/^number/, 'numbers').replace(/^text/, 'texts')}`;
    case 'object':
      return `an object with ${Object.keys(s.properties ?? {}).join(', ')}`;
    default:
      return 'a value';
  }
}

/** Every option of a schema, nested objects flattened into dotted keys, in declaration order. */
export function optionFields(schema: OptionsSchema, prefix: readonly string[] = []): OptionField[] {
  return Object.entries(schema.properties).flatMap(([name, s]): OptionField[] => {
    const path = [...prefix, name];
    if (isObjectSchema(s)) return optionFields(s, path);
    const choices = choicesOf(s);
    return [
      {
        key: path.join('.'),
        path,
        schema: s,
        help: s.description ?? '',
        expected: expected(s),
        ...(s.default !== undefined ? { default: s.default } : {}),
        ...(s.group ? { group: s.group as string } : {}),
        ...(s.fromData ? { fromData: s.fromData as FromData } : {}),
        ...(choices ? { choices } : {}),
        flag: s.type === 'boolean' || (Array.isArray(s.anyOf) && s.anyOf.some((m: TSchema) => m.type === 'boolean')),
      },
    ];
  });
}

/** The schema at a dotted path of an object schema (through nested objects), if there is one. */
function schemaAt(schema: TSchema, path: readonly string[]): TSchema | undefined {
  let s: TSchema | undefined = schema;
  for (const p of path) {
    if (!s) return undefined;
    if (isObjectSchema(s)) s = s.properties[p];
    else return undefined;
  }
  return s;
}

/** The first key of `value` (or of its nested objects) the schema does not declare (dotted), with the keys it does. */
export function unknownOption(schema: TObject, value: Record<string, unknown>, path: string[] = []): { key: string; known: string[] } | undefined {
  for (const [k, v] of Object.entries(value)) {
    const s = schema.properties[k];
    if (!s) return { key: [...path, k].join('.'), known: Object.keys(schema.properties) };
    if (isObjectSchema(s) && v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = unknownOption(s, v as Record<string, unknown>, [...path, k]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Checks `input` against an options schema and returns the typed options, defaults filled in. The first problem is
 * thrown as `error(key, problem)` (so each package throws its own error type): an unknown key with the known ones,
 * a missing required option, or a value that is not what the option accepts, in words.
 */
export function parseOptions<S extends OptionsSchema>(schema: S, input: unknown, error: (key: string, problem: string) => Error): Static<S> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) throw error('(options)', `expected an object of options, got ${JSON.stringify(input)}`);
  const given = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined));
  const unknown = unknownOption(schema, given);
  if (unknown) {
    const known = unknown.known.length ? `known options: ${unknown.known.join(', ')}` : 'it takes no options';
    throw error(unknown.key, `unknown option; ${known}`);
  }
  const value = Value.Default(schema, Value.Clone(given)) as Record<string, unknown>;
  for (const e of Value.Errors(schema, value)) {
    const path = e.path.split('/').filter(Boolean);
    // Report against the option (through nested objects only), not an item of its list or a member of its union.
    let depth = 0;
    for (let s: TSchema | undefined = schema; depth < path.length && s && isObjectSchema(s); depth++) s = s.properties[path[depth]!];
    const at = path.slice(0, depth);
    const key = at.join('.') || '(options)';
    const s = schemaAt(schema, at) ?? e.schema;
    const dig = (o: unknown) => at.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], o);
    const got = dig(given) ?? dig(value);
    if (got === undefined) throw error(key, `required${s.description ? `: ${s.description}` : ''}`);
    throw error(key, `expected ${expected(s)}, got ${JSON.stringify(got)}`);
  }
  return value as Static<S>;
}

/** What is wrong with one option's value, in words ("expected an integer >= 1, got 0"), or undefined. */
export function optionProblem(schema: TSchema, value: unknown): string | undefined {
  return Value.Check(schema, value) ? undefined : `expected ${expected(schema)}, got ${JSON.stringify(value)}`;
}

/**
 * The value of an option given as text (a command-line flag): numbers, true/false, lists separated by commas,
 * sizes such as 8x8. Left as text when it does not read as the option's type (parseOptions then names the problem).
 */
export function optionFromText(schema: TSchema, text: string): unknown {
  const scalar = (s: TSchema, t: string): unknown => {
    if (s.type === 'integer' || s.type === 'number') return t.trim() !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
    if (s.type === 'boolean') return t === '' || t === 'true' ? true : t === 'false' ? false : t;
    if (Array.isArray(s.anyOf) && !choicesOf(s)) return s.anyOf.map((m: TSchema) => scalar(m, t)).find((v: unknown) => Value.Check(s, v)) ?? t;
    const choices = choicesOf(s);
    if (choices) return choices.find((c) => String(c) === t) ?? t;
    return t;
  };
  if (Array.isArray(schema.anyOf) && !choicesOf(schema)) {
    // A number or a list of numbers ("128" or "128,64"): the list form when the text has separators.
    const list = schema.anyOf.find((m: TSchema) => m.type === 'array');
    const one = schema.anyOf.find((m: TSchema) => m.type !== 'array');
    if (!list) return scalar(schema, text);
    return /[,x]/.test(text) ? optionFromText(list, text) : one ? optionFromText(one, text) : text;
  }
  if (schema.type === 'array') {
    const parts = text.split(Array.isArray(schema.items) ? /[x,]/ : /,/).map((p) => p.trim());
    return parts.map((p, i) => scalar(Array.isArray(schema.items) ? schema.items[i] ?? {} : schema.items, p));
  }
  return scalar(schema, text);
}

/** Sets a dotted key in a plain object, making the nested objects on the way. */
export function setOption(options: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = options;
  for (const p of path.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[path.at(-1)!] = value;
}
