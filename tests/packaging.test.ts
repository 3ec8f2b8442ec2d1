import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = ['packages/datasets', 'packages/models', 'packages/native', 'packages/trainer', 'packages/analysis', 'packages/plot', 'packages/onnx', 'apps/cli'];

// What a user gets from the registry: each package packed by pnpm (workspace:^ rewritten to versions), then
// installed with plain npm into an empty folder, imported, and the CLI run from it.
describe('published packages', () => {
  it('pack, install in an empty folder, import and run', () => {
    const packs = mkdtempSync(join(tmpdir(), 'lstmkit-packs-'));
    for (const dir of PUBLISHED) {
      execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(ROOT, dir), stdio: 'pipe' });
    }
    const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
    expect(tarballs).toHaveLength(PUBLISHED.length);

    for (const dir of PUBLISHED) {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
      expect(pkg.type, dir).toBe('module');
      expect(pkg.files, dir).toContain('dist');
      expect(pkg.sideEffects, dir).toBe(false);
      if (pkg.exports['.']) expect(pkg.exports['.'].types, dir).toBe('./dist/index.d.ts');
    }

    const app = mkdtempSync(join(tmpdir(), 'lstmkit-user-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs.map((t) => join(packs, t))], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);

    writeFileSync(
      join(app, 'check.js'),
      `import { listDatasets } from '@lstmkit/datasets';
       import { buildModel, summarizeModel } from '@lstmkit/models';
       import { echo } from '@lstmkit/datasets/core';
       import { listBackendPlugins, useBackend } from '@lstmkit/trainer';
       import { saveModel, loadModel } from '@lstmkit/trainer/node';
       import { exportOnnx } from '@lstmkit/onnx';
       if (typeof saveModel !== 'function' || typeof loadModel !== 'function') throw new Error('@lstmkit/trainer/node lacks saveModel/loadModel');
       if ((await echo.load({ trainSamples: 3, testSamples: 1 })).train.shape.join() !== '3,5,10') throw new Error('@lstmkit/datasets/core echo');
       const choice = await useBackend('wasm');
       const m = buildModel({ family: 'vanilla', inputShape: [28, 28], units: 128, head: { task: 'multiclass', outputs: 10 } });
       if (!((await exportOnnx(m)).operators.LSTM === 1)) throw new Error('@lstmkit/onnx did not export the LSTM');
       console.log(JSON.stringify({ params: summarizeModel(m).totalParams, datasets: listDatasets().map((d) => d.name), backends: listBackendPlugins().map((b) => b.name), fused: choice.fusedLstm }));`,
    );
    const check = spawnSync(process.execPath, ['check.js'], { cwd: app, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const result = JSON.parse(check.stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({ params: 81674, backends: ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] });
    // npm ran @lstmkit/native's install script, which compiled the kernels (or said why not, and lstmkit carries on).
    if (process.env.LSTMKIT_REQUIRE_NATIVE) expect(result.fused.kernel?.name, JSON.stringify(result.fused)).toMatch(/^native C\+\+/);
    else expect(result.fused).toMatchObject(result.fused.kernel ? { kernel: { name: expect.stringMatching(/^native C\+\+/) } } : { reason: expect.any(String) });
    expect(result.datasets).toEqual(expect.arrayContaining(['mnist', 'fashion-mnist', 'idx', 'csv', 'echo', 'text', 'timeseries', 'next-token']));

    // One @tensorflow/tfjs-core in the user's npm tree, so every backend plugin registers in the same engine.
    const ls = spawnSync('npm', ['ls', '--all', '--parseable', '@tensorflow/tfjs-core'], { cwd: app, encoding: 'utf8' });
    expect(new Set(ls.stdout.trim().split('\n').filter((l) => l.endsWith('tfjs-core'))).size, ls.stdout).toBe(1);

    const cli = spawnSync(join(app, 'node_modules', '.bin', 'lstmkit'), ['backends', '--json'], { cwd: app, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const listed = JSON.parse(cli.stdout) as { name: string; available: boolean; reason?: string }[];
    expect(listed.find((b) => b.name === 'wasm')).toMatchObject({ available: true, fusedLstm: expect.any(String) });
    // webgpu's optional dependencies (webgpu = Dawn, tfjs-backend-webgpu) came with npm's install of the tarballs.
    if (process.env.LSTMKIT_REQUIRE_WEBGPU) expect(listed.find((b) => b.name === 'webgpu'), JSON.stringify(listed)).toMatchObject({ available: true });
    // The presets ship inside the CLI package.
    const presets = spawnSync(join(app, 'node_modules', '.bin', 'lstmkit'), ['presets', '--json'], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(presets.stdout).map((p: { name: string }) => p.name)).toContain('w1');

    // A user adds tfjs-node (an optional peer of the trainer). Its install script downloads libtensorflow and its
    // binding from storage.googleapis.com, which this machine cannot reach, so it is installed without scripts:
    // the trainer must find the package from its own location and say why it cannot load and how to fix it.
    const addNode = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', '@tensorflow/tfjs-node@4.22.0'], { cwd: app, encoding: 'utf8' });
    expect(addNode.status, addNode.stderr).toBe(0);
    const withNode = spawnSync(join(app, 'node_modules', '.bin', 'lstmkit'), ['backends', '--json'], { cwd: app, encoding: 'utf8' });
    expect(withNode.status, withNode.stderr).toBe(0);
    const rows = JSON.parse(withNode.stdout) as { name: string; available: boolean; reason?: string }[];
    expect(rows.find((b) => b.name === 'node')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^failed to load: The Node\.js native addon module \(tfjs_binding\.node\) can not be found.*run `npm rebuild @tensorflow\/tfjs-node`/),
    });
    expect(rows.find((b) => b.name === 'node-gpu')?.reason).toMatch(/^not installed — npm i @tensorflow\/tfjs-node-gpu@4\.22\.0/);
    const lsAfter = spawnSync('npm', ['ls', '--all', '--parseable', '@tensorflow/tfjs-core'], { cwd: app, encoding: 'utf8' });
    expect(new Set(lsAfter.stdout.trim().split('\n').filter((l) => l.endsWith('tfjs-core'))).size, lsAfter.stdout).toBe(1);
  }, 600_000); // npm installs ~500 MB of tarballs: 2 min on an idle machine, over 3 on a shared, loaded one
});
