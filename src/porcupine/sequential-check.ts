/**
 * Sequential consistency checks: every partition searched for an order that respects each process's
 * order and the model (sequential.ts), interleaved on the calling thread with the same budgets as the
 * linearizability check (a quantum of steps each, a timeout checked between quanta, a memo-size cap).
 *
 * Each partition first gets the linearizability search (search.ts): a linearization respects each
 * process's order (a process's operations do not overlap in time), so a linearizable partition is
 * sequentially consistent, and real time prunes that search far more than process order prunes the
 * sequential one. Only a partition found not linearizable, or whose linearizability search outgrows
 * its memo, is searched by process order.
 *
 * Partitioning by the model's `partition` (per key) is sound for ruling a history out — an order of
 * the whole history restricts to an order of each key — but, unlike linearizability, sequential
 * consistency is not compositional: every key can have an order while no order of the whole history
 * exists (process 1 writes x then reads y's old value; process 2 writes y then reads x's old value).
 * So `ok` means each partition has a sequential order; whether they combine is the caller's question
 * (faultline's checker answers it when processes visit keys in one common order).
 *
 * With `isLast`, the operations it names (a final phase of reads) must come after every other
 * operation of their partition in the order found, but for updates of unknown outcome, which may also
 * follow all of them (sequential.ts); a linearization not of that form is not taken, and the
 * process-order search is run with that constraint.
 */
import { splitWithIndices } from './check.js';
import { entriesFromOperations } from './entries.js';
import { fillDefaults } from './model.js';
import { Search, Status } from './search.js';
import { LAST, REQUIRED, sequentialPart, type SequentialPart } from './sequential-part.js';
import { SequentialSearch } from './sequential.js';
import type { CheckOptions, CheckResult, FullModel, Model, Operation } from './types.js';

const QUANTUM = 1 << 14;
const DEFAULT_MAX_VISITED = 8_000_000;

/** What the search learned about one partition. */
export interface SequentialPartitionInfo {
  result: CheckResult;
  /** Indices, into the history given to the check, of this partition's operations, in history order. */
  ops: number[];
  /** `describeOperation` of each of `ops`. */
  descriptions: string[];
  /** The deepest sequential prefix found (a complete order if `ok`), and the state after each op. */
  longest: { ops: number[]; states: string[] };
  /** Each process's next operation after that prefix (empty if `ok`). */
  next: number[];
  steps: number;
}

/** Options of a sequential check. */
export interface SequentialCheckOptions extends CheckOptions {
  /** Operations (by index into the history given) that must follow every other operation of their partition. */
  isLast?: (index: number) => boolean;
}

/** True when `order` (local ids) has the phases of `part` in the form the search requires (sequential.ts). */
function phasesInOrder(part: SequentialPart<unknown, unknown>, order: Int32Array): boolean {
  // 0: before the final reads; 1: among them; 2: after them (loose operations only).
  let stage = 0;
  for (const op of order) {
    const p = part.phase[op];
    if (p === LAST) {
      if (stage === 2) return false;
      stage = 1;
    } else if (p === REQUIRED) {
      if (stage > 0) return false;
    } else if (stage === 1) stage = 2;
  }
  return true;
}

/** A verbose sequential consistency check. */
export interface SequentialResult {
  result: CheckResult;
  partitions: SequentialPartitionInfo[];
}

const verdictOf = (s: Status): CheckResult => (s === Status.Ok ? 'ok' : s === Status.Illegal ? 'illegal' : 'unknown');

/** One partition: the linearizability search first, then (if needed) the process-order search. */
class PartitionSearch<S, I, O> {
  status: Status = Status.Running;
  steps = 0;
  private lin: Search<S, I, O> | undefined;
  private seq: SequentialSearch<S, I, O> | undefined;
  /** The order found, or the deepest prefix, in local operation ids; and each process's next op there. */
  best: Int32Array = new Int32Array(0);
  next: number[] = [];

