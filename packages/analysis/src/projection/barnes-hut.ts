import { QuadTree } from './quadtree.js';
import type { Repulsion } from './repulsion.js';
import type { Job } from '../parallel/kernels.js';
import { oneThread, type KernelRunner } from '../parallel/threads.js';

/**
 * Barnes–Hut repulsion (van der Maaten 2014): a quadtree over the embedding, and every cell whose width over
 * its distance is below `theta` acts as one point at its centre of mass. theta = 0 is exact.
 */
export class BarnesHutRepulsion implements Repulsion {
  private readonly tree: QuadTree;
  private readonly theta2: number;
  private readonly stack = new Int32Array(4 * 64 + 4);

  constructor(
    n: number,
    theta = 0.5,
    private readonly threads: KernelRunner = oneThread,
  ) {
    this.tree = new QuadTree(4 * n);
    this.theta2 = theta * theta;
  }

  /** The tree walks run on the calling thread while the other threads take the parts of `alongside`. */
  async compute(y: Float64Array, out: Float64Array, alongside: readonly Job[] = []): Promise<number> {
    let z = 0;
    await this.threads.run(alongside, () => (z = this.walk(y, out)));
    return z;
  }

  private walk(y: Float64Array, out: Float64Array): number {
    const n = y.length / 2;
    const { tree, stack, theta2 } = this;
    tree.build(y, n);
    const { count, point, mx, my, child, hw } = tree;
    let z = 0;
    for (let i = 0; i < n; i++) {
      const xi = y[2 * i]!;
      const yi = y[2 * i + 1]!;
      let fx = 0;
      let fy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const node = stack[--top]!;
        const cnt = count[node]!;
        if (cnt === 0 || (cnt === 1 && point[node] === i)) continue;
        const dx = xi - mx[node]!;
        const dy = yi - my[node]!;
        const d2 = dx * dx + dy * dy;
        const width = 2 * hw[node]!;
        if (child[node] === -1 || width * width < theta2 * d2) {
          if (d2 === 0) continue; // identical points exert no defined force
          const w = 1 / (1 + d2);
          const cw = cnt * w;
          z += cw;
          fx += cw * w * dx;
          fy += cw * w * dy;
        } else {
          const c = child[node]!;
          stack[top++] = c;
          stack[top++] = c + 1;
          stack[top++] = c + 2;
          stack[top++] = c + 3;
        }
      }
      out[2 * i] = fx;
      out[2 * i + 1] = fy;
    }
    return z;
  }
}
