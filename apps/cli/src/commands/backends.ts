import { Command } from 'commander';
import { lstmKernelFor } from '@lstmkit/models';
import { probeBackends, trainingSupport } from '@lstmkit/trainer';
import { log, out, printJson } from '../shared.js';

export function backendsCommand(): Command {
  return new Command('backends')
    .description('list the compute backends, best first: whether each can run here and why not, its device, the fused recurrent kernel, and which model families it can train')
    .option('--json', 'print JSON on stdout')
    .action(async (o) => {
      type Row = Awaited<ReturnType<typeof probeBackends>>[number] & {
        trains?: string[];
        cannotTrain?: { family: string; missingKernel: string }[];
        fusedLstm?: string | null;
        fusedLstmNote?: string;
      };
      const all: Row[] = [];
      const started = performance.now();
      // Each available backend is activated in turn to try one gradient pass of every family (a few seconds).
      log('probing the backends and trying one gradient pass of a small model of each family on each available one…');
      for (const b of await probeBackends()) {
        if (!b.available) {
          all.push(b);
          continue;
        }
        const support = await trainingSupport(b.name);
        const fused = lstmKernelFor(b.name);
        all.push({
          ...b,
          trains: support.filter((s) => !s.missing).map((s) => s.family),
          cannotTrain: support.filter((s) => s.missing).map((s) => ({ family: s.family, missingKernel: s.missing! })),
          fusedLstm: 'kernel' in fused ? fused.kernel.name : null,
          fusedLstmNote: 'kernel' in fused ? fused.kernel.note : fused.reason,
        });
      }
      // A started backend may report more than its first look (webgpu in Node names its adapter once Dawn runs).
      const again = new Map((await probeBackends()).map((b) => [b.name, b]));
      for (const [i, b] of all.entries()) if (b.available && again.get(b.name)?.available) all[i] = { ...b, ...again.get(b.name) };
      log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (o.json) return printJson(all);
      for (const b of all) {
        out(`${b.available ? '✓' : '✗'} ${b.name.padEnd(8)} priority ${String(b.priority).padEnd(3)} ${b.available ? b.device ?? '' : `unavailable: ${b.reason}`}`);
        out(`    ${b.description}`);
        if (b.notForAuto) out(`    auto passes over it: ${b.notForAuto}`);
        if (b.trains && b.cannotTrain) {
          out(`    trains: ${b.trains.join(', ')}`);
          for (const c of b.cannotTrain) out(`    cannot train ${c.family}: no ${c.missingKernel} kernel`);
          // What a layer with the default fused: 'auto' runs here; with fused: true (--fused on) it stops instead of falling back.
          const fused = b.fusedLstm ? `fused kernel, ${b.fusedLstm}` : "tfjs-layers' step-by-step code (--fused on stops instead)";
          out(`    LSTM, GRU, SimpleRNN layers (--fused auto): ${fused}${b.fusedLstmNote ? ` — ${b.fusedLstmNote}` : ''}`);
        }
      }
    });
}
