import { Option, type Command } from 'commander';
import { optionFields, optionFromText, optionProblem, setOption, type OptionField, type OptionsSchema } from '@lstmkit/plugin';
import { UsageError } from './errors.js';

// Command-line flags made from plugins' option schemas: each option is --its-name-in-kebab-case (nested options
// join their path: embedding.dim -> --embedding-dim), a bare flag for a boolean, a value for everything else
// (read by the option's type: numbers, lists "64,32", sizes "8x8").

/** "embedding.maskZero" -> "embedding-mask-zero". */
export const flagOf = (key: string): string => key.replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Commander's attribute name of a flag: "embedding-mask-zero" -> "embeddingMaskZero". */
const attributeOf = (flag: string): string => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** How an option reads in help: its text, what it accepts (as a flag, commander lists choices itself), its default. */
export function describeField(f: OptionField, asFlag = true): string {
  const dflt = f.fromData ? ` (default: from the data's ${f.fromData})` : f.default !== undefined ? ` (default ${Array.isArray(f.default) ? f.default.join(',') : String(f.default)})` : '';
  // As a flag, commander lists the choices itself and a bare flag needs no "true or false".
  const expected = asFlag && (f.choices || f.schema.type === 'boolean') ? '' : `; ${f.expected}`;
  return `${f.help}${expected}${dflt}`;
}

/** A commander option for a field: a bare flag for a boolean, `[value]` for a boolean or a value, `<value>` otherwise. */
export function flagFor(f: OptionField, help = describeField(f)): Option {
  const bare = f.schema.type === 'boolean';
  const flag = `--${flagOf(f.key)}${bare ? '' : f.flag ? ' [value]' : ' <value>'}`;
  const option = new Option(flag, help);
  if (f.choices) option.choices(f.choices.map(String));
  return option;
}

/**
 * The options given on the command line for these fields, as an options object, each read by its type and checked
 * (a bad value names the flag). Fields not given are left out.
 */
export function givenOptions(cmd: Command, fields: readonly OptionField[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const f of fields) {
    const attribute = attributeOf(flagOf(f.key));
    if (cmd.getOptionValueSource(attribute) !== 'cli') continue;
    const raw = cmd.getOptionValue(attribute) as string | boolean;
    const value = typeof raw === 'boolean' ? raw : optionFromText(f.schema, raw);
    const problem = optionProblem(f.schema, value);
    if (problem) throw new UsageError(`--${flagOf(f.key)}: ${problem}`);
    setOption(options, f.path, value);
  }
  return options;
}

/** Whether a flag of this field was given on the command line. */
export const flagGiven = (cmd: Command, f: OptionField): boolean => cmd.getOptionValueSource(attributeOf(flagOf(f.key))) === 'cli';

/** The options of several plugins by key (an option several have is listed once, with its owners), `first`'s first. */
export function pluginFields(plugins: readonly { name: string; options: OptionsSchema }[], first?: string): Map<string, { field: OptionField; owners: string[] }> {
  const byKey = new Map<string, { field: OptionField; owners: string[] }>();
  const ordered = [...plugins].sort((a, b) => Number(b.name === first) - Number(a.name === first));
  for (const plugin of ordered) {
    for (const field of optionFields(plugin.options)) {
      const entry = byKey.get(field.key) ?? { field, owners: [] };
      entry.owners.push(plugin.name);
      byKey.set(field.key, entry);
    }
  }
  return byKey;
}

/** The options given as flags for the chosen plugin; a flag of another plugin of the same kind is refused, naming the chosen one's. */
export function chosenOptions(cmd: Command, plugins: readonly { name: string; options: OptionsSchema }[], chosen: { name: string; options: OptionsSchema }, kind: string, seeAlso: string): Record<string, unknown> {
  const own = optionFields(chosen.options);
  for (const { field } of pluginFields(plugins).values()) {
    if (flagGiven(cmd, field) && !own.some((f) => f.key === field.key)) {
      const flags = own.map((f) => `--${flagOf(f.key)}`).join(', ') || 'none';
      throw new UsageError(`--${flagOf(field.key)}: the ${chosen.name} ${kind} has no option ${field.key}; its options: ${flags} (see \`${seeAlso}\`)`);
    }
  }
  return givenOptions(cmd, own);
}
