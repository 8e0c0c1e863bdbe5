/**
 * The causal order as vector clocks: "is op b in op a's causal past?" for any two ops, in time and
 * memory that do not grow with processes × ops.
 *
 * The clock of op u has, for each process q, the number of q's ops in u's causal past (u included):
 * b is in the past of a iff clock(a)[proc b] > pos b. Only processes with a write read by another
 * process ("sources") get a column: nothing else of a process ever enters another process's past.
 *
 * Clocks are persistent: a 32-way trie of columns whose leaves are 32 counts, never changed once
 * built, so an op keeps its clock as one reference and clocks share all they have in common. That is
 * what keeps histories with thousands of sessions (every timeout starts one) cheap: a new session
 * takes the clock of the first write it reads as it is; a join — a read of a write not yet in its
 * past — compares only the subtrees the two clocks do not share (the same object means the same
 * counts) and builds new nodes only along the paths that grow. A process's own column is implicit
 * (its position) except in the clocks of its writes, where readers need it.
 *
 * Clocks are computed in one pass over a topological order of po ∪ rf. A visitor sees each read with
 * the read's clock and the clock of the write it read, which is where the checks that compare a
 * read's past with its write's past run (`cc.ts`).
 */
import { get, join, levelsFor, raise, type Clock } from './clock-trie.js';
import { THIN_AIR, type Prepared } from './history.js';

export type { Clock } from './clock-trie.js';

/** Causal-past queries over a prepared history, built by `computeClocks`. */
export class Clocks {
  /** Per op: its clock (its own process's column left implicit, except at writes others read). */
  readonly of: Clock[];
  /** Inner levels of the tries. */
  private readonly levels: number;

  constructor(
    private readonly h: Prepared,
    /** Column of each process, or -1 if it is not a source. */
    readonly column: Int32Array,
    width: number,
  ) {
    this.of = new Array<Clock>(h.n).fill(null);
    this.levels = levelsFor(width);
  }

  /** Column c of `clock`. */
  at(clock: Clock, c: number): number {
    return get(clock, c, this.levels);
  }

  /** @internal `clock` with column c raised to v. */
  raise(clock: Clock, c: number, v: number): Clock {
    return raise(clock, c, v, this.levels);
  }

  /** @internal The columnwise maximum of two clocks. */
  join(a: Clock, b: Clock): Clock {
    return join(a, b, this.levels);
  }

  /** How many of process q's ops are in op a's causal past, a included. */
  count(a: number, q: number): number {
    const h = this.h;
    if (h.proc[a] === q) return h.pos[a] + 1;
    const c = this.column[q];
    return c < 0 ? 0 : get(this.of[a], c, this.levels);
  }

  /** True if op b is in op a's causal past, or is a. */
  knows(a: number, b: number): boolean {
    return this.count(a, this.h.proc[b]) > this.h.pos[b];
  }

  /**
   * The first position of process p whose op has op u in its causal past (u's own position if u is
   * p's), or Infinity if none does. Counts only grow along a process: a binary search.
   */
  firstKnowing(p: number, u: number): number {
    const h = this.h;
    const q = h.proc[u];
    if (q === p) return h.pos[u];
    const c = this.column[q];
    if (c < 0) return Infinity;
    const ops = h.ops[p];
    const need = h.pos[u];
    let lo = 0;
    let hi = ops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (get(this.of[ops[mid]], c, this.levels) <= need) lo = mid + 1;
      else hi = mid;
    }
    return lo === ops.length ? Infinity : lo;
  }
}

/**
 * Called at each read that returned a write or the initial value, in topological order: `clock` is the
 * read's clock, `source` the clock of the write it read from (null for the initial value; its own
 * process's column may be implicit). `clocks` answers queries about any op already passed.
 */
export type ReadVisitor = (r: number, clock: Clock, source: Clock, clocks: Clocks) => void;

/** Computes the clocks along `order`, a topological order of po ∪ rf, visiting each read on the way. */
export function computeClocks(h: Prepared, order: Int32Array, onRead?: ReadVisitor): Clocks {
  const { n, proc, pos, rf, isWrite } = h;
  const P = h.ops.length;
  const column = new Int32Array(P).fill(-1);
  const crossRead = new Uint8Array(n);
  let width = 0;
  for (let r = 0; r < n; r++) {
    const w = rf[r];
    if (w >= 0 && proc[w] !== proc[r]) {
      crossRead[w] = 1;
      if (column[proc[w]] < 0) column[proc[w]] = width++;
    }
  }
  const clocks = new Clocks(h, column, width);
  const tips: Clock[] = new Array<Clock>(P).fill(null);
  for (let k = 0; k < n; k++) {
    const u = order[k];
    const p = proc[u];
    let tip = tips[p];
    const w = rf[u];
    if (w >= 0) {
      const q = proc[w];
      if (q !== p && clocks.at(tip, column[q]) <= pos[w]) tip = clocks.join(tip, clocks.of[w]);
      clocks.of[u] = tip;
      onRead?.(u, tip, clocks.of[w], clocks);
    } else {
      if (isWrite[u] && crossRead[u]) tip = clocks.raise(tip, column[p], pos[u] + 1);
      clocks.of[u] = tip;
      if (w !== THIN_AIR && !isWrite[u]) onRead?.(u, tip, null, clocks);
    }
    tips[p] = tip;
  }
  return clocks;
}
