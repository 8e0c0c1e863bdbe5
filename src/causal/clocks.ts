/**
 * The causal order as vector clocks, stored as change lists: "is op b in op a's causal past?" in
 * O(log) for any two ops, in memory proportional to how often clocks change, not to ops × processes.
 *
 * The clock of op u has, for each process q, the number of q's ops in u's causal past (u included):
 * b is in the past of a iff clock(a)[proc b] > pos b. Since clocks only grow along a process, a
 * process's clocks are stored as, per column, the positions where that column changed and its new
 * value; a query is a binary search there. A process's own column is its position and is not stored.
 *
 * Only processes with a write read by another process ("sources") get a column: nothing else of a
 * process ever enters another process's past. Clocks are computed in one pass over a topological
 * order of po ∪ rf, keeping a dense clock only for each running process and, for each write that is
 * read, a snapshot that lives until its last reader is processed. A read whose write is already in
 * its past (the common case) costs nothing; otherwise the snapshot is merged and each column that
 * grows is recorded. Time O(n + joins × columns), memory O(changes + live snapshots). A visitor sees
 * each read with both dense clocks at hand, which is where the checks that compare a read's past
 * with its write's past (`cc.ts`) run.
 */
import { THIN_AIR, type Prepared } from './history.js';

/** Change list of one column of one process: positions (increasing) and the value from there on. */
interface Changes {
  at: number[];
  val: number[];
}

/** A process's changes in the order they happened: position, column, new value, as flat triples. */
type Events = number[];

/**
 * Causal-past queries over a prepared history, built by `computeClocks`. Changes are recorded as the
 * sweep goes, so a visitor may ask about any op the sweep has already passed.
 */
export class Clocks {
  /** Per process: its change lists by column, for random queries. */
  private readonly changes: Map<number, Changes>[];
  /** Per process: its changes in the order they happened. */
  readonly events: Events[];

  constructor(
    private readonly h: Prepared,
    /** Column of each process, or -1 if it is not a source. */
    readonly column: Int32Array,
    /** Number of columns. */
    readonly width: number,
  ) {
    this.changes = h.ops.map(() => new Map());
    this.events = h.ops.map(() => []);
  }

  /** Records that column c of process p's clock becomes `val` at position `at` (positions only grow). */
  record(p: number, at: number, c: number, val: number): void {
    this.events[p].push(at, c, val);
    let ch = this.changes[p].get(c);
    if (!ch) this.changes[p].set(c, (ch = { at: [], val: [] }));
    ch.at.push(at);
    ch.val.push(val);
  }

  /** How many of process q's ops are in op a's causal past, a included. */
  count(a: number, q: number): number {
    const h = this.h;
    const p = h.proc[a];
    if (p === q) return h.pos[a] + 1;
    const c = this.column[q];
    if (c < 0) return 0;
    const ch = this.changes[p].get(c);
    if (!ch) return 0;
    const i = h.pos[a];
    // last change at a position ≤ i
    let lo = 0;
    let hi = ch.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ch.at[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : ch.val[lo - 1];
  }

  /** True if op b is in op a's causal past, or is a. */
  knows(a: number, b: number): boolean {
    return this.count(a, this.h.proc[b]) > this.h.pos[b];
  }

  /**
   * The first position of process p whose op has op u in its causal past (u's own position if u is
   * p's), or Infinity if none does.
   */
  firstKnowing(p: number, u: number): number {
    const h = this.h;
    const q = h.proc[u];
    if (q === p) return h.pos[u];
    const c = this.column[q];
    const ch = c < 0 ? undefined : this.changes[p].get(c);
    if (!ch) return Infinity;
    const need = h.pos[u];
    let lo = 0;
    let hi = ch.val.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ch.val[mid] <= need) lo = mid + 1;
      else hi = mid;
    }
    return lo === ch.val.length ? Infinity : ch.at[lo];
  }
}

/**
 * Called at each read that returned a write or the initial value, in topological order: `clock` is the
 * read's clock (by column; its own process's column, if any, counts the read), `source` the clock of
 * the write it read from (undefined for the initial value). Both are dense and only valid during the
 * call; `clocks` answers queries about any op already passed.
 */
export type ReadVisitor = (r: number, clock: Int32Array, source: Int32Array | undefined, clocks: Clocks) => void;

/** Computes the clocks along `order`, a topological order of po ∪ rf, visiting each read on the way. */
export function computeClocks(h: Prepared, order: Int32Array, onRead?: ReadVisitor): Clocks {
  const { n, proc, pos, rf, isWrite } = h;
  const P = h.ops.length;
  // Readers per write (all of them: a visitor wants the source clock of every read); sources are
  // processes with a write read by another process.
  const pending = new Int32Array(n);
  const column = new Int32Array(P).fill(-1);
  let width = 0;
  for (let r = 0; r < n; r++) {
    const w = rf[r];
    if (w < 0) continue;
    if (onRead || proc[w] !== proc[r]) pending[w]++;
    if (proc[w] !== proc[r] && column[proc[w]] < 0) column[proc[w]] = width++;
  }
  const clocks = new Clocks(h, column, width);
  const tips: (Int32Array | undefined)[] = new Array(P);
  const snapshots = new Map<number, Int32Array>();
  const pool: Int32Array[] = [];
  for (let k = 0; k < n; k++) {
    const u = order[k];
    const p = proc[u];
    const tip = (tips[p] ??= new Int32Array(width));
    const own = column[p];
    if (own >= 0) tip[own] = pos[u] + 1;
    const w = rf[u];
    if (w >= 0) {
      const snap = snapshots.get(w);
      if (proc[w] !== p && tip[column[proc[w]]] <= pos[w]) {
        for (let c = 0; c < width; c++) {
          const v = snap![c];
          if (v > tip[c] && c !== own) {
            tip[c] = v;
            clocks.record(p, pos[u], c, v);
          }
        }
      }
      onRead?.(u, tip, snap, clocks);
      if (snap && --pending[w] === 0) {
        pool.push(snap);
        snapshots.delete(w);
      }
    } else if (w !== THIN_AIR && !isWrite[u]) {
      onRead?.(u, tip, undefined, clocks);
    }
    if (isWrite[u] && pending[u] > 0) {
      const snap = pool.pop() ?? new Int32Array(width);
      snap.set(tip);
      snapshots.set(u, snap);
    }
    if (pos[u] === h.ops[p].length - 1) tips[p] = undefined;
  }
  return clocks;
}
