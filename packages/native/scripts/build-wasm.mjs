// Compiles the same C++ kernels (csrc/) to WebAssembly with SIMD128, in two builds:
//   wasm/lstmkit-kernels.wasm          one thread, its own memory: any browser, any page
//   wasm/lstmkit-kernels-threads.wasm  shared memory + atomics: helper threads (workers) over a SharedArrayBuffer,
//                                      in Node and in cross-origin isolated pages
// Both are committed and shipped in the package, so that nobody needs a compiler to get the kernels; this script
// rebuilds them when their sources change, and CI checks that a rebuild from source gives the same bytes.
//   node scripts/build-wasm.mjs           rebuild if the sources differ from the ones wasm/build.json records
//                                         (without a toolchain: say so and keep the committed files)
//   node scripts/build-wasm.mjs --force   rebuild; fail without a toolchain
//   node scripts/build-wasm.mjs --check   rebuild in a temporary folder and fail unless the bytes are the committed ones
//   node scripts/build-wasm.mjs --verify  no compiler: fail unless wasm/build.json records the current sources and files
//
// Toolchain: Debian's clang/lld with wasi-libc (apt-get install clang-14 lld-14 wasi-libc libc++-14-dev-wasm32
// libclang-rt-14-dev-wasm32), or any clang >= 14 with a WASI sysroot (CLANG=…, WASI_SYSROOT=…). Not emscripten:
// the kernels need no JS runtime, and emscripten's pthreads would bring its own generated JS glue and worker script,
// which must be found again by every bundler and by Node; plain clang gives a standalone module that
// src/wasm-kernels.ts instantiates and runs on its own workers in browsers and in Node alike.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const csrc = join(root, 'csrc');
const out = join(root, 'wasm');
const RECORD = join(out, 'build.json');

const SOURCES = ['gemm.cc', 'activations.cc', 'lstm.cc', 'gru.cc', 'rnn.cc', 'wasm-threads.cc', 'wasm-exports.cc'];
// -fno-threadsafe-statics: the function-local statics (LSTMKIT_CALLER_LOCAL) are only touched by the calling thread.
// -mbulk-memory: memcpy and memset become memory.copy / memory.fill instructions instead of wasi-libc's byte loops
// (every browser since 2021 and Node 12 have them, as they have SIMD128).
const COMPILE = ['--target=wasm32-wasi', '-O3', '-std=c++17', '-msimd128', '-mbulk-memory', '-fno-exceptions', '-fno-rtti', '-fno-math-errno', '-fno-threadsafe-statics', '-DNDEBUG'];
// 1 MB stack for the calling thread (helpers get theirs from the JS loader); memory grows as the batches need.
const LINK = ['-nostartfiles', '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,-z,stack-size=1048576', '-Wl,--initial-memory=4194304', '-Wl,--export=__wasm_call_ctors', '-Wl,--strip-all'];
const BUILDS = {
  'lstmkit-kernels.wasm': { compile: [], link: [] },
  // wasi-libc is built without atomics; --no-check-features lets it join a shared-memory module. Its malloc takes
  // no lock, which is why wasm-threads.cc locks operator new and the kernels allocate only on the calling thread.
  'lstmkit-kernels-threads.wasm': {
    compile: ['-matomics'],
    link: ['-Wl,--shared-memory', '-Wl,--max-memory=2147483648', '-Wl,--no-check-features', '-Wl,--export=__stack_pointer'],
  },
};

/** sha256 of what the builds are made from: the sources, the headers and the flags. */
function sourcesHash() {
  const hash = createHash('sha256');
  const files = readdirSync(csrc).filter((f) => f.endsWith('.h') || SOURCES.includes(f)).sort();
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(csrc, f)));
  hash.update(JSON.stringify({ COMPILE, LINK, BUILDS }));
  return hash.digest('hex');
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What the last build recorded: the sources' hash and each file's sha256 (wasm/build.json). */
const readRecord = () => (existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : undefined);

