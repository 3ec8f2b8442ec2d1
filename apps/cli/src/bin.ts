#!/usr/bin/env node
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import { backendsCommand } from './commands/backends.js';
import { datasetsCommand } from './commands/datasets.js';
import { evaluateCommand } from './commands/evaluate.js';
import { exportCommand } from './commands/export.js';
import { generateCommand } from './commands/generate.js';
import { modelsCommand } from './commands/models.js';
import { predictCommand } from './commands/predict.js';
import { presetsCommand } from './commands/presets.js';
import { trainCommand } from './commands/train.js';
import { exitCodeFor } from './errors.js';

// Two tfjs warnings are noise in this CLI: tfjs-layers warns on every orthogonal initialisation above 2,000
// elements (Keras initialises recurrent kernels orthogonally by design; it costs milliseconds), and tfjs-core
// advertises tfjs-node whenever the cpu backend first runs (`lstmkit backends` lists the backends instead).
const NOISE = [/^Orthogonal initializer is being called/, /looks like you are running TensorFlow\.js in Node\.js/];
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && NOISE.some((re) => re.test(args[0] as string))) return;
  warn(...args);
};

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const program = new Command('lstmkit')
  .description('Train, evaluate and inspect recurrent sequence models (TensorFlow.js)')
  .version(version)
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(`lstmkit: ${s.replace(/^error: /, '')}`) });
for (const cmd of [trainCommand(), evaluateCommand(), predictCommand(), generateCommand(), analyzeCommand(), exportCommand(), backendsCommand(), modelsCommand(), datasetsCommand(), presetsCommand()]) {
  program.addCommand(cmd.copyInheritedSettings(program));
}

try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`lstmkit: error: ${(e as Error).message ?? e}\n`);
    if (process.env.LSTMKIT_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = exitCodeFor(e);
  }
}
