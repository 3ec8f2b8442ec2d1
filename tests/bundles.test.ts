import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILTIN = new RegExp(`^(node:.*|${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`);

/**
 * Records every Node built-in that lstmkit's own code asks for (and leaves it out), to fail on it. Other packages'
 * are left to esbuild, which maps them as their package.json's "browser" field says (tfjs, seedrandom).
 */
function nodeBuiltins(found: string[]): Plugin {
  return {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: BUILTIN }, (args) => {
        if (args.importer.includes('/node_modules/')) return undefined;
        found.push(`${args.path} (from ${args.importer.replace(ROOT, '')})`);
        return { path: args.path, external: true };
      });
    },
  };
}

// Every package's main entry runs in a browser: bundled for the browser with no Node polyfills, it imports no
// Node built-in (Node-only code lives under '/node').
describe('browser bundles of the main entries', () => {
  for (const pkg of ['@lstmkit/datasets', '@lstmkit/models', '@lstmkit/trainer', '@lstmkit/analysis', '@lstmkit/plot', '@lstmkit/onnx']) {
    it(`${pkg} imports no Node built-in`, async () => {
      const found: string[] = [];
      const result = await build({
        stdin: { contents: `export * from '${pkg}';`, resolveDir: ROOT, loader: 'js' },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
        plugins: [nodeBuiltins(found)],
      });
      expect(found).toEqual([]);
      expect(result.outputFiles[0]!.text.length).toBeGreaterThan(1000);
    });
  }
});

// `sideEffects` is true to the code: what registers at import survives a bundler that drops unused modules, so
// saved LSTMs load as lstmkit's FusedLSTM (the fused kernels), not tfjs' stock LSTM.
describe('bundled apps keep the fused layers', () => {
  const trainerDir = join(ROOT, 'packages/trainer');
  const run = async (name: string, contents: string, platform: 'node' | 'browser' = 'node') => {
    const dir = join(trainerDir, 'node_modules', `.lstmkit-bundle-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `${name}.mjs`);
    await build({
      stdin: { contents, resolveDir: trainerDir, loader: 'js' },
      bundle: true,
      platform,
      format: 'esm',
      outfile,
      logLevel: 'silent',
      // tfjs and the optional native/GPU packages stay packages; lstmkit's own are bundled and tree-shaken.
      external: ['@tensorflow/*', '@lstmkit/native', 'webgpu'],
    });
    try {
      return execFileSync(process.execPath, [outfile], { encoding: 'utf8', cwd: trainerDir }).trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const saved = mkdtempSync(join(tmpdir(), 'lstmkit-bundle-'));

  it('loadModel in a bundled Node app', async () => {
    const out = await run(
      'save-load',
      `import { buildModel } from '@lstmkit/models';
       import { useBackend } from '@lstmkit/trainer';
       import { loadModel, saveModel } from '@lstmkit/trainer/node';
       await useBackend('cpu');
       const spec = { family: 'vanilla', inputShape: [3, 2], units: 2, head: { task: 'multiclass', outputs: 2 }, seed: 1 };
       const dataset = { name: 'toy', source: 'toy', task: 'multiclass', timesteps: 3, features: 2, trainSamples: 1 };
       await saveModel(${JSON.stringify(join(saved, 'm'))}, buildModel(spec), { spec, dataset, seed: 1 });
       const { model } = await loadModel(${JSON.stringify(join(saved, 'm'))});
       console.log(model.layers.map((l) => l.constructor.name).join(','));`,
    );
    expect(out.split('\n').at(-1)).toBe('FusedLSTM,Dense');
  });

  it("a bare import '@lstmkit/models' before tfjs-layers' own loadLayersModel", async () => {
    const out = await run(
      'bare-import',
      `import '@lstmkit/models';
       import '@tensorflow/tfjs-backend-cpu';
       import { io } from '@tensorflow/tfjs-core';
       import * as tfl from '@tensorflow/tfjs-layers';
       const m = tfl.sequential({ layers: [tfl.layers.lstm({ units: 2, inputShape: [3, 2] })] });
       const saved = await new Promise((resolve) => m.save(io.withSaveHandler(async (a) => (resolve(a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }))));
       const loaded = await tfl.loadLayersModel(io.fromMemory(saved));
       console.log(loaded.layers[0].constructor.name);`,
    );
    expect(out.split('\n').at(-1)).toBe('FusedLSTM');
  });
});
