/**
 * A Barnes–Hut quadtree over 2-D points in flat typed arrays (no per-node objects: t-SNE rebuilds it every
 * iteration). Each node keeps its cell (centre, half width), point count and centre of mass.
 */
export class QuadTree {
  cx: Float64Array;
  cy: Float64Array;
  hw: Float64Array;
  mx: Float64Array;
  my: Float64Array;
  count: Int32Array;
  child: Int32Array; // first of 4 consecutive children, or -1 for a leaf
  point: Int32Array; // the point of a one-point leaf, or -1
  size = 0;

  constructor(capacity: number) {
    this.cx = new Float64Array(capacity);
    this.cy = new Float64Array(capacity);
    this.hw = new Float64Array(capacity);
    this.mx = new Float64Array(capacity);
    this.my = new Float64Array(capacity);
    this.count = new Int32Array(capacity);
    this.child = new Int32Array(capacity);
    this.point = new Int32Array(capacity);
  }

  private node(cx: number, cy: number, hw: number): number {
    if (this.size === this.cx.length) this.grow();
    const n = this.size++;
    this.cx[n] = cx;
    this.cy[n] = cy;
    this.hw[n] = hw;
    this.mx[n] = 0;
    this.my[n] = 0;
    this.count[n] = 0;
    this.child[n] = -1;
    this.point[n] = -1;
    return n;
  }

  private grow(): void {
    const cap = this.cx.length * 2;
    for (const key of ['cx', 'cy', 'hw', 'mx', 'my'] as const) {
      const a = new Float64Array(cap);
      a.set(this[key]);
      this[key] = a;
    }
    for (const key of ['count', 'child', 'point'] as const) {
      const a = new Int32Array(cap);
      a.set(this[key]);
      this[key] = a;
    }
  }

  /** Rebuilds the tree over points y (x0, y0, x1, y1, ...); centres of mass are means afterwards. */
  build(y: Float64Array, n: number): void {
    this.size = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, y[2 * i]!);
      maxX = Math.max(maxX, y[2 * i]!);
      minY = Math.min(minY, y[2 * i + 1]!);
      maxY = Math.max(maxY, y[2 * i + 1]!);
    }
    const hw = Math.max(maxX - minX, maxY - minY) / 2 + 1e-5;
    this.node((minX + maxX) / 2, (minY + maxY) / 2, hw);
    for (let i = 0; i < n; i++) this.insert(i, y[2 * i]!, y[2 * i + 1]!, y);
    for (let k = 0; k < this.size; k++) {
      if (this.count[k]! > 0) {
        this.mx[k]! /= this.count[k]!;
        this.my[k]! /= this.count[k]!;
      }
    }
  }

  private insert(p: number, x: number, yy: number, y: Float64Array): void {
    let n = 0;
    for (;;) {
      this.count[n]! += 1;
      this.mx[n]! += x;
      this.my[n]! += yy;
      if (this.child[n] === -1) {
        if (this.count[n] === 1) {
          this.point[n] = p;
          return;
        }
        // Identical points cannot be separated: keep them together in one leaf.
        if (this.hw[n]! < 1e-10) return;
        const q = this.point[n]!;
        this.point[n] = -1;
        const h = this.hw[n]! / 2;
        const first = this.node(this.cx[n]! - h, this.cy[n]! - h, h);
        this.node(this.cx[n]! + h, this.cy[n]! - h, h);
        this.node(this.cx[n]! - h, this.cy[n]! + h, h);
        this.node(this.cx[n]! + h, this.cy[n]! + h, h);
        this.child[n] = first;
        const qc = first + this.quadrant(n, y[2 * q]!, y[2 * q + 1]!);
        this.count[qc] = 1;
        this.mx[qc] = y[2 * q]!;
        this.my[qc] = y[2 * q + 1]!;
        this.point[qc] = q;
      }
      n = this.child[n]! + this.quadrant(n, x, yy);
    }
  }

  private quadrant(n: number, x: number, y: number): number {
    return (x > this.cx[n]! ? 1 : 0) + (y > this.cy[n]! ? 2 : 0);
  }
}
