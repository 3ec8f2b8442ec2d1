import { Command, Option } from 'commander';
import { buildModel, formatSummary, listModelFamilies, summarizeModel, type HeadTask } from '@lstmkit/models';
import { int, intList, shape2 } from '../parse.js';
import { out, printJson } from '../shared.js';

export function modelsCommand(): Command {
  return new Command('models')
    .description('list the model families; with a family name, print the Keras-style summary of that spec')
    .argument('[family]', 'a family to summarise')
    .option('--input-shape <TxF>', 'timesteps x features', shape2('--input-shape'), [28, 28])
    .option('--units <n[,n...]>', 'recurrent units', intList('--units'), [128])
    .option('--dense <n[,n...]>', 'hidden dense layers', intList('--dense'))
    .addOption(new Option('--task <task>', 'output head').choices(['multiclass', 'binary', 'regression']).default('multiclass'))
    .option('--outputs <n>', 'outputs (classes)', int('--outputs'), 10)
    .option('--json', 'print JSON on stdout')
    .action(async (family: string | undefined, o) => {
      if (!family) {
        const all = listModelFamilies().map((f) => ({ name: f.name, description: f.description }));
        if (o.json) return printJson(all);
        for (const f of all) out(`${f.name.padEnd(14)} ${f.description}`);
        return;
      }
      const task = o.task as HeadTask;
      const model = buildModel({
        family,
        inputShape: o.inputShape,
        units: o.units.length === 1 ? o.units[0] : o.units,
        ...(o.dense ? { dense: o.dense } : {}),
        head: { task, outputs: task === 'multiclass' ? o.outputs : 1 },
      });
      const summary = summarizeModel(model);
      if (o.json) printJson(summary);
      else process.stdout.write(`${formatSummary(summary)}\n`);
    });
}
