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
import { errorJson, exitCodeFor } from './errors.js';
import { printJson } from './shared.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const program = new Command('lstmkit')
  .description('Train, evaluate and inspect recurrent sequence models (TensorFlow.js)')
  .version(version)
  .exitOverride()
  .configureOutput({ outputError: (s, write) => write(`lstmkit: ${s.replace(/^error: /, '')}`) });
for (const cmd of [trainCommand(), evaluateCommand(), predictCommand(), generateCommand(), analyzeCommand(), exportCommand(), backendsCommand(), modelsCommand(), datasetsCommand(), presetsCommand()]) {
  program.addCommand(cmd.copyInheritedSettings(program));
}

// With --json, stdout carries one JSON object whatever happens: the results, or { error: { code, message, where } }.
const json = process.argv.slice(2).includes('--json');
try {
  await program.parseAsync();
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here too, with exit code 0; commander has written its message to stderr.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`lstmkit: error: ${(e as Error).message ?? e}\n`);
    if (process.env.LSTMKIT_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = exitCodeFor(e);
  }
  if (json && process.exitCode !== 0) printJson(errorJson(e));
}
