import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What a user sees when the addon cannot be built: the package as npm lays it out (node_modules/@lstmkit/native
// beside node_modules/node-addon-api), its install script run with a compiler that fails, then the built loader
// (dist/, from `pnpm build`) asked for the kernels in a fresh process.
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(PACKAGE, 'dist', 'node.js');

function installedCopy(): string {
  const app = mkdtempSync(join(tmpdir(), 'lstmkit-native-build-'));
  const dir = join(app, 'node_modules', '@lstmkit', 'native');
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'binding.gyp', 'csrc', 'scripts', 'dist', 'wasm']) cpSync(join(PACKAGE, f), join(dir, f), { recursive: true });
  const addonApi = dirname(realpathSync(createRequire(join(PACKAGE, 'package.json')).resolve('node-addon-api/package.json')));
  cpSync(addonApi, join(app, 'node_modules', 'node-addon-api'), { recursive: true }); // a real folder, as npm installs it
  return dir;
}

/** loadNative() twice in a fresh Node: its status, and what it printed. */
function loadTwice(dir: string, env: Record<string, string> = {}) {
  const script = `const m = await import(${JSON.stringify(join(dir, 'dist', 'node.js'))}); m.loadNative(); console.log(JSON.stringify(m.loadNative()));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, LSTMKIT_SKIP_NATIVE: '', ...env } });
  expect(r.status, r.stderr).toBe(0);
  return { status: JSON.parse(r.stdout.trim()) as { available: boolean; reason: string }, stderr: r.stderr };
}

describe.skipIf(!existsSync(DIST))('a native build that fails', () => {
  it('does not fail the install, saves why, and the first use prints it once with how to fix it', () => {
    const dir = installedCopy();
    // node-gyp as npm passes it to install scripts; CXX=false: a C++ compiler that fails.
    const nodeGyp = createRequire(join(PACKAGE, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
    const env = { ...process.env, LSTMKIT_SKIP_NATIVE: '', CXX: 'false', CC: 'false', npm_config_node_gyp: nodeGyp };
    const install = spawnSync(process.execPath, ['scripts/build-native.mjs'], { cwd: dir, encoding: 'utf8', env });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).toMatch(/could not compile the native kernels \(node-gyp exited with \d+/);
    const record = JSON.parse(readFileSync(join(dir, 'build', 'native-build.json'), 'utf8'));
    expect(record).toMatchObject({ ok: false, reason: expect.stringMatching(/^node-gyp exited with \d+: make: .*Error/), log: expect.any(String) });
    // node-addon-api is found by include path: gyp leaves no makefiles beside it (npm used to get node_modules/@lstmkit/node-addon-api/).
    expect(existsSync(join(dir, '..', 'node-addon-api'))).toBe(false);

    const { status, stderr } = loadTwice(dir);
    expect(status).toEqual({ available: false, reason: expect.stringMatching(/^the native addon did not compile at install \(node-gyp exited with \d+.*\); to get it: install a C\+\+17 compiler, make and python3, then run `npm rebuild @lstmkit\/native`; the compiler's output is in .*native-build\.json$/) });
    expect(stderr.match(/@lstmkit\/native: the native addon did not compile at install/g)).toHaveLength(1);
    expect(stderr).toMatch(/lstmkit uses the WebAssembly build of the same kernels meanwhile/);
  });

  it('says so when the install script never ran (npm --ignore-scripts, allowScripts, pnpm onlyBuiltDependencies), and is quiet when skipped on purpose', () => {
    const dir = installedCopy();
    const never = loadTwice(dir);
    expect(never.status.reason).toMatch(/^the native addon was never built: its install script did not run \(npm --ignore-scripts, npm's allowScripts or pnpm's onlyBuiltDependencies/);
    expect(never.stderr.match(/never built/g)).toHaveLength(1);
    const skipped = loadTwice(dir, { LSTMKIT_SKIP_NATIVE: '1' });
    expect(skipped.status.reason).toBe('LSTMKIT_SKIP_NATIVE is set');
    expect(skipped.stderr).not.toMatch(/@lstmkit\/native/);
  });
});
