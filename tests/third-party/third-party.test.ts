import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A plugin package outside packages/, written against the public API only, loaded into the built CLI with
// --plugin: every command that lists or uses a registry sees its family, dataset, projection and chart.
const BIN = fileURLToPath(new URL('../../apps/cli/dist/bin.js', import.meta.url));
const PLUGIN = fileURLToPath(new URL('./index.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, '--plugin', PLUGIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('a third-party plugin package', () => {
  it('is listed by models, datasets and train --help, with its own options', () => {
    expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
    expect(run('models').stdout).toMatch(/^toy-conv\s+Conv1D\(kernels, width, relu\)/m);
    expect(run('models', 'toy-conv').stdout).toMatch(/--kernels\s+Conv1D filters; an integer >= 1 \(default 8\)/);
    expect(run('datasets').stdout).toMatch(/^toy-signs \(binary\): random sequences[^]*--set: length, samples/m);
    const help = run('train', '--model', 'toy-conv', '--dataset', 'toy-signs', '--help').stdout;
    expect(help).toMatch(/Options of the toy-conv model family[^]*--kernels <value>[^]*--width <value>/);
    expect(help).toMatch(/Options of the toy-signs dataset[^]*--set samples=…\s+training sequences/);
    // Its options are checked like a built-in's: a bad value and another family's flag are named (exit 2).
    const bad = run('train', '--model', 'toy-conv', '--dataset', 'toy-signs', '--kernels', '0', '--quiet');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--kernels: expected an integer >= 1, got 0/);
    expect(run('train', '--model', 'toy-conv', '--merge-mode', 'sum', '--quiet').stderr).toMatch(/the toy-conv model family has no option mergeMode; its options: --kernels, --width/);
  });

  it('trains its family on its dataset, and analyze draws its projection with its chart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-third-party-'));
    const t = run('train', '--dataset', 'toy-signs', '--set', 'samples=200', '--model', 'toy-conv', '--kernels', '4', '--epochs', '3', '--batch-size', '16', '--learning-rate', '0.05', '--seed', '1', '--out', join(dir, 'm'), '--json', '--quiet');
    expect(t.code, t.stderr).toBe(0);
    const trained = JSON.parse(t.stdout);
    expect(trained).toMatchObject({ model: 'toy-conv', dataset: 'toy-signs', trainSamples: 200, params: 4 * (3 * 1 + 1) + 5 });
    expect(trained.testAccuracy).toBeGreaterThan(0.6);
    const a = run('analyze', '--model', join(dir, 'm'), '--layer', 'pool', '--projection', 'first-two', '--scale', '2', '--chart', 'toy-dots', '--out', join(dir, 'a'), '--json');
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ projection: 'first-two', layer: 'pool', featureDims: 4 });
    for (const f of ['first-two-classes-toy-dots.png', 'first-two-clusters-toy-dots.svg']) expect(existsSync(join(dir, 'a', f)), f).toBe(true);
    // A flag of a projection other than the one asked for is refused, naming the chosen one's.
    expect(run('analyze', '--model', join(dir, 'm'), '--projection', 'first-two', '--perplexity', '5', '--out', join(dir, 'b')).stderr).toMatch(/--perplexity: the first-two projection has no option perplexity; its options: --scale/);
  });

  it("appears in the backends' training-support table, tried with its own example", () => {
    const rows = JSON.parse(run('backends', '--json').stdout) as { name: string; available: boolean; trains?: string[]; cannotTrain?: { family: string }[] }[];
    const cpu = rows.find((r) => r.name === 'cpu')!;
    expect(cpu.trains).toContain('toy-conv');
    // tfjs' wasm backend has no Conv2DBackpropFilter kernel (Conv1D's gradient): the table says so for the toy too.
    expect(rows.find((r) => r.name === 'wasm')!.cannotTrain).toContainEqual({ family: 'toy-conv', missingKernel: 'Conv2DBackpropFilter' });
  });
});