/** clang (>= 14) and a WASI sysroot, or why not. */
function toolchain() {
  const candidates = process.env.CLANG ? [process.env.CLANG] : ['clang-14', 'clang', 'clang-16', 'clang-19'];
  const sysroots = process.env.WASI_SYSROOT ? [process.env.WASI_SYSROOT] : ['/usr', '/opt/wasi-sdk/share/wasi-sysroot'];
  const sysroot = sysroots.find((s) => existsSync(join(s, 'lib', 'wasm32-wasi', 'libc.a')));
  if (!sysroot) return { reason: 'no WASI sysroot (apt-get install wasi-libc, or set WASI_SYSROOT)' };
  for (const clang of candidates) {
    const v = spawnSync(clang, ['--version'], { encoding: 'utf8' });
    if (v.status === 0) return { clang, sysroot, version: v.stdout.split('\n')[0].trim() };
  }
  return { reason: `no clang found (tried ${candidates.join(', ')}; apt-get install clang-14 lld-14 libc++-14-dev-wasm32 libclang-rt-14-dev-wasm32)` };
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}\n${(r.stderr || r.error?.message || '').trim()}`);
}

/** Compiles and links both builds into `dir`; returns the toolchain's version line. */
function build(tc, dir) {
  const objects = mkdtempSync(join(tmpdir(), 'lstmkit-wasm-'));
  try {
    for (const [name, b] of Object.entries(BUILDS)) {
      const flags = [...COMPILE, ...b.compile, `--sysroot=${tc.sysroot}`];
      const objs = SOURCES.map((src) => {
        const obj = join(objects, `${name}-${src}.o`);
        run(tc.clang, [...flags, '-c', join(csrc, src), '-o', obj]);
        return obj;
      });
      run(tc.clang, [...flags, ...LINK, ...b.link, ...objs, '-o', join(dir, name)]);
    }
  } finally {
    rmSync(objects, { recursive: true, force: true });
  }
}

main();

function main() {
  const force = process.argv.includes('--force');
  const check = process.argv.includes('--check');
  const hash = sourcesHash();
  const recorded = readRecord();
  const upToDate = recorded?.sources === hash && Object.keys(BUILDS).every((f) => existsSync(join(out, f)) && sha256(join(out, f)) === recorded.files?.[f]);
  if (process.argv.includes('--verify')) {
    if (upToDate) return console.log('@lstmkit/native: wasm/ records the current csrc/');
    console.error('@lstmkit/native: wasm/ was built from other sources than csrc/ has now (or its files changed since): run `pnpm --filter @lstmkit/native build:wasm` and commit wasm/');
    process.exit(1);
  }
  if (upToDate && !force && !check) return;

  const tc = toolchain();
  if (tc.reason) {
    if (force || check) {
      console.error(`@lstmkit/native: cannot build the WebAssembly kernels: ${tc.reason}`);
      process.exit(1);
    }
    console.warn(`@lstmkit/native: the WebAssembly kernels in wasm/ were built from other sources than csrc/ has now, and ${tc.reason}; keeping the committed builds`);
    process.exit(0);
  }

  if (check) {
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-wasm-check-'));
    let differ;
    try {
      build(tc, dir);
      differ = Object.keys(BUILDS).filter((f) => !existsSync(join(out, f)) || sha256(join(dir, f)) !== sha256(join(out, f)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (recorded?.sources !== hash) differ.push('build.json (sources hash)');
    if (differ.length) {
      console.error(`@lstmkit/native: wasm/ is not what csrc/ builds to with ${tc.version}: ${differ.join(', ')} differ. Run \`pnpm --filter @lstmkit/native build:wasm\` and commit wasm/.`);
      process.exit(1);
    }
    console.log(`@lstmkit/native: wasm/ is exactly what csrc/ builds to with ${tc.version}`);
    return;
  }

  const started = Date.now();
  const dir = mkdtempSync(join(out, '.build-'));
  try {
    build(tc, dir);
    for (const f of Object.keys(BUILDS)) {
      chmodSync(join(dir, f), 0o644); // the linker marks its output executable; these are data
      renameSync(join(dir, f), join(out, f));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const files = Object.fromEntries(Object.keys(BUILDS).map((f) => [f, sha256(join(out, f))]));
  writeFileSync(`${RECORD}.tmp`, `${JSON.stringify({ sources: hash, toolchain: tc.version, files }, null, 2)}\n`);
  renameSync(`${RECORD}.tmp`, RECORD);
  console.log(`@lstmkit/native: compiled the WebAssembly kernels with ${tc.version} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
