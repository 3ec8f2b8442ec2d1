import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './errors.js';

// Third-party plugins: `--plugin ./my-plugin.js` (repeatable, anywhere on the command line) imports that module
// before the commands are made, and the module registers its families, datasets, backends, projections or charts
// with the lstmkit packages (registerModelFamily, registerDataset, …). Only files the user names are loaded: no
// search through node_modules, no configuration file that a repository could plant.

/** The files given with --plugin in these arguments. */
export function pluginArguments(argv: readonly string[]): string[] {
  const files: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--plugin' && argv[i + 1] !== undefined) files.push(argv[i + 1]!);
    else if (a.startsWith('--plugin=')) files.push(a.slice('--plugin='.length));
  });
  return files;
}

/** Imports each plugin file (a path, relative to the working directory); a missing or failing one is a usage error. */
export async function loadPlugins(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const path = resolve(file);
    if (!existsSync(path)) throw new UsageError(`--plugin ${file}: no such file`, `--plugin ${file}`);
    try {
      await import(pathToFileURL(path).href);
    } catch (e) {
      throw new UsageError(`--plugin ${file}: failed to load: ${(e as Error).message}`, `--plugin ${file}`);
    }
  }
}
