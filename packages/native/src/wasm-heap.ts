// The WebAssembly module's memory, seen from JS: arrays copied in and out, and the forward states that stay inside
// it between a forward pass and its backward pass (an LSTM's gates, cell states and step rows: ~11 MB for W1,
// which copying out and back in would cost milliseconds a step).
//
// A state leaves the module's memory when its backward pass has run, when the caller releases it (inference), or
// when it is garbage-collected. States nobody releases must not pile up in a memory that never shrinks, so when the
// resident ones pass BUDGET bytes the oldest is moved out to plain JS arrays (and copied back if its backward pass
// ever comes).

/** The module's exports the heap uses. */
export interface HeapExports {
  lstmkit_alloc(bytes: number): number;
  lstmkit_free(pointer: number): void;
}

/** A span of floats in the module's memory. */
export interface Block {
  readonly pointer: number;
  readonly length: number;
}

const BUDGET = 256 * 2 ** 20; // bytes of kept forward states before the oldest are moved out

interface Resident {
  readonly owner: WeakRef<object>;
  readonly blocks: Block[];
  readonly bytes: number;
}

export class WasmHeap {
  // Keyed by number, not by the state: the heap must not keep a state alive, or it would never be collected.
  private readonly ids = new WeakMap<object, number>();
  private readonly resident = new Map<number, Resident>();
  private readonly spilled = new WeakMap<object, Float32Array[]>();
  private residentBytes = 0;
  private nextId = 0;
  private readonly collected = new FinalizationRegistry<number>((id) => this.forget(id));

  constructor(
    private readonly exports: HeapExports,
    private readonly memory: WebAssembly.Memory,
    private readonly budget = BUDGET,
  ) {}

  /** Room for `length` floats (16-byte aligned). */
  alloc(length: number): Block {
    const pointer = this.exports.lstmkit_alloc(Math.max(1, length) * 4);
    if (pointer === 0) throw new RangeError(`the WebAssembly kernels could not allocate ${((length * 4) / 2 ** 20).toFixed(1)} MB`);
    return { pointer, length };
  }

  free(block: Block): void {
    this.exports.lstmkit_free(block.pointer);
  }

  freeAll(blocks: readonly Block[]): void {
    for (const b of blocks) this.free(b);
  }

  /** A view of a block (made afresh: the memory's buffer changes when it grows). */
  view(block: Block): Float32Array {
    return new Float32Array(this.memory.buffer, block.pointer, block.length);
  }

  /** A block holding a copy of `data` (its first `length` floats). */
  copyIn(data: Float32Array, length = data.length): Block {
    const block = this.alloc(length);
    this.view(block).set(length === data.length ? data : data.subarray(0, length));
    return block;
  }

  /** A JS copy of a block. */
  copyOut(block: Block): Float32Array {
    return this.view(block).slice();
  }

  /** Keeps `blocks` for `owner` (a forward state) until take(owner), release(owner) or owner's collection. */
  keep(owner: object, blocks: Block[]): void {
    const id = this.nextId++;
    const bytes = blocks.reduce((sum, b) => sum + b.length * 4, 0);
    this.ids.set(owner, id);
    this.resident.set(id, { owner: new WeakRef(owner), blocks, bytes });
    this.collected.register(owner, id, owner);
    this.residentBytes += bytes;
    for (const [oldest, entry] of this.resident) {
      if (this.residentBytes <= this.budget || oldest === id) break;
      const state = entry.owner.deref();
      if (state) this.spilled.set(state, entry.blocks.map((b) => this.copyOut(b)));
      this.forget(oldest);
    }
  }

  /** The blocks kept for `owner` (copied back in if they were moved out); undefined if already taken or released. */
  take(owner: object): Block[] | undefined {
    const id = this.ids.get(owner);
    this.ids.delete(owner);
    const entry = id === undefined ? undefined : this.resident.get(id);
    if (entry) {
      this.resident.delete(id!);
      this.residentBytes -= entry.bytes;
      this.collected.unregister(owner);
      return entry.blocks;
    }
    const arrays = this.spilled.get(owner);
    this.spilled.delete(owner);
    return arrays?.map((a) => this.copyIn(a));
  }

  /** Frees what is kept for `owner`, if anything. */
  release(owner: object): void {
    const blocks = this.take(owner);
    if (blocks) this.freeAll(blocks);
  }

  /** Bytes of forward states in the module's memory now. */
  get keptBytes(): number {
    return this.residentBytes;
  }

  private forget(id: number): void {
    const entry = this.resident.get(id);
    if (!entry) return;
    this.resident.delete(id);
    this.residentBytes -= entry.bytes;
    this.freeAll(entry.blocks);
  }
}
