import { Command, Option } from 'commander';
import { buildModel, formatSummary, getModelFamily, listModelFamilies, summarizeModel, type HeadTask, type ModelSpec } from '@lstmkit/models';
import { optionFields } from '@lstmkit/plugin';
import { addModelFlags, argumentOf, familyOptions, sharedOptions } from '../family-flags.js';
import { describeField, flagOf } from '../option-flags.js';
import { int, shape2 } from '../parse.js';
import { out, printJson } from '../shared.js';

export function modelsCommand(argv: readonly string[] = process.argv): Command {
  const cmd = new Command('models')
    .description("list the model families; with a family name, its options and the Keras-style summary of its example, changed by the flags given")
    .argument('[family]', 'a family to describe')
    .option('--input-shape <TxF>', 'timesteps x features (default: the example\'s)', shape2('--input-shape'))
    .addOption(new Option('--task <task>', 'output head (default: the example\'s)').choices(['multiclass', 'binary', 'regression']))
    .option('--outputs <n>', 'outputs (classes) of a multiclass head', int('--outputs'))
    .option('--json', 'print JSON on stdout');
  // The family named after `models` (its flags are listed by `lstmkit models FAMILY --help`).
  const named = argv[argv.indexOf('models') + 1];
  addModelFlags(cmd, named && !named.startsWith('-') ? named : argumentOf(argv, '--model'));
  cmd.action(async (name: string | undefined, o) => {
    if (!name) {
      const all = listModelFamilies().map((f) => ({ name: f.name, description: f.description, options: optionFields(f.options).map((o) => o.key) }));
      if (o.json) return printJson(all);
      for (const f of all) out(`${f.name.padEnd(16)} ${f.description}`);
      return;
    }
    const family = getModelFamily(name);
    const example = family.example;
    const task = (o.task as HeadTask | undefined) ?? example.head.task;
    const outputs = task === 'multiclass' ? (o.outputs ?? (example.head.task === 'multiclass' ? example.head.outputs : 10)) : 1;
    const spec: ModelSpec = {
      ...example,
      ...sharedOptions(cmd),
      ...(o.inputShape ? { inputShape: o.inputShape } : {}),
      head: { task, outputs },
      options: { ...example.options, ...familyOptions(cmd, family) },
    };
    const summary = summarizeModel(buildModel(spec));
    const options = optionFields(family.options).map((f) => ({ flag: `--${flagOf(f.key)}`, key: f.key, expected: f.expected, default: f.default, fromData: f.fromData, help: f.help, group: f.group }));
    if (o.json) return printJson({ family: family.name, description: family.description, options, schema: family.options, spec, summary });
    out(`${family.name}: ${family.description}`);
    out(options.length ? `options (flags of \`lstmkit train --model ${family.name}\`, or model.options in a --config file):` : 'no options of its own');
    for (const f of optionFields(family.options)) out(`  --${flagOf(f.key).padEnd(22)} ${describeField(f)}`);
    out(`\nspec: ${JSON.stringify(spec)}`);
    out(formatSummary(summary));
  });
  return cmd;
}
