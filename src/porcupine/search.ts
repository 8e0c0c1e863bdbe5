/**
 * The search for one partition: Wing & Gong's depth-first search for a linearization, with Lowe's
 * memoization of visited configurations. Private to the package.
 *
 * The unlinearized entries form a doubly-linked list in real-time order. The candidates for the
 * next linearization point are the calls that come before the first return in the list (no
 * pending operation returned before they were called). Linearizing a call lifts it and its return
 * out of the list; backtracking puts them back (unlift), in reverse order, like dancing links.
 *
 * A configuration is (set of linearized ops, model state). The set is a bitset with a Zobrist hash
 * kept up to date on every set/clear; states are interned to ids (see states.ts), so a
 * configuration is two ints plus the words of the bitset.
 *
 * One pruning beyond Porcupine: linearizing a read-only operation (the model's `readOnly`: it can
 * never change the state, e.g. a read or a failed compare) is "forced". If r is a read-only
 * candidate legal in state s, any linearization from (S, s) can be reordered to put r first: r
 * keeps every state as it is, so the others' steps are unchanged; r's own real-time predecessors
 * are all in S; moving r earlier breaks no "r before x" order. So if (S + r, s) fails, so does
 * (S, s): the search backtracks past the level instead of trying r's siblings. Better still, at
 * each new configuration the search first looks for such an r and, if there is one, tries it alone;
 * only if none is legal does it try the other candidates (skipping the read-only ones, known
 * illegal here). (It is not enough that r keeps *this* state: a write of the current value changes
 * other states.)
 *
 * A model compiled to integer states (`Model.compile`) may also say that an illegal read-only
 * candidate can never become legal from here (`CompiledModel.never`, e.g. a kv get whose output
 * the value can no longer grow into): the configuration is then dead and the search backtracks.
 * This pruning is off in verbose mode, so that the prefixes recorded there are those of Porcupine's
 * whole tree; with it, a prefix may end earlier, at the configuration the pruning proved dead.
 *
 * Every search records, at each dead end, the stack as the longest prefix found for the ops on it
 * that had none as long (see `recordPrefix`): Porcupine's verbose info, at about no cost.
 */
import type { Entries } from './entries.js';
import { StateSpace } from './states.js';
import { VisitedSet, zobristKeys } from './visited.js';
import type { FullModel } from './types.js';

/** Outcome of a bounded run of the search. */
export const Status = {
  Running: 0,
  Ok: 1,
  Illegal: 2,
  /** Out of step or memory budget. */
  Exhausted: 3,
} as const;
/** One of the `Status` values. */
export type Status = (typeof Status)[keyof typeof Status];

/** A resumable search over one partition's entries. */
export class Search<S, I, O> {
  status: Status = Status.Running;
  steps = 0;
  readonly entries: Entries<I, O>;
  readonly space: StateSpace<S, I, O>;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly head: number;
  private readonly bits: Uint32Array;
  private readonly zobrist: Int32Array;
  private hash = 0;
  private visited: VisitedSet;
  private readonly stackEntry: Int32Array;
  private readonly stackState: Int32Array;
  private readonly stackForced: Uint8Array;
  /** Per op: 1 if the model says it is read-only. */
  private readonly readOnly: Uint8Array;
  private depth = 0;
  /** True when the current configuration has not been scanned for read-only candidates yet. */
  private fresh = true;
  private entry: number;
  private state: number;
  /** Per op: the longest linearizable prefix found that contains it (null while none does). */
  readonly longest: (Int32Array | null)[];
  /** Per op: the length of `longest[op]` (0 while none). */
  private readonly best: Int32Array;
  /**
   * Per stack position p: the least `best` of the ops at positions 0…p. Exact whenever the search
   * runs (set on push, refreshed by `recordPrefix`), so a dead end at depth d with `floor[d-1] >= d`
   * has nothing to record: every op on the stack already has a prefix at least that long.
   */
  private readonly floor: Int32Array;

