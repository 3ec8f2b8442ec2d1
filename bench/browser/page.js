// One engine of `pnpm bench:browser` in the page (the driver, bench/browser.mjs, opens one fresh page per engine):
// W1's model trained for `steps` batches of the digits the driver serves, median ms per step after WARMUP.
//   ?engine=stock              the model written by hand with tfjs-layers on tfjs' wasm backend (what a user gets)
//   ?engine=lstmkit&threads=2  @lstmkit/models + @lstmkit/trainer on wasm, the fused kernels' WebAssembly build
//   &fused=off                 lstmkit with the fused kernels off; &batch=128&steps=20
import { buildModel } from '@lstmkit/models';
import { fit, installFusedKernels, uninstallWasmFastMatMul, useBackend } from '@lstmkit/trainer';
import { tf } from '@lstmkit/models';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import { stockModel, timeTrainSteps } from '../train-steps.mjs';

setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
const WARMUP = 3;
const q = new URLSearchParams(location.search);
const o = { engine: q.get('engine') ?? 'lstmkit', threads: Number(q.get('threads') ?? 2), fused: q.get('fused') !== 'off', batch: Number(q.get('batch') ?? 128), steps: Number(q.get('steps') ?? 20) };

async function digits(n) {
  const [x, y] = await Promise.all(['train-x.f32', 'train-y.u8'].map(async (f) => (await fetch(`/data/${f}`)).arrayBuffer()));
  const all = new Float32Array(x), labels = new Uint8Array(y);
  const total = labels.length;
  const xs = new Float32Array(n * 784), ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs.set(all.subarray((i % total) * 784, ((i % total) + 1) * 784), i * 784);
    ys[i] = labels[i % total];
  }
  return { name: 'mnist', source: 'bench', x: xs, y: ys, shape: [n, 28, 28], task: 'multiclass', classNames: Array.from({ length: 10 }, (_, i) => String(i)) };
}

async function run() {
  if (o.engine === 'lstmkit') await installFusedKernels({ threads: o.threads }); // before useBackend, which would install the default
  const backend = await useBackend('wasm');
  const ds = await digits((o.steps + WARMUP) * o.batch);
  if (o.engine === 'stock') uninstallWasmFastMatMul();
  const model = o.engine === 'stock' ? stockModel(tf) : buildModel({ family: 'vanilla', inputShape: [28, 28], units: 128, head: { task: 'multiclass', outputs: 10 }, seed: 0, fused: o.fused ? 'auto' : false });
  const msPerStep = await timeTrainSteps(tf, fit, model, ds, { stock: o.engine === 'stock', batch: o.batch, warmup: WARMUP });
  model.dispose();
  const fused = backend.fusedLstm && ('kernel' in backend.fusedLstm ? backend.fusedLstm.kernel.name : backend.fusedLstm.reason);
  return { msPerStep, steps: o.steps, device: backend.device, fusedLstm: o.engine === 'stock' ? undefined : fused, crossOriginIsolated };
}

window.benchResult = run().catch((e) => ({ error: e.message }));
window.benchResult.then((r) => (document.getElementById('log').textContent = JSON.stringify(r)));
