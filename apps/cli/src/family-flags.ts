import type { Command } from 'commander';
import { listDatasets } from '@lstmkit/datasets';
import { listModelFamilies, RECURRENT_OPTIONS, type ModelFamily } from '@lstmkit/models';
import { optionFields } from '@lstmkit/plugin';
import { chosenOptions, describeField, flagFor, givenOptions, pluginFields } from './option-flags.js';

// The model flags of `train` and `models`, made from the registry: the recurrent layer options every family shares,
// and each registered family's own options (a third-party family's too).

/**
 * The recurrent layer options every family shares, as flags (--units, --activation, …); `fused` has train's own
 * flag (--fused auto|on|off, and --no-fused), since on and off read better than true and false on a command line.
 */
export const SHARED_FIELDS = optionFields(RECURRENT_OPTIONS).filter((f) => f.key !== 'fused');

/** Every registered family's own options by key (an option several families have is listed once), `first`'s first. */
const familyFields = (first?: string) => pluginFields(listModelFamilies(), first);

/**
 * Adds the shared flags and every family's own flags to `cmd`. With `family` (the --model or argument the command
 * line names), help lists that family's options under its own heading and hides the others'.
 */
export function addModelFlags(cmd: Command, family: string | undefined): void {
  for (const f of SHARED_FIELDS) cmd.addOption(flagFor(f).helpGroup('Recurrent layers (every family):'));
  const known = family !== undefined && listModelFamilies().some((f) => f.name === family);
  for (const { field, owners: families } of familyFields(family).values()) {
    const mine = known && families.includes(family);
    const option = flagFor(field, mine ? describeField(field) : `${describeField(field)} [${families.join(', ')}]`);
    cmd.addOption(option.helpGroup(mine ? `Options of the ${family} model family (model.options in a --config file):` : "Options of the model families (model.options in a --config file; with a family named, only its own):"));
    if (known && !mine) option.hideHelp();
  }
}

/** The family's own options given as flags; a flag of another family is refused, naming the family's own. */
export const familyOptions = (cmd: Command, family: ModelFamily): Record<string, unknown> =>
  chosenOptions(cmd, listModelFamilies(), family, 'model family', `lstmkit models ${family.name}`);

/** The recurrent options given as flags. */
export const sharedOptions = (cmd: Command): Record<string, unknown> => givenOptions(cmd, SHARED_FIELDS);

/** With `--dataset X` on the command line, help ends with X's options (given as --set key=value). */
export function addDatasetHelp(cmd: Command, name: string | undefined): void {
  const dataset = listDatasets().find((d) => d.name === name);
  if (!dataset) return;
  const fields = optionFields(dataset.options);
  const lines = fields.map((f) => `  --set ${`${f.key}=…`.padEnd(20)} ${describeField(f, false)}`);
  cmd.addHelpText('after', `\nOptions of the ${dataset.name} dataset (--set key=value, or "set" in a --config file):\n${lines.join('\n') || '  none of its own'}`);
}

/** The value of `--name X` or `--name=X` in these arguments. */
export function argumentOf(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}