  /**
   * `verbose`: explore Porcupine's own tree (no `CompiledModel.never` pruning), so the prefixes
   * recorded are the ones its verbose check finds; otherwise the pruned search records the prefixes
   * of the tree it explores.
   */
  constructor(
    model: FullModel<S, I, O>,
    entries: Entries<I, O>,
    private readonly verbose: boolean,
    private readonly maxVisited: number,
  ) {
    const n = entries.n;
    this.entries = entries;
    this.space = new StateSpace(model, entries);
    this.head = 2 * n;
    this.next = new Int32Array(2 * n + 1);
    this.prev = new Int32Array(2 * n + 1);
    for (let e = 0; e < 2 * n; e++) {
      this.next[e] = e + 1 < 2 * n ? e + 1 : -1;
      this.prev[e] = e > 0 ? e - 1 : this.head;
    }
    this.next[this.head] = n > 0 ? 0 : -1;
    this.prev[this.head] = -1;
    const words = Math.max(1, Math.ceil(n / 32));
    this.bits = new Uint32Array(words);
    this.zobrist = zobristKeys(n);
    this.visited = new VisitedSet(words);
    this.stackEntry = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.stackForced = new Uint8Array(n);
    this.readOnly = this.space.readOnly;
    this.entry = this.next[this.head];
    this.state = this.space.init();
    this.longest = new Array<Int32Array | null>(n).fill(null);
    this.best = new Int32Array(n);
    this.floor = new Int32Array(n);
    if (n === 0) this.status = Status.Ok;
  }

  /** Memo-table entries held (the search's memory, roughly 12 + n/8 bytes each). */
  get visitedCount(): number {
    return this.visited.size;
  }

  /** Bytes its memo table holds: what a search's memory grows with. */
  get memoBytes(): number {
    return this.visited.bytes;
  }

  /** Gives the search up as out of budget (`Exhausted`) and lets its memo table go. */
  abandon(): void {
    this.status = Status.Exhausted;
    this.visited = new VisitedSet(1);
  }

