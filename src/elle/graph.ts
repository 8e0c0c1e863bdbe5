/**
 * The dependency graph in compact form. Edges are collected as (from, to, bit) triples in growable typed
 * arrays, then frozen into compressed sparse rows: `offsets[v]..offsets[v+1]` index the out-edges of
 * transaction `v` in `targets` and `masks`, one entry per distinct target with the union of its bits.
 * Memory is about 10 bytes per collected edge while building and 6 per distinct edge after.
 */

/** A frozen graph in compressed sparse row form. */
export interface Graph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  masks: Uint16Array;
}

/** Collects edges; `freeze` turns them into a `Graph`. Self-edges are dropped. */
export class GraphBuilder {
  private from: Int32Array;
  private to: Int32Array;
  private bit: Uint16Array;
  private m = 0;

  /** A builder for `n` transactions, with room for about `expected` edges before it grows. */
  constructor(
    readonly n: number,
    expected = 1024,
  ) {
    this.from = new Int32Array(Math.max(16, expected));
    this.to = new Int32Array(Math.max(16, expected));
    this.bit = new Uint16Array(Math.max(16, expected));
  }

  /** Number of edges collected so far. */
  get size(): number {
    return this.m;
  }

  /** Adds the edge `a → b` with `bit` (ignored when `a === b`). */
  add(a: number, b: number, bit: number): void {
    if (a === b) return;
    if (this.m === this.from.length) this.grow();
    this.from[this.m] = a;
    this.to[this.m] = b;
    this.bit[this.m] = bit;
    this.m++;
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const f = new Int32Array(cap);
    f.set(this.from);
    const t = new Int32Array(cap);
    t.set(this.to);
    const b = new Uint16Array(cap);
    b.set(this.bit);
    this.from = f;
    this.to = t;
    this.bit = b;
  }

  /** Sorts edges by source (counting sort), merges duplicate targets, and returns the graph. */
  freeze(): Graph {
    const { n, m } = this;
    const count = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) count[this.from[i] + 1]++;
    for (let v = 0; v < n; v++) count[v + 1] += count[v];
    const rowT = new Int32Array(m);
    const rowB = new Uint16Array(m);
    const fill = count.slice(0, n);
    for (let i = 0; i < m; i++) {
      const at = fill[this.from[i]]++;
      rowT[at] = this.to[i];
      rowB[at] = this.bit[i];
    }
    // Merge duplicate targets within each row, using `seen[target]` = position in the output row.
    const seen = new Int32Array(n).fill(-1);
    const offsets = new Int32Array(n + 1);
    let out = 0;
    for (let v = 0; v < n; v++) {
      offsets[v] = out;
      for (let i = count[v]; i < count[v + 1]; i++) {
        const t = rowT[i];
        const at = seen[t];
        if (at >= offsets[v]) rowB[at] |= rowB[i];
        else {
          seen[t] = out;
          rowT[out] = t;
          rowB[out] = rowB[i];
          out++;
        }
      }
    }
    offsets[n] = out;
    this.from = new Int32Array(0);
    this.to = new Int32Array(0);
    this.bit = new Uint16Array(0);
    return { n, offsets, targets: rowT.slice(0, out), masks: rowB.slice(0, out) };
  }
}

/** The mask of the edge `a → b`, or 0 when there is none. */
export function edgeMask(g: Graph, a: number, b: number): number {
  for (let i = g.offsets[a]; i < g.offsets[a + 1]; i++) if (g.targets[i] === b) return g.masks[i];
  return 0;
}
