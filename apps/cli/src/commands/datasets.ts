import { Command } from 'commander';
import { getDataset, listDatasets } from '@lstmkit/datasets/node';
import { optionFields } from '@lstmkit/plugin';
import { describeField } from '../option-flags.js';
import { out, printJson } from '../shared.js';

/** A dataset's own options as `lstmkit datasets X --json` and forms read them. */
const optionsOf = (name: string) => optionFields(getDataset(name).options).map((f) => ({ key: f.key, expected: f.expected, default: f.default, help: f.help }));

export function datasetsCommand(): Command {
  return new Command('datasets')
    .description('list the registered datasets and where each can load from; with a name, its options (`train --set key=value`)')
    .argument('[dataset]', 'a dataset to describe')
    .option('--json', 'print JSON on stdout')
    .action((name: string | undefined, o) => {
      if (name) {
        const d = getDataset(name);
        if (o.json) return printJson({ name: d.name, task: d.task, description: d.description, sources: d.sources, options: optionsOf(name), schema: d.options });
        out(`${d.name} (${d.task}): ${d.description}`);
        out(`  --source: ${d.sources}`);
        const fields = optionFields(d.options);
        out(fields.length ? 'options (`lstmkit train --dataset NAME --set key=value`, or "set" in a --config file):' : 'no options of its own');
        for (const f of fields) out(`  ${f.key.padEnd(16)} ${describeField(f, false)}`);
        return;
      }
      const all = listDatasets().map((d) => ({ name: d.name, task: d.task, description: d.description, sources: d.sources, options: optionsOf(d.name) }));
      if (o.json) return printJson(all);
      for (const d of all) {
        out(`${d.name} (${d.task}): ${d.description}`);
        out(`    --source: ${d.sources}`);
        if (d.options.length) out(`    --set: ${d.options.map((f) => f.key).join(', ')} (see \`lstmkit datasets ${d.name}\`)`);
      }
    });
}
