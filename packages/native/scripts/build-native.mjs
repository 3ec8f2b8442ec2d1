// Compiles the C++ kernels with node-gyp. Never fails the install: without a C++ toolchain lstmkit still works
// (tfjs-layers' LSTM is used instead), so a failed build prints why and how to retry, and exits 0. The loader
// (src/index.ts) reports the same reason at run time.
//   node scripts/build-native.mjs            build (install script)
//   node scripts/build-native.mjs --if-stale build only when a source is newer than the binary
//   node scripts/build-native.mjs --force    rebuild, and fail loudly on error (for developers)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = join(root, 'build', 'Release', 'lstmkit_native.node');
const force = process.argv.includes('--force');

if (process.env.LSTMKIT_SKIP_NATIVE) {
  console.log('@lstmkit/native: LSTMKIT_SKIP_NATIVE is set, not compiling the native kernels');
  process.exit(0);
}
if (process.argv.includes('--if-stale') && existsSync(binary)) {
  const built = statSync(binary).mtimeMs;
  const sources = [join(root, 'binding.gyp'), ...readdirSync(join(root, 'csrc')).map((f) => join(root, 'csrc', f))];
  if (sources.every((f) => statSync(f).mtimeMs <= built)) process.exit(0);
}

/** node-gyp: the one npm or pnpm runs install scripts with, else our devDependency, else the PATH. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return [process.execPath, process.env.npm_config_node_gyp];
  try {
    return [process.execPath, createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js')];
  } catch {
    return ['node-gyp'];
  }
}

// Use the headers installed beside this Node when there are any, so no download is needed.
const prefix = join(dirname(process.execPath), '..');
const headers = [prefix, '/usr'].find((p) => existsSync(join(p, 'include', 'node', 'node_api.h')));
const [cmd, ...pre] = nodeGyp();
const args = [...pre, 'rebuild', '--release', ...(headers ? [`--nodedir=${headers}`] : [])];
const started = Date.now();
const run = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (run.status === 0 && existsSync(binary)) {
  console.log(`@lstmkit/native: compiled the native kernels in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(0);
}
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
const why = run.error ? run.error.message : `node-gyp exited with ${run.status}`;
console.warn(
  `@lstmkit/native: could not compile the native kernels (${why}). lstmkit still works, with tfjs-layers' slower LSTM.\n` +
    `  To get them: install a C++17 compiler, make and python3, then run \`npm rebuild @lstmkit/native\`.\n${output}`,
);
process.exit(force ? 1 : 0);
