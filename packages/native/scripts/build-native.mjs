// Compiles the C++ kernels into a Node-API addon with node-gyp. Never fails the install: without a C++ toolchain
// lstmkit still gets the same kernels, from the WebAssembly build shipped in wasm/. npm hides install-script
// output, so the outcome is also saved in build/native-build.json (why, and the end of the compiler's output),
// which the loader (src/native-addon.ts) reads to say, on first use and in `lstmkit backends`, why the addon is
// missing and how to get it.
//   node scripts/build-native.mjs            build (install script)
//   node scripts/build-native.mjs --if-stale build only when a source is newer than the binary
//   node scripts/build-native.mjs --force    rebuild, and fail loudly on error (for developers)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = join(root, 'build', 'Release', 'lstmkit_native.node');
const RECORD = join(root, 'build', 'native-build.json');
const force = process.argv.includes('--force');

/** Saves what happened (atomically: a reader never sees half a file). */
function record(outcome) {
  mkdirSync(dirname(RECORD), { recursive: true });
  writeFileSync(`${RECORD}.tmp`, `${JSON.stringify({ ...outcome, node: process.version, date: new Date().toISOString() }, null, 2)}\n`);
  renameSync(`${RECORD}.tmp`, RECORD);
}

if (process.env.LSTMKIT_SKIP_NATIVE) {
  console.log('@lstmkit/native: LSTMKIT_SKIP_NATIVE is set, not compiling the native kernels (the WebAssembly build runs instead)');
  record({ ok: false, skipped: true, reason: 'LSTMKIT_SKIP_NATIVE was set at install' });
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
  record({ ok: true });
  console.log(`@lstmkit/native: compiled the native kernels in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(0);
}
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n');
// The first compiler error says more than node-gyp's closing lines.
const firstError = output.find((l) => /\berror\b|not found|No such file/i.test(l) && !/^gyp (ERR|info)/.test(l))?.trim();
const why = run.error ? run.error.message : `node-gyp exited with ${run.status}${firstError ? `: ${firstError}` : ''}`;
record({ ok: false, reason: why, log: output.slice(-40).join('\n') });
console.warn(
  `@lstmkit/native: could not compile the native kernels (${why}). lstmkit still works, with the WebAssembly build of the same kernels (slower).\n` +
    `  To get them: install a C++17 compiler, make and python3, then run \`npm rebuild @lstmkit/native\`.\n${output.slice(-15).join('\n')}`,
);
process.exit(force ? 1 : 0);
