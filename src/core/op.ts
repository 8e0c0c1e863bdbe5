/**
 * Operations and histories, with Jepsen's semantics.
 *
 * A history is a sequence of ops. Every client operation appears twice: an `invoke`, written before
 * the request is sent, and a completion written when its outcome is known:
 *  - `ok`   — it happened;
 *  - `fail` — it certainly did not happen;
 *  - `info` — unknown (timeout, connection lost mid-request): it may have taken effect at any time
 *             after its invoke, or never.
 * After an `info`, the worker's process id is retired and the worker continues as process
 * `id + concurrency` with a fresh client, so a process never has two ops in flight.
 * Nemesis ops use the process `"nemesis"`; their values say exactly what was done.
 *
 * Values are plain JSON, with one refinement: an integer outside `Number.isSafeInteger` is a
 * `bigint`, so that integers compare exactly (see exact-json.ts); on disk it is bare digits.
 */

/** The four kinds of history record. */
export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

/** A client process id (a worker's current incarnation), or the nemesis. */
export type ProcessId = number | 'nemesis';

/** One history record. Plain JSON: `jq` works on a history file. */
export interface Op {
  /** Position in the history, from 0, dense. */
  index: number;
  /** Nanoseconds since the test started, from a monotonic clock. */
  time: number;
  process: ProcessId;
  type: OpType;
  /** The function: read, write, cas, start-partition, kill, … */
  f: string;
  /** JSON data; integers beyond 2^53 − 1 in magnitude are `bigint`s. */
  value: unknown;
  /** The independent sub-history this op belongs to (e.g. the register key). */
  key?: string;
  /** The node the client addressed, when known. */
  node?: string;
  /** Why an op failed or is indeterminate. */
  error?: string;
}

/** What a generator hands the runner: an op still to be invoked. */
export interface OpTemplate {
  f: string;
  value?: unknown;
  key?: string;
}

/** The outcome a client reports for one invoked op. */
export interface Completion {
  type: 'ok' | 'fail' | 'info';
  value?: unknown;
  error?: string;
}

export const OP_TYPES: readonly OpType[] = ['invoke', 'ok', 'fail', 'info'];

/** True for the completion records of an op (anything but `invoke`). */
export function isCompletion(op: Op): boolean {
  return op.type !== 'invoke';
}

/** True for client ops (not the nemesis). */
export function isClientOp(op: Op): boolean {
  return op.process !== 'nemesis';
}

/** An invoke paired with its completion (absent when the history ended first). */
export interface OpPair {
  invoke: Op;
  complete?: Op;
}

/** A record a history may not hold where it is; `index` is its `Op.index`, `reason` says why. */
export class MalformedOpError extends Error {
  override readonly name = 'MalformedOpError';
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {
    super(`op ${index}: ${reason}`);
  }
}

/**
 * Pairs each invoke with its completion, by process. Throws a `MalformedOpError` if a process has
 * two ops in flight, a completion arrives with no invoke, or a completion's `f` is not its invoke's.
 */
export function pairOps(history: readonly Op[]): OpPair[] {
  const open = new Map<ProcessId, OpPair>();
  const pairs: OpPair[] = [];
  for (const op of history) {
    if (op.type === 'invoke') {
      const prior = open.get(op.process);
      if (prior) {
        throw new MalformedOpError(op.index, `process ${op.process} invoked while op ${prior.invoke.index} is still in flight`);
      }
      const pair: OpPair = { invoke: op };
      open.set(op.process, pair);
      pairs.push(pair);
    } else {
      const pair = open.get(op.process);
      if (!pair) throw new MalformedOpError(op.index, `${op.type} from process ${op.process} with no invoke in flight`);
      if (pair.invoke.f !== op.f) {
        throw new MalformedOpError(op.index, `completion f=${op.f} does not match invoke ${pair.invoke.index} f=${pair.invoke.f}`);
      }
      pair.complete = op;
      open.delete(op.process);
    }
  }
  return pairs;
}
