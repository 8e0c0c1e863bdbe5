/**
 * The search for a sequential order of one partition: like the linearizability search (search.ts),
 * but an operation may be placed once every earlier operation of its own process is placed — real
 * time between processes plays no part (Lamport's sequential consistency). Private to the package.
 *
 * Per-process order is not an interval order (two processes of two operations each cannot be drawn
 * as call/return intervals that order exactly their own operations), so the search keeps, per
 * process, its next unplaced operation instead of a list of calls and returns: the candidates are
 * those heads. Everything else is the linearizability search's: configurations (set of placed
 * operations as a bitset with a Zobrist hash, interned model state) memoized in a `VisitedSet`, model
 * steps through a `StateSpace`, depth-first with an explicit stack, resumable in budgets of steps.
 *
 * The read-only pruning carries over unchanged. If r is a read-only candidate legal in state s, any
 * sequential order from (placed S, s) can be rearranged to place r first: r's process predecessors
 * are all in S (r heads its process), nothing is ordered before r except them, and r leaves every
 * state as it is, so the other operations' steps are unchanged. So a legal read-only candidate is
 * taken alone, and if that fails the configuration is dead. The other candidates are tried in order
 * of their call times: a history from a real system is mostly ordered by real time, so that order
 * usually works first, and trying it first keeps the search complete. An operation with unknown outcome (a
 * timeout) is the last of its process and matches any output, so placing it last is the same as its
 * never having happened. A model's compiled form (`Model.compile`) is not used: its pruning reasons
 * about real time.
 *
 * A history with a final phase of reads (`SequentialPart.phase`) is searched for an order of the
 * form [required and loose operations] [final reads] [loose operations]: a final read is a candidate
 * once every required operation is placed, and a loose one (an update with unknown outcome) only
 * before the first final read or after the last — placed after them, nobody sees it, as if it never
 * happened. The read-only pruning holds for required reads (moving one earlier breaks no phase), and
 * for a final read once no loose operation is left (all that remain are final reads); while one is,
 * final reads are tried like any other candidate.
 */
import type { Entries } from './entries.js';
import { LAST, LOOSE, REQUIRED, type SequentialPart } from './sequential-part.js';
import { Status } from './search.js';
import { StateSpace } from './states.js';
import type { FullModel } from './types.js';
import { VisitedSet, zobristKeys } from './visited.js';

/** A resumable search for a sequential order of one partition. */
export class SequentialSearch<S, I, O> {
  status: Status = Status.Running;
  steps = 0;
  readonly space: StateSpace<S, I, O>;
  /** Per process: its next unplaced operation, or -1. */
  private readonly heads: Int32Array;
  private readonly bits: Uint32Array;
  private readonly zobrist: Int32Array;
  private readonly visited: VisitedSet;
  private readonly stackOp: Int32Array;
  private readonly stackProc: Int32Array;
  private readonly stackState: Int32Array;
  private readonly stackCursor: Int32Array;
  private readonly stackForced: Uint8Array;
  private hash = 0;
  private depth = 0;
  private state: number;
  /** Placed operations by phase (`REQUIRED`, `LAST`, `LOOSE`). */
  private readonly placed = new Int32Array(3);
  /** True when the current configuration has not been looked at for a read-only candidate yet. */
  private fresh = true;
  /** The rank of the last candidate tried in the current configuration (-1: none yet). */
  private cursor = -1;
  /** The deepest prefix reached, and each process's next operation there. */
  best: Int32Array = new Int32Array(0);
  bestHeads: Int32Array;

  constructor(
    model: FullModel<S, I, O>,
    readonly part: SequentialPart<I, O>,
    private readonly maxVisited: number,
  ) {
    const n = part.n;
    const entries: Entries<I, O> = {
      n,
      inputs: part.inputs,
      outputs: part.outputs,
      index: part.index,
      isCall: new Uint8Array(0),
      opOf: new Int32Array(0),
      match: new Int32Array(0),
    };
    this.space = new StateSpace({ ...model, compile: undefined }, entries);
    this.heads = part.first.slice();
    this.bestHeads = part.first.slice();
    const words = Math.max(1, Math.ceil(n / 32));
    this.bits = new Uint32Array(words);
    this.zobrist = zobristKeys(n);
    this.visited = new VisitedSet(words);
    this.stackOp = new Int32Array(n);
    this.stackProc = new Int32Array(n);
    this.stackState = new Int32Array(n);
    this.stackCursor = new Int32Array(n);
    this.stackForced = new Uint8Array(n);
    this.state = this.space.init();
    if (n === 0) this.status = Status.Ok;
  }