  constructor(
    private readonly linModel: FullModel<S, I, O>,
    private readonly seqModel: FullModel<S, I, O>,
    readonly part: SequentialPart<I, O>,
    ops: Operation<I, O>[],
    private readonly maxVisited: number,
  ) {
    this.lin = new Search(linModel, entriesFromOperations(ops, part.index), false, maxVisited);
    if (this.lin.status === Status.Ok) this.status = Status.Ok;
  }

  run(budget: number): Status {
    if (this.status !== Status.Running) return this.status;
    if (this.lin) {
      const before = this.lin.steps;
      const status = this.lin.run(budget);
      this.steps += this.lin.steps - before;
      if (status === Status.Ok) {
        const order = this.lin.prefix();
        if (phasesInOrder(this.part as SequentialPart<unknown, unknown>, order)) {
          this.best = order;
          return (this.status = Status.Ok);
        }
      }
      if (status === Status.Running) return this.status;
      this.lin = undefined; // not linearizable, or out of memo: search by process order
      this.seq = new SequentialSearch(this.seqModel, this.part, this.maxVisited);
      return this.status;
    }
    const seq = this.seq!;
    const before = seq.steps;
    this.status = seq.run(budget);
    this.steps += seq.steps - before;
    this.best = seq.best;
    if (this.status !== Status.Ok) this.next = Array.from(seq.bestHeads).filter((op) => op >= 0);
    return this.status;
  }
}

/**
 * Checks each partition of `history` for sequential consistency (see the header: `ok` is per
 * partition) and returns what the search learned about each.
 */
export function checkSequentialVerbose<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], opts: SequentialCheckOptions = {}): SequentialResult {
  const lin = fillDefaults(model);
  const m = fillDefaults({ ...model, compile: undefined });
  const maxVisited = opts.maxCacheEntries ?? DEFAULT_MAX_VISITED;
  const searches = splitWithIndices(history, m.partition, 'operations').map(
    ({ part, indices }) => new PartitionSearch(lin, m, sequentialPart(part, indices, opts.isLast), part, maxVisited),
  );
  const deadline = opts.timeoutMs === undefined ? Infinity : performance.now() + opts.timeoutMs;
  const maxSteps = opts.maxSteps ?? Infinity;
  let active = searches.filter((s) => s.status === Status.Running);
  let stop = false;
  while (active.length > 0 && !stop) {
    const still: typeof active = [];
    for (const s of active) {
      const status = s.run(Math.min(QUANTUM, maxSteps - s.steps));
      if (status === Status.Illegal && !opts.all) stop = true;
      if (status === Status.Running) {
        if (s.steps >= maxSteps) s.status = Status.Exhausted;
        else still.push(s);
      }
      if (stop || performance.now() > deadline) {
        stop = true;
        break;
      }
    }
    active = still;
  }
  const result: CheckResult = searches.some((s) => s.status === Status.Illegal) ? 'illegal' : searches.every((s) => s.status === Status.Ok) ? 'ok' : 'unknown';
  return {
    result,
    partitions: searches.map((s) => {
      const { part } = s;
      const order = part.index.map((_, op) => op).sort((a, b) => part.index[a] - part.index[b]);
      const states: string[] = [];
      let state = m.init();
      for (const op of s.best) {
        state = m.step(state, part.inputs[op], part.outputs[op])[1];
        states.push(m.describeState(state));
      }
      return {
        result: verdictOf(s.status),
        ops: order.map((op) => part.index[op]),
        descriptions: order.map((op) => m.describeOperation(part.inputs[op], part.outputs[op])),
        longest: { ops: Array.from(s.best, (op) => part.index[op]), states },
        next: s.status === Status.Ok ? [] : s.next.map((op) => part.index[op]),
        steps: s.steps,
      };
    }),
  };
}

/** Checks `history` for sequential consistency per partition: `ok`, `illegal`, or `unknown` (budget ran out). */
export function checkSequential<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], opts: SequentialCheckOptions = {}): CheckResult {
  return checkSequentialVerbose(model, history, opts).result;
}
