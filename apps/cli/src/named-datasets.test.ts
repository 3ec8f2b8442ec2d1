import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from '../../../tests/shared-data.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

// A user with internet downloads the data sets by name; here ../shared/data stands in for the public files.
describe.runIf(hasSharedData('timeseries'))('lstmkit with data sets by name', () => {
  const env = { ...process.env, LSTMKIT_DATASETS_MIRROR: SHARED_DATA, LSTMKIT_CACHE: mkdtempSync(join(tmpdir(), 'lstmkit-cache-')) };
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });

  it('lists them, and reports a forecast in the data\'s units beside the persistence baseline, with its chart', () => {
    const names = JSON.parse(run('datasets', '--json').stdout).map((d: { name: string }) => d.name);
    expect(names).toEqual(expect.arrayContaining(['mnist-full', 'fashion-mnist', 'imdb', 'pima', 'airline-passengers', 'daily-min-temperatures']));
    const out = join(mkdtempSync(join(tmpdir(), 'lstmkit-cli-')), 'm');
    const r = run('train', '--dataset', 'airline-passengers', '--set', 'lookback=12', '--units', '8', '--epochs', '2', '--batch-size', '16', '--out', out, '--json', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.dataset).toBe('airline-passengers');
    expect(j.testInUnits.column).toBe('Passengers');
    expect(j.testInUnits.mae / j.testMae).toBeCloseTo(j.persistence.inUnits.mae / j.persistence.mae, 3); // one scale for both
    expect(j.charts.map((c: string) => c.replace(/^.*\//, ''))).toEqual(['training.png', 'forecast.png']);
    expect(existsSync(join(out, 'forecast.svg'))).toBe(true);
    const text = run('train', '--dataset', 'airline-passengers', '--units', '4', '--epochs', '1', '--quiet');
    expect(text.status, text.stderr).toBe(0);
  });
});
