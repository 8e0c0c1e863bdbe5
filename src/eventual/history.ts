/**
 * From history records to client ops grouped by key: each invoke paired with its completion (by
 * process, as Jepsen pairs them), in invoke order, with the time of the last fault op (the heal).
 * A malformed history (a process with two ops in flight, a completion with no invoke or of another
 * `f`) is an `EventualInputError` naming the record.
 */
import { EventualInputError, type HistoryOp, type Outcome } from './types.js';

/** One client op: its invoke and how it ended. */
export interface ClientOp {
  f: string;
  key: string;
  process: number | string;
  /** The node that served it (`op.node`), or `process P` when the history does not record nodes. */
  replica: string;
  invokeIndex: number;
  invokeTime: number;
  outcome: Outcome;
  /** Completion time; Infinity for an op the history never completed. */
  completeTime: number;
  /** The completion's value for an `ok` read, else the invoke's value (what was added or incremented). */
  value: unknown;
}

/** A history's client ops by key (each key's in invoke order) and when the last fault op completed. */
export interface GroupedHistory {
  keys: Map<string, ClientOp[]>;
  /** Completion time of the last nemesis op (the final heal); -Infinity when there is none. */
  healTime: number;
  /** True when some client op names its node (replicas are nodes, not processes). */
  nodesRecorded: boolean;
}

/** Groups the client ops of `history` by key; `reads` names the f whose ok value is what it returned. */
export function groupByKey(history: readonly HistoryOp[], reads = 'read'): GroupedHistory {
  const keys = new Map<string, ClientOp[]>();
  const open = new Map<number | string, ClientOp>();
  let healTime = -Infinity;
  let nodesRecorded = false;
  for (const op of history) {
    if (op.process === 'nemesis') {
      if (op.type !== 'invoke') healTime = Math.max(healTime, op.time);
      continue;
    }
    if (op.type === 'invoke') {
      const prior = open.get(op.process);
      if (prior) throw new EventualInputError(op.index, `process ${op.process} invoked while op ${prior.invokeIndex} is still in flight`);
      const key = op.key === undefined ? '' : String(op.key);
      if (op.node !== undefined) nodesRecorded = true;
      const c: ClientOp = {
        f: op.f,
        key,
        process: op.process,
        replica: op.node ?? `process ${op.process}`,
        invokeIndex: op.index,
        invokeTime: op.time,
        outcome: 'open',
        completeTime: Infinity,
        value: op.value,
      };
      open.set(op.process, c);
      let list = keys.get(key);
      if (!list) keys.set(key, (list = []));
      list.push(c);
      continue;
    }
    const c = open.get(op.process);
    if (!c) throw new EventualInputError(op.index, `${op.type} from process ${op.process} with no invoke in flight`);
    if (c.f !== op.f) throw new EventualInputError(op.index, `completion f=${op.f} does not match invoke ${c.invokeIndex} f=${c.f}`);
    open.delete(op.process);
    c.outcome = op.type;
    c.completeTime = op.time;
    if (op.f === reads && op.type === 'ok') c.value = op.value;
  }
  return { keys, healTime, nodesRecorded };
}

/**
 * When a key went quiet: the latest of the heal and of every update's completion (an update never
 * completed counts from its invoke). Reads that begin after it see no write still in flight and no
 * fault in force: they are the key's candidates for final reads.
 */
export function quietTime(ops: readonly ClientOp[], healTime: number, reads = 'read'): number {
  let t = healTime;
  for (const op of ops) {
    if (op.f === reads) continue;
    t = Math.max(t, op.completeTime === Infinity ? op.invokeTime : op.completeTime);
  }
  return t;
}

/**
 * The final reads of a key: for each replica, its last `ok` read that began after the key went quiet.
 * Keyed by replica, in the order the replicas first appear.
 */
export function finalReads(ops: readonly ClientOp[], quiet: number, reads = 'read'): Map<string, ClientOp> {
  const out = new Map<string, ClientOp>();
  for (const op of ops) if (op.f === reads && op.outcome === 'ok' && op.invokeTime > quiet) out.set(op.replica, op);
  return out;
}
