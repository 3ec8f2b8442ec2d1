import { Command } from 'commander';
import { listDatasets } from '@lstmkit/datasets/node';
import { out, printJson } from '../shared.js';

export function datasetsCommand(): Command {
  return new Command('datasets')
    .description('list the registered datasets and where each can load from')
    .option('--json', 'print JSON on stdout')
    .action((o) => {
      const all = listDatasets().map((d) => ({ name: d.name, task: d.task, description: d.description, sources: d.sources, options: d.options ?? [] }));
      if (o.json) return printJson(all);
      for (const d of all) {
        out(`${d.name} (${d.task}): ${d.description}`);
        out(`    --source: ${d.sources}`);
      }
    });
}