  /** Runs at most `budget` steps. Returns the status (Running if the budget ran out first). */
  run(budget: number): Status {
    if (this.status !== Status.Running) return this.status;
    const { heads, space } = this;
    const { readOnly } = space;
    const { rank, phase, required, lastCount, looseCount } = this.part;
    const { placed } = this;
    /** Whether `op` may be placed now, as far as phases go (see the header). */
    const inPhase = (op: number): boolean => {
      const p = phase[op];
      return p === REQUIRED || (p === LAST ? placed[REQUIRED] === required : placed[LAST] === 0 || placed[LAST] === lastCount);
    };
    const P = heads.length;
    const n = this.part.n;
    let steps = 0;
    while (this.status === Status.Running) {
      if (this.depth === n) {
        this.status = Status.Ok;
        break;
      }
      if (steps >= budget) break;
      if (this.fresh) {
        // A new configuration: a legal read-only head is taken alone (see the header).
        this.fresh = false;
        this.cursor = -1;
        let forced = -1;
        for (let k = 0; k < P && forced < 0; k++) {
          const op = heads[k];
          if (op < 0 || readOnly[op] === 0 || !inPhase(op) || (phase[op] === LAST && placed[LOOSE] < looseCount)) continue;
          steps++;
          if (space.step(this.state, op) >= 0) forced = k;
        }
        if (forced >= 0) {
          if (!this.push(forced, this.state, 1)) this.backtrack();
          continue;
        }
      }
      let moved = false;
      for (;;) {
        // The untried head with the lowest rank; read-only heads are known illegal here (none was
        // legal when the configuration was new), except final reads while loose operations remain.
        const finalsFree = placed[LOOSE] < looseCount;
        let k = -1;
        for (let j = 0; j < P; j++) {
          const op = heads[j];
          if (op < 0 || (readOnly[op] !== 0 && !(finalsFree && phase[op] === LAST))) continue;
          if (rank[op] > this.cursor && (k < 0 || rank[op] < rank[heads[k]]) && inPhase(op)) k = j;
        }
        if (k < 0) break;
        this.cursor = rank[heads[k]];
        steps++;
        const after = space.step(this.state, heads[k]);
        if (after >= 0 && this.push(k, after, 0)) {
          moved = true;
          break;
        }
      }
      if (!moved) this.backtrack();
    }
    this.steps += steps;
    return this.status;
  }

  /** Places process k's head, moving to state `after`; false if that configuration was explored. */
  private push(k: number, after: number, forced: number): boolean {
    const op = this.heads[k];
    this.bits[op >>> 5] |= 1 << (op & 31);
    const h = this.hash ^ this.zobrist[op];
    if (!this.visited.add(this.bits, h, after)) {
      this.bits[op >>> 5] &= ~(1 << (op & 31));
      return false;
    }
    const d = this.depth;
    this.stackOp[d] = op;
    this.stackProc[d] = k;
    this.stackState[d] = this.state;
    this.stackCursor[d] = this.cursor;
    this.stackForced[d] = forced;
    this.depth = d + 1;
    this.heads[k] = this.part.next[op];
    this.placed[this.part.phase[op]]++;
    this.state = after;
    this.hash = h;
    this.fresh = true;
    if (this.depth > this.best.length) {
      this.best = this.stackOp.slice(0, this.depth);
      this.bestHeads = this.heads.slice();
    }
    if (this.visited.size > this.maxVisited) this.status = Status.Exhausted;
    return true;
  }

  /** Undoes placements back to a configuration with candidates left to try; Illegal if none. */
  private backtrack(): void {
    for (;;) {
      if (this.depth === 0) {
        this.status = Status.Illegal;
        return;
      }
      const d = --this.depth;
      const op = this.stackOp[d];
      this.heads[this.stackProc[d]] = op;
      this.placed[this.part.phase[op]]--;
      this.bits[op >>> 5] &= ~(1 << (op & 31));
      this.hash ^= this.zobrist[op];
      this.state = this.stackState[d];
      this.cursor = this.stackCursor[d];
      this.fresh = false;
      // A forced placement that failed leaves nothing else to try in the configuration before it.
      if (this.stackForced[d] === 0) return;
    }
  }
}
