/**
 * The eventual engine's vocabulary: the history records it reads, the anomalies it reports, and the
 * one error it throws.
 *
 * A history is Jepsen's: every client op is an `invoke` record followed, on the same process, by its
 * completion — `ok` (it happened), `fail` (it certainly did not) or `info` (unknown: it may take
 * effect at any time after its invoke, or never); an invoke with no completion (the history ended
 * first) counts as `info`. Ops carry a `key` (each key is its own set or counter; no key is the key
 * `""`) and may carry the `node` that served them. Records of process `"nemesis"` are faults; the
 * engine only reads their times (the last one is the heal).
 *
 * The engine imports nothing from the rest of faultline: these shapes are its whole interface.
 */

/** One history record, as the engine needs it (faultline's and Jepsen's ops both fit). */
export interface HistoryOp {
  /** The record's index in the history, used to name it in anomalies and errors. */
  index: number;
  /** Nanoseconds since the test started (monotonic). */
  time: number;
  /** Client process id, or `"nemesis"`. */
  process: number | string;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: string;
  value: unknown;
  key?: string | number;
  /** The node (replica) the client addressed, when recorded. */
  node?: string;
}

/** How a client op ended; `open` is an invoke the history never completed (treated as `info`). */
export type Outcome = 'ok' | 'fail' | 'info' | 'open';

/** Something the engine found wrong, in a shape any report can draw. */
export interface EventualAnomaly {
  /** `lost`, `stale`, `duplicated`, `unexpected`, `ryw-violation`, `mr-violation`, `counter-read-low`, … */
  kind: string;
  /** The key (set or counter) it concerns. */
  key: string;
  /** Plain-language explanation naming the ops. */
  explanation: string;
  /** History indices of the records involved (invokes for whole ops). */
  ops: number[];
  /** Figures the explanation rests on (element, bounds, latency, …). */
  detail?: Record<string, unknown>;
}

/** A history the engine cannot judge; `message` is `op N: reason`. */
export class EventualInputError extends Error {
  override readonly name = 'EventualInputError';
  constructor(
    readonly opIndex: number,
    readonly reason: string,
  ) {
    super(`op ${opIndex}: ${reason}`);
  }
}

/** A short rendering of a value for explanations and errors. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'bigint' ? String(v) : (JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** `key "k1"` for explanations. */
export const keyText = (key: string): string => `key ${JSON.stringify(key)}`;
