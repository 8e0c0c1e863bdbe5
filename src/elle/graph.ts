/**
 * The dependency graph in compact form. Edges are collected as (from, to, bit) triples in growable typed
 * arrays, then frozen into compressed sparse rows: `offsets[v]..offsets[v+1]` index the out-edges of
 * transaction `v` in `targets` and `masks`, one entry per distinct target with the union of its bits.
 * Memory is about 10 bytes per collected edge while building and 6 per distinct edge after.
 */
import type { Arena } from './arena.js';

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
    expected: number,
    private readonly arena: Arena,
  ) {
    const cap = Math.max(16, Math.ceil(expected));
    this.from = arena.i32(cap);
    this.to = arena.i32(cap);
    this.bit = arena.u16(cap);
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
    const f = this.arena.i32(cap);
    f.set(this.from);
    const t = this.arena.i32(cap);
    t.set(this.to);
    const b = this.arena.u16(cap);
    b.set(this.bit);
    this.from = f;
    this.to = t;
    this.bit = b;
  }

  /**
   * Sorts edges by source (counting sort), merges duplicate targets, and returns the graph. Arrays are
   * reused where they can be (the row starts become the offsets; the scatter cursor becomes the
   * merge's seen-marks), so freezing needs little beyond the rows themselves.
   */
  freeze(): Graph {
    const { n, m } = this;
    const offsets = this.arena.i32(n + 1);
    for (let i = 0; i < m; i++) offsets[this.from[i] + 1]++;
    for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    const rowT = this.arena.i32(m);
    const rowB = this.arena.u16(m);
    const cursor = this.arena.i32(n);
    cursor.set(offsets.subarray(0, n));
    for (let i = 0; i < m; i++) {
      const at = cursor[this.from[i]]++;
      rowT[at] = this.to[i];
      rowB[at] = this.bit[i];
    }
    this.from = this.to = new Int32Array(0);
    this.bit = new Uint16Array(0);
    // Merge duplicate targets within each row, using `seen[target]` = position in the output row.
    const seen = cursor.fill(-1);
    let out = 0;
    for (let v = 0; v < n; v++) {
      const [start, end] = [offsets[v], offsets[v + 1]];
      offsets[v] = out;
      for (let i = start; i < end; i++) {
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
    return { n, offsets, targets: rowT.subarray(0, out), masks: rowB.subarray(0, out) };
  }
}

/** The mask of the edge `a → b`, or 0 when there is none. */
export function edgeMask(g: Graph, a: number, b: number): number {
  for (let i = g.offsets[a]; i < g.offsets[a + 1]; i++) if (g.targets[i] === b) return g.masks[i];
  return 0;
}
