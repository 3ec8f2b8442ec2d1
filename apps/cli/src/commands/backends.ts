import { Command } from 'commander';
import { probeBackends } from '@lstmkit/trainer';
import { log, printJson } from '../shared.js';

export function backendsCommand(): Command {
  return new Command('backends')
    .description('list the compute backends, best first, with whether each can run here and why not')
    .option('--json', 'print JSON on stdout')
    .action(async (o) => {
      const all = await probeBackends();
      if (o.json) return printJson(all);
      for (const b of all) {
        log(`${b.available ? '✓' : '✗'} ${b.name.padEnd(8)} priority ${String(b.priority).padEnd(3)} ${b.available ? b.device ?? '' : `unavailable: ${b.reason}`}`);
        log(`    ${b.description}`);
      }
    });
}
