import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WasmHeap, type HeapExports } from './wasm-heap.js';

// The heap over the real one-thread build's memory (its own allocator), with a budget small enough to overflow.
function heapWithBudget(bytes: number) {
  const module = new WebAssembly.Module(readFileSync(new URL('../wasm/lstmkit-kernels.wasm', import.meta.url)));
  const memory = new WebAssembly.Memory({ initial: 64 });
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as HeapExports & { __wasm_call_ctors(): void };
  exports.__wasm_call_ctors();
  return { heap: new WasmHeap(exports, memory, bytes), memory };
}
const filled = (n: number, v: number) => new Float32Array(n).fill(v);

describe('WasmHeap: forward states kept in the module memory', () => {
  it('gives the blocks back once (take), frees them on release, and moves the oldest out past its budget', () => {
    const { heap } = heapWithBudget(2 * 4096 * 4); // two states of 4096 floats
    const states = [{}, {}, {}];
    states.forEach((s, i) => heap.keep(s, [heap.copyIn(filled(4096, i + 1))]));
    expect(heap.keptBytes).toBe(2 * 4096 * 4); // the first was moved out to make room for the third
    // Every state comes back with its content, wherever it was kept.
    states.forEach((s, i) => {
      const [block] = heap.take(s)!;
      expect(heap.view(block!).every((v) => v === i + 1)).toBe(true);
      heap.free(block!);
      expect(heap.take(s)).toBeUndefined(); // a second backward pass has nothing to use
    });
    expect(heap.keptBytes).toBe(0);
    const released = {};
    heap.keep(released, [heap.alloc(100)]);
    heap.release(released);
    expect(heap.keptBytes).toBe(0);
    expect(heap.take(released)).toBeUndefined();
  });

  it('reuses freed memory: keeping and releasing the same sizes does not grow the module memory', () => {
    const { heap, memory } = heapWithBudget(2 ** 30);
    const cycle = () => {
      const s = {};
      heap.keep(s, [heap.alloc(1 << 20), heap.alloc(1 << 18)]);
      heap.release(s);
    };
    cycle();
    const size = memory.buffer.byteLength;
    for (let i = 0; i < 20; i++) cycle();
    expect(memory.buffer.byteLength).toBe(size);
  });
});