  /** Runs at most `budget` steps. Returns the status (Running if the budget ran out first). */
  run(budget: number): Status {
    if (this.status !== Status.Running) return this.status;
    const { next, prev, bits, zobrist, head, visited, stackEntry, stackState, stackForced, space, readOnly, best, floor } = this;
    const { isCall, opOf, match } = this.entries;
    let { entry, state, depth, hash, fresh } = this;
    // The model's compiled state machine, if any, is called directly (see states.ts).
    const compiled = space.compiled;
    // Its pruning (see CompiledModel.never), off in verbose mode so that the prefixes it reports are Porcupine's.
    const prune = compiled !== undefined && compiled.never !== undefined && !this.verbose;
    let steps = 0;
    let status: Status = Status.Running;
    while (next[head] !== -1) {
      if (steps >= budget) break;
      // Where to go: 0 linearize `entry` (state `after`), 1 keep scanning, 2 backtrack.
      let move = 1;
      let after = -1;
      if (fresh) {
        // A new configuration: a legal read-only candidate is taken alone (see the header).
        fresh = false;
        move = 1;
        for (let e = next[head]; isCall[e] === 1; e = next[e]) {
          if (readOnly[opOf[e]] === 1) {
            steps++;
            if ((compiled !== undefined ? compiled.step(state, opOf[e]) : space.step(state, opOf[e])) >= 0) {
              entry = e;
              after = state;
              move = 0;
              break;
            }
            if (prune && compiled!.never!(state, opOf[e], bits)) {
              move = 2;
              break;
            }
          }
        }
        if (move === 1) {
          entry = next[head];
          continue;
        }
      } else {
        steps++;
        if (isCall[entry] === 0) {
          move = 2;
        } else if (readOnly[opOf[entry]] === 0) {
          after = compiled !== undefined ? compiled.step(state, opOf[entry]) : space.step(state, opOf[entry]);
          if (after >= 0) move = 0;
        }
      }
      if (move === 0) {
        const op = opOf[entry];
        bits[op >>> 5] |= 1 << (op & 31);
        const h = hash ^ zobrist[op];
        if (visited.add(bits, h, after)) {
          stackEntry[depth] = entry;
          stackState[depth] = state;
          stackForced[depth] = readOnly[op];
          const below = depth > 0 ? floor[depth - 1] : best[op];
          floor[depth] = best[op] < below ? best[op] : below;
          depth++;
          hash = h;
          state = after;
          // lift the call and its return out of the list
          const r = match[entry];
          next[prev[entry]] = next[entry];
          prev[next[entry]] = prev[entry];
          next[prev[r]] = next[r];
          if (next[r] !== -1) prev[next[r]] = prev[r];
          fresh = true;
          if (visited.size > this.maxVisited) {
            status = Status.Exhausted;
            break;
          }
          continue;
        }
        bits[op >>> 5] &= ~(1 << (op & 31));
        // A forced move into an explored configuration: this configuration is dead too.
        move = readOnly[op] === 1 ? 2 : 1;
      }
      if (move === 1) {
        entry = next[entry];
        continue;
      }
      // Dead end: no candidate left at this level. The stack is a linearizable prefix: record it for
      // the ops it is the longest for, if any. Then backtrack.
      if (depth > 0 && floor[depth - 1] < depth) this.recordPrefix(depth);
      for (;;) {
        if (depth === 0) {
          status = Status.Illegal;
          break;
        }
        depth--;
        entry = stackEntry[depth];
        state = stackState[depth];
        const op = opOf[entry];
        bits[op >>> 5] &= ~(1 << (op & 31));
        hash ^= zobrist[op];
        // unlift: the return first, then the call (reverse of lift)
        const r = match[entry];
        next[prev[r]] = r;
        if (next[r] !== -1) prev[next[r]] = r;
        next[prev[entry]] = entry;
        prev[next[entry]] = entry;
        if (stackForced[depth] === 0) break;
      }
      if (status !== Status.Running) break;
      entry = next[entry];
    }
    if (status === Status.Running && next[head] === -1) {
      status = Status.Ok;
      if (depth > 0 && floor[depth - 1] < depth) this.recordPrefix(depth);
    }
    this.entry = entry;
    this.state = state;
    this.depth = depth;
    this.hash = hash;
    this.fresh = fresh;
    this.steps += steps;
    this.status = status;
    return status;
  }

  /**
   * The current stack (depth `depth`, with some op on it whose `best` is below `depth`) is a
   * linearizable prefix: keep it for the ops it is longest for. `floor` never increases along the
   * stack, so the ops that need it are at or above the first position whose floor is below `depth`;
   * the floors from there up are refreshed. Each call raises some op's `best`, so there are at most
   * n² calls in a whole search, and most dead ends cost the one comparison in `run`.
   */
  private recordPrefix(depth: number): void {
    const { longest, best, floor, stackEntry } = this;
    const { opOf } = this.entries;
    let lo = 0;
    let hi = depth - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (floor[mid] < depth) hi = mid;
      else lo = mid + 1;
    }
    let seq: Int32Array | null = null;
    let least = lo > 0 ? floor[lo - 1] : depth;
    for (let p = lo; p < depth; p++) {
      const op = opOf[stackEntry[p]];
      if (best[op] < depth) {
        best[op] = depth;
        seq ??= this.currentPrefix(depth);
        longest[op] = seq;
      }
      if (best[op] < least) least = best[op];
      floor[p] = least;
    }
  }

  private currentPrefix(depth: number): Int32Array {
    const seq = new Int32Array(depth);
    for (let i = 0; i < depth; i++) seq[i] = this.entries.opOf[this.stackEntry[i]];
    return seq;
  }

  /** The current stack as local op ids (the deepest prefix being explored). */
  prefix(): Int32Array {
    return this.currentPrefix(this.depth);
  }
}
