import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLISHED = ['packages/datasets', 'packages/models', 'packages/native', 'packages/trainer', 'packages/analysis', 'packages/plot', 'packages/onnx', 'apps/cli'];
const PRIVATE = ['apps/web', 'bench'];

// A release, rehearsed on a copy of the checkout (the repository itself is left as it is): `changeset version`
// turns the pending changesets into versions and CHANGELOGs, then `pnpm -r publish --dry-run` packs every public
// package as it would be published.
describe('release', () => {
  it('every published package is complete, and changeset version + pnpm -r publish --dry-run succeed', () => {
    for (const dir of PUBLISHED) {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
      expect(existsSync(join(ROOT, dir, 'LICENSE')), `${dir}/LICENSE`).toBe(true);
      expect(pkg, dir).toMatchObject({ license: 'MIT', repository: { url: expect.stringMatching(/^git\+https:/), directory: dir }, homepage: expect.any(String), bugs: { url: expect.any(String) } });
      expect(pkg.keywords.length, dir).toBeGreaterThan(2);
      expect(pkg.files, dir).toContain('LICENSE');
      expect(readFileSync(join(ROOT, dir, 'README.md'), 'utf8'), `${dir}/README.md`).toMatch(/ESM only/);
    }
    for (const dir of PRIVATE) expect(JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')).private, dir).toBe(true);

    const copy = mkdtempSync(join(tmpdir(), 'lstmkit-release-'));
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue; // deleted in the work tree, not yet committed
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      cpSync(join(ROOT, f), join(copy, f));
    }
    // What a release needs besides the sources: the builds, and the installed workspace links.
    for (const dir of [...PUBLISHED, ...PRIVATE]) {
      if (existsSync(join(ROOT, dir, 'dist'))) cpSync(join(ROOT, dir, 'dist'), join(copy, dir, 'dist'), { recursive: true });
      if (existsSync(join(ROOT, dir, 'node_modules'))) cpSync(join(ROOT, dir, 'node_modules'), join(copy, dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));

    const version = spawnSync(process.execPath, [join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: copy, encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    const publish = spawnSync('pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks'], { cwd: copy, encoding: 'utf8' });
    expect(publish.status, publish.stderr + publish.stdout).toBe(0);
    const published = [...(publish.stdout + publish.stderr).matchAll(/^\+ (@lstmkit\/[\w-]+)@/gm)].map((m) => m[1]).sort();
    expect(published).toEqual(['@lstmkit/analysis', '@lstmkit/cli', '@lstmkit/datasets', '@lstmkit/models', '@lstmkit/native', '@lstmkit/onnx', '@lstmkit/plot', '@lstmkit/trainer']);
  }, 300_000);
});