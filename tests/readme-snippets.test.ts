import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA } from './shared-data.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READMES = ['README.md', 'packages/datasets/README.md', 'packages/models/README.md', 'packages/trainer/README.md', 'packages/analysis/README.md', 'packages/plot/README.md', 'packages/native/README.md', 'packages/onnx/README.md', 'apps/cli/README.md'];
// The snippets import the published packages by name: they are written inside the repository, where the root's
// node_modules links the workspace packages (their built dist, as a user gets them).
const DIR = join(ROOT, 'tests', `.snippets-${process.pid}`);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** The ```ts blocks of a README, each a complete ES module. */
const snippets = (readme: string) => [...readFileSync(join(ROOT, readme), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

const all = READMES.flatMap((readme) => snippets(readme).map((code, i) => ({ readme, i, code, file: `${readme.replace(/\/?README\.md$/, '').replace(/\W+/g, '-') || 'root'}-${i + 1}.ts` })));
// Snippets that load data sets by name download them; here ../shared/data stands in for the public files.
const downloads = (code: string) => /loadDataset\('(pima|airline-passengers|daily-min-temperatures|mnist-full|fashion-mnist|imdb)'/.test(code);

describe('README snippets', () => {
  it('every package README has a runnable TypeScript example', () => {
    for (const readme of READMES.filter((r) => r.startsWith('packages/'))) expect(snippets(readme).length, readme).toBeGreaterThan(0);
  });

  it('type-check as a user compiles them (nodenext resolution, strict)', () => {
    mkdirSync(DIR, { recursive: true });
    for (const s of all) writeFileSync(join(DIR, s.file), s.code);
    writeFileSync(
      join(DIR, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['*.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', DIR], { encoding: 'utf8' });
    expect(tsc.status, tsc.stdout).toBe(0);
  });

  for (const s of all) {
    it.runIf(!downloads(s.code) || hasSharedData('pima'))(`${s.readme} example ${s.i + 1} runs`, async () => {
      mkdirSync(DIR, { recursive: true });
      const file = join(DIR, s.file.replace(/\.ts$/, '.mjs'));
      writeFileSync(file, (await transform(s.code, { loader: 'ts', format: 'esm' })).code);
      const cwd = mkdtempSync(join(tmpdir(), 'lstmkit-readme-'));
      const env = { ...process.env, LSTMKIT_CACHE: join(cwd, '.cache'), ...(hasSharedData('pima') ? { LSTMKIT_DATASETS_MIRROR: SHARED_DATA } : {}) };
      const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', env });
      expect(r.status, `${r.stderr}\n${r.stdout}`).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
