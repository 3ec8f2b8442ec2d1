import { Command } from 'commander';
import { seededRandom, tokenIds, tokens } from '@lstmkit/datasets';
import { sampleTokens } from '@lstmkit/models';
import { useBackend } from '@lstmkit/trainer';
import { UsageError } from '../errors.js';
import { int } from '../parse.js';
import { loadSavedModel, printJson } from '../shared.js';

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate text with a next-token model (trained on the next-token dataset) by temperature sampling')
    .requiredOption('--model <dir>', 'a directory written by `lstmkit train --out`')
    .requiredOption('--prompt <text>', 'text to start from')
    .option('--length <n>', 'tokens to generate', int('--length'), 200)
    .option('--temperature <t>', 'below 1: safer, above 1: more surprising, 0: always the likeliest', (v: string) => {
      const t = Number(v);
      if (!(t >= 0)) throw new UsageError(`--temperature expects a number >= 0, got "${v}"`);
      return t;
    }, 1)
    .option('--seed <n>', 'seed for the sampling', int('--seed', 0))
    .option('--backend <name>', 'compute backend', 'auto')
    .option('--json', 'print JSON on stdout')
    .action(async (o) => {
      const { model, metadata } = await loadSavedModel(o.model);
      const p = metadata.dataset.preprocessing;
      if (p?.kind !== 'tokenize' || metadata.spec.family !== 'generative') {
        throw new UsageError(`--model: ${o.model} is not a next-token model (train one with --dataset next-token --model generative)`);
      }
      await useBackend(o.backend);
      const level = p.level ?? 'word';
      const prompt = tokenIds(tokens(o.prompt, level, p.lowercase), p.vocabulary);
      if (prompt.length === 0) throw new UsageError('--prompt: no tokens in the prompt');
      const random = o.seed === undefined ? Math.random : seededRandom(o.seed);
      const ids = sampleTokens(model, prompt, { length: o.length, temperature: o.temperature, random });
      const text = ids.map((i) => (i <= 1 ? '' : p.vocabulary[i])).join(level === 'char' ? '' : ' ');
      if (o.json) printJson({ prompt: o.prompt, temperature: o.temperature, text });
      else process.stdout.write(`${o.prompt}${level === 'char' ? '' : ' '}${text}\n`);
    });
}
