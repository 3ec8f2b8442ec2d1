import { Command } from 'commander';
import { listPresets, loadPreset } from '../config.js';
import { out, printJson } from '../shared.js';

export function presetsCommand(): Command {
  return new Command('presets')
    .description('list the built-in training configurations (the reference workloads); with a name, print it as JSON')
    .argument('[name]', 'a preset to print (usable as a --config file)')
    .option('--json', 'print JSON on stdout')
    .action((name: string | undefined, o) => {
      if (name) return printJson(loadPreset(name));
      const all = listPresets();
      if (o.json) return printJson(all);
      for (const p of all) out(`${p.name.padEnd(12)} ${p.description}`);
    });
}
